package io.partita.app.client.groups;

import java.util.OptionalLong;

/**
 * Where a group stands on one partition: the partition's offset axis (log start, the oldest offset still kept,
 * to log end, the high watermark a consumer can reach), the group's committed offset on it (if any) and the
 * member id of the member that owns the partition now ("" when none does).
 */
public record PartitionLag(String topic, int partition, long logStart, long committed, long logEnd, String owner) {
    public static final long NO_COMMIT = -1;

    /** A partition whose log still starts at offset 0 (nothing deleted yet). */
    public PartitionLag(String topic, int partition, long committed, long logEnd, String owner) {
        this(topic, partition, 0, committed, logEnd, owner);
    }

    public boolean hasCommit() {
        return committed != NO_COMMIT;
    }

    /** How many records the group has still to read; empty while it has committed nothing here. */
    public OptionalLong lag() {
        return committed == NO_COMMIT ? OptionalLong.empty() : OptionalLong.of(Math.max(0, logEnd - committed));
    }
}
