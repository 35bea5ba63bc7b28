package io.partita.broker.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;

/**
 * Kafka's rack-unaware replica assignment: leaders round-robin over the brokers from a random start, and
 * followers shifted so that replicas of consecutive partitions land on different brokers.
 */
public final class ReplicaAssigner {

    private ReplicaAssigner() {
    }

    public static Map<Integer, List<Integer>> assign(List<Integer> liveBrokers, int firstPartition, int partitions,
                                                     int replicationFactor) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return assign(liveBrokers, firstPartition, partitions, replicationFactor,
                liveBrokers.isEmpty() ? 0 : random.nextInt(liveBrokers.size()),
                liveBrokers.isEmpty() ? 0 : random.nextInt(liveBrokers.size()));
    }

    static Map<Integer, List<Integer>> assign(List<Integer> liveBrokers, int firstPartition, int partitions,
                                              int replicationFactor, int startIndex, int initialShift) {
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
