package io.partita.broker.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;

/**
 * Kafka's replica assignment: leaders round-robin over the brokers from a random start, and followers
 * shifted so that replicas of consecutive partitions land on different brokers. When every broker names a
 * rack, the brokers are first ordered rack by rack in turn and each partition's replicas are spread over as
 * many racks as it has replicas (Kafka's rack-aware assignment), so losing a rack loses no partition.
 */
public final class ReplicaAssigner {

    private ReplicaAssigner() {}

    public static Map<Integer, List<Integer>> assign(
            List<Integer> liveBrokers, int firstPartition, int partitions, int replicationFactor) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return assign(
                liveBrokers,
                firstPartition,
                partitions,
                replicationFactor,
                liveBrokers.isEmpty() ? 0 : random.nextInt(liveBrokers.size()),
                liveBrokers.isEmpty() ? 0 : random.nextInt(liveBrokers.size()));
    }

    /**
     * Rack-aware when every broker has a rack, plain when none has; a mix is refused, as Kafka refuses it.
     *
     * @param racks each live broker's rack, or null for a broker without one
     */
    public static Map<Integer, List<Integer>> assign(
            Map<Integer, String> racks, int firstPartition, int partitions, int replicationFactor) {
        long withRack = racks.values().stream().filter(Objects::nonNull).count();
        List<Integer> brokers = new ArrayList<>(racks.keySet());
        if (withRack == 0) {
            return assign(brokers, firstPartition, partitions, replicationFactor);
        }
        if (withRack != racks.size()) {
            throw new InvalidReplicaAssignmentException(
                    "Not all brokers have rack information: set broker.rack on every node or on none.");
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return assignRackAware(
                racks,
                firstPartition,
                partitions,
                replicationFactor,
                random.nextInt(racks.size()),
                random.nextInt(racks.size()));
    }

    static Map<Integer, List<Integer>> assignRackAware(
            Map<Integer, String> racks,
            int firstPartition,
            int partitions,
            int replicationFactor,
            int startIndex,
            int initialShift) {
        if (replicationFactor <= 0) {
            throw new InvalidReplicationFactorException("Replication factor must be larger than 0.");
        }
        if (replicationFactor > racks.size()) {
            throw new InvalidReplicationFactorException("Replication factor: " + replicationFactor
                    + " larger than available brokers: " + racks.size() + ".");
        }
        List<Integer> brokers = rackAlternated(racks);
        int n = brokers.size();
        long rackCount = racks.values().stream().distinct().count();
        Map<Integer, List<Integer>> assignment = new TreeMap<>();
        int shift = initialShift;
        for (int i = 0; i < partitions; i++) {
            int partition = firstPartition + i;
            if (i > 0 && (partition % n) == 0) {
                shift++;
            }
            int first = (partition + startIndex) % n;
            int leader = brokers.get(first);
            List<Integer> replicas = new ArrayList<>(List.of(leader));
            Set<String> racksUsed = new HashSet<>(List.of(racks.get(leader)));
            int k = 0;
            while (replicas.size() < replicationFactor) {
                if (k > 2 * n) {
                    throw new IllegalStateException("no rack-aware placement found for partition " + partition);
                }
                int candidate = brokers.get((first + 1 + (shift + k) % (n - 1)) % n);
                k++;
                boolean newRack = !racksUsed.contains(racks.get(candidate)) || racksUsed.size() == rackCount;
                if (newRack && !replicas.contains(candidate)) {
                    replicas.add(candidate);
                    racksUsed.add(racks.get(candidate));
                }
            }
            assignment.put(partition, List.copyOf(replicas));
        }
        return assignment;
    }

    /** Brokers ordered rack by rack in turn: r1's first, r2's first, ..., r1's second, ... */
    static List<Integer> rackAlternated(Map<Integer, String> racks) {
        Map<String, List<Integer>> byRack = new TreeMap<>();
        new TreeMap<>(racks)
                .forEach((broker, rack) ->
                        byRack.computeIfAbsent(rack, r -> new ArrayList<>()).add(broker));
        List<Integer> ordered = new ArrayList<>();
        for (int round = 0; ordered.size() < racks.size(); round++) {
            for (List<Integer> inRack : byRack.values()) {
                if (round < inRack.size()) {
                    ordered.add(inRack.get(round));
                }
            }
        }
        return ordered;
    }

    static Map<Integer, List<Integer>> assign(
            List<Integer> liveBrokers,
            int firstPartition,
            int partitions,
            int replicationFactor,
            int startIndex,
            int initialShift) {
        if (replicationFactor <= 0) {
            throw new InvalidReplicationFactorException("Replication factor must be larger than 0.");
        }
        if (replicationFactor > liveBrokers.size()) {
            throw new InvalidReplicationFactorException("Replication factor: " + replicationFactor
                    + " larger than available brokers: " + liveBrokers.size() + ".");
        }
        List<Integer> brokers = liveBrokers.stream().sorted().toList();
        int n = brokers.size();
        Map<Integer, List<Integer>> assignment = new TreeMap<>();
        int shift = initialShift;
        for (int i = 0; i < partitions; i++) {
            int partition = firstPartition + i;
            if (i > 0 && (partition % n) == 0) {
                shift++;
            }
            int first = (partition + startIndex) % n;
            List<Integer> replicas = new ArrayList<>(replicationFactor);
            replicas.add(brokers.get(first));
            for (int j = 0; j < replicationFactor - 1; j++) {
                replicas.add(brokers.get((first + 1 + (shift + j) % (n - 1)) % n));
            }
            assignment.put(partition, List.copyOf(replicas));
        }
        return assignment;
    }
}
