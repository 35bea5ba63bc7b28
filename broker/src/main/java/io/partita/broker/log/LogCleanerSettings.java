package io.partita.broker.log;

/**
 * The node's log cleaner, as Kafka's broker configures it: {@code log.cleaner.enable},
 * {@code log.cleaner.backoff.ms}, {@code log.cleaner.dedupe.buffer.size} and
 * {@code log.cleaner.io.buffer.load.factor}. One cleaner thread per log store (Kafka's default of one
 * {@code log.cleaner.threads}).
 *
 * @param enable          whether the background cleaner runs at all
 * @param backoffMs       how long the cleaner sleeps when no log needs cleaning
 * @param dedupeBufferSize the most memory a pass's key -> offset map may take (24 bytes a key)
 * @param loadFactor      how full that map may get before a pass stops mapping more of the dirty log
 */
public record LogCleanerSettings(boolean enable, long backoffMs, long dedupeBufferSize, double loadFactor) {

    public static final long DEFAULT_BACKOFF_MS = 15_000L;
    public static final long DEFAULT_DEDUPE_BUFFER_SIZE = 128L << 20;
    public static final double DEFAULT_LOAD_FACTOR = 0.9;

    public LogCleanerSettings {
        if (backoffMs < 0) {
            throw new IllegalArgumentException("backoffMs must not be negative: " + backoffMs);
        }
        if (dedupeBufferSize < OffsetMap.BYTES_PER_ENTRY * 1024L) {
            throw new IllegalArgumentException("dedupeBufferSize is too small: " + dedupeBufferSize);
        }
        if (!(loadFactor > 0 && loadFactor <= 1)) {
            throw new IllegalArgumentException("loadFactor must be in (0, 1]: " + loadFactor);
        }
    }

    /** Kafka's defaults. */
    public static LogCleanerSettings defaults() {
        return new LogCleanerSettings(true, DEFAULT_BACKOFF_MS, DEFAULT_DEDUPE_BUFFER_SIZE, DEFAULT_LOAD_FACTOR);
    }

    public LogCleanerSettings withEnable(boolean value) {
        return new LogCleanerSettings(value, backoffMs, dedupeBufferSize, loadFactor);
    }

    public LogCleanerSettings withBackoffMs(long value) {
        return new LogCleanerSettings(enable, value, dedupeBufferSize, loadFactor);
    }

    public LogCleanerSettings withDedupeBufferSize(long value) {
        return new LogCleanerSettings(enable, backoffMs, value, loadFactor);
    }

    /** How many keys one pass may map. */
    long maxMapEntries() {
        return (long) (dedupeBufferSize / OffsetMap.BYTES_PER_ENTRY * loadFactor);
    }
}
