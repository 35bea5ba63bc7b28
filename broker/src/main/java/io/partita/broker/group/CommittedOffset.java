package io.partita.broker.group;

/**
 * A committed offset as the coordinator stores it.
 *
 * @param leaderEpoch     the epoch of the record before the offset, as the client knew it (-1: unknown)
 * @param metadata        the client's string, never null ("" when none was given)
 * @param commitTimestamp when the coordinator accepted it, for offsets.retention.minutes
 */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestamp) {
    public CommittedOffset {
        metadata = metadata == null ? "" : metadata;
    }
}
