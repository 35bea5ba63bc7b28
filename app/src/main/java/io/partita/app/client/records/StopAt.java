package io.partita.app.client.records;

/** Where a replay stops in each partition: the end, before an offset, or before the first record at a time. */
public sealed interface StopAt {

    /** The partition's end (its high watermark) when the replay starts. */
    record End() implements StopAt {}

    /** Before this offset (the record at it is not replayed). */
    record Offset(long offset) implements StopAt {
        public Offset {
            if (offset < 0) {
                throw new IllegalArgumentException("an offset is 0 or more, not " + offset);
            }
        }
    }

    /** Before the first record with a timestamp at or after {@code epochMillis}: the same rule as a start time. */
    record Time(long epochMillis) implements StopAt {}
}
