package io.partita.app.client.cluster;

import java.util.List;
import java.util.Optional;

/**
 * One partition as the cluster map shows it: its replicas in assignment order (the first is the preferred
 * leader), the leader (-1 when the partition is offline), the in-sync replicas and the replicas on brokers
 * that are down.
 */
public record PartitionRow(
        String topic,
        int partition,
        List<Integer> replicas,
        int leader,
        List<Integer> isr,
        List<Integer> offline,
        boolean internal,
        PartitionPositions positions) {
    public static final int NO_LEADER = -1;

    public PartitionRow {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        offline = List.copyOf(offline);
        positions = positions == null ? PartitionPositions.UNKNOWN : positions;
    }

    /** A row whose replica positions are not known (yet). */
    public PartitionRow(
            String topic,
            int partition,
            List<Integer> replicas,
            int leader,
            List<Integer> isr,
            List<Integer> offline,
            boolean internal) {
        this(topic, partition, replicas, leader, isr, offline, internal, PartitionPositions.UNKNOWN);
    }

    /** The same row with its replica positions. */
    public PartitionRow withPositions(PartitionPositions known) {
        return new PartitionRow(topic, partition, replicas, leader, isr, offline, internal, known);
    }

    /** The state of this partition's replica on {@code brokerId}, or empty if it has none there. */
    public Optional<ReplicaState> replicaOn(int brokerId) {
        if (!replicas.contains(brokerId)) {
            return Optional.empty();
        }
        if (offline.contains(brokerId)) {
            return Optional.of(ReplicaState.OFFLINE);
        }
        if (leader == brokerId) {
            return Optional.of(ReplicaState.LEADER);
        }
        return Optional.of(isr.contains(brokerId) ? ReplicaState.IN_SYNC : ReplicaState.OUT_OF_SYNC);
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    /** Fewer in-sync replicas than replicas: Kafka's "under-replicated". */
    public boolean underReplicated() {
        return isr.size() < replicas.size();
    }

    /** Identifies the row across refreshes. */
    public String key() {
        return key(topic, partition);
    }

    /** The key of partition {@code partition} of {@code topic}'s row. */
    public static String key(String topic, int partition) {
        return topic + "-" + partition;
    }
}
