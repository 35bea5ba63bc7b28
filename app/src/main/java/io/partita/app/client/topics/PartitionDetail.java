package io.partita.app.client.topics;

import java.util.List;

/**
 * One partition of a topic as the detail shows it. Offsets and size are {@link TopicStats#UNKNOWN} when the
 * cluster did not say (no leader, or the request was refused).
 *
 * @param leader {@link #NO_LEADER} when the partition has none
 */
public record PartitionDetail(
        int partition,
        int leader,
        List<Integer> replicas,
        List<Integer> isr,
        long logStartOffset,
        long highWatermark,
        long sizeBytes) {
    public static final int NO_LEADER = -1;

    public PartitionDetail {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** Replicas that are not in the ISR: behind the leader, or on a broker that is down. */
    public List<Integer> outOfSync() {
        return replicas.stream().filter(r -> !isr.contains(r)).toList();
    }

    /** Offsets the partition holds, an upper bound of its records; unknown when either end is. */
    public long records() {
        return logStartOffset < 0 || highWatermark < 0 ? TopicStats.UNKNOWN : highWatermark - logStartOffset;
    }
}
