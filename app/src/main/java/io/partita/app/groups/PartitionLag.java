package io.partita.app.groups;

import java.util.OptionalLong;

/**
 * Where a group stands on one partition: its committed offset (if any), the partition's log end (the high
 * watermark a consumer can reach) and which member owns the partition now ("" when none does).
 */
public record PartitionLag(String topic, int partition, long committed, long logEnd, String owner) {
    public static final long NO_COMMIT = -1;

    /** How many records the group has still to read; empty while it has committed nothing here. */
    public OptionalLong lag() {
        return committed == NO_COMMIT ? OptionalLong.empty() : OptionalLong.of(Math.max(0, logEnd - committed));
    }
}
