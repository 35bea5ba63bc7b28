package io.partita.app.client.groups;

/**
 * What the cluster said about one partition when a reset was previewed: the group's committed offset
 * ({@link PartitionLag#NO_COMMIT} if none), the log start and end, and the first offset at or after the
 * requested time (-1 when no record is that recent, or when no time was asked for).
 */
public record PartitionOffsets(
        String topic, int partition, long committed, long logStart, long logEnd, long atTimestamp) {
    public static final long NONE = -1;
}
