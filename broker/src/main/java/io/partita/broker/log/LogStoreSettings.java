package io.partita.broker.log;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Node-level storage settings. {@code flushIntervalMessages}/{@code flushIntervalMs} are the node's
 * log.flush.interval.messages / log.flush.interval.ms: the environment is synced when either the node-wide or
 * a partition's own flush.messages / flush.ms is due. {@code writebackIntervalMs} is how often the data file's
 * dirty pages are handed to the disk without waiting ({@link DataFileWriteback}; 0 turns that off). The clock
 * (epoch millis) is injectable for tests. {@code batchPieceBytes} is the largest piece a batch is stored in
 * ({@link BatchPieces}); 0, the default, is what fits an LMDB leaf page. Tests set it smaller, to cut every
 * batch, or to {@link Integer#MAX_VALUE}, to store batches whole as stores written before pieces did.
 */
public record LogStoreSettings(
        Path directory,
        long mapSizeBytes,
        int maxDatabases,
        long flushIntervalMessages,
        long flushIntervalMs,
        long retentionCheckIntervalMs,
        long writebackIntervalMs,
        LongSupplier clock,
        LogCleanerSettings cleaner,
        long checkpointIntervalMs,
        int batchPieceBytes) {

    public static final long DEFAULT_MAP_SIZE = 64L << 30;
    public static final int DEFAULT_MAX_DATABASES = 32_768;
    public static final long DEFAULT_RETENTION_CHECK_INTERVAL_MS = 300_000L;
    /** See {@link DataFileWriteback}: small enough that one batch of dirty pages is a short queue on the disk. */
    public static final long DEFAULT_WRITEBACK_INTERVAL_MS = 250L;
    /** See {@link Checkpointer}: how much a machine crash may take back from this node's own copy. */
    public static final long DEFAULT_CHECKPOINT_INTERVAL_MS = 1_000L;

    public LogStoreSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cleaner, "cleaner");
        if (mapSizeBytes < 1 << 20) {
            throw new IllegalArgumentException("mapSizeBytes must be at least 1 MiB: " + mapSizeBytes);
        }
        if (maxDatabases < 3) {
            throw new IllegalArgumentException("maxDatabases must be at least 3: " + maxDatabases);
        }
        if (flushIntervalMessages < 1 || flushIntervalMs < 0 || retentionCheckIntervalMs < 1) {
            throw new IllegalArgumentException("flush and retention intervals must be positive");
        }
        if (checkpointIntervalMs < 0) {
            throw new IllegalArgumentException(
                    "checkpointIntervalMs must be 0 (off) or positive: " + checkpointIntervalMs);
        }
        if (batchPieceBytes < 0 || (batchPieceBytes > 0 && batchPieceBytes < BatchHeader.HEADER_SIZE)) {
            throw new IllegalArgumentException(
                    "batchPieceBytes must be 0 (what fits a page) or hold a batch header: " + batchPieceBytes);
        }
        if (writebackIntervalMs < 0) {
            throw new IllegalArgumentException(
                    "writebackIntervalMs must be 0 (off) or positive: " + writebackIntervalMs);
        }
    }

    /**
     * Kafka's defaults: never force a sync (replication gives durability), check retention every 5 minutes; and
     * steady writeback of the data file.
     */
    public static LogStoreSettings defaults(Path directory) {
        return new LogStoreSettings(
                directory,
                DEFAULT_MAP_SIZE,
                DEFAULT_MAX_DATABASES,
                Long.MAX_VALUE,
                Long.MAX_VALUE,
                DEFAULT_RETENTION_CHECK_INTERVAL_MS,
                DEFAULT_WRITEBACK_INTERVAL_MS,
                System::currentTimeMillis,
                LogCleanerSettings.defaults(),
                DEFAULT_CHECKPOINT_INTERVAL_MS,
                0);
    }

    public LogStoreSettings withMapSizeBytes(long value) {
        return with(copy -> copy.mapSizeBytes = value);
    }

    /**
     * The LMDB databases a store needs to hold {@code partitions} partitions: two each (the log and its time
     * index) and the store's own {@code meta}. LMDB reuses the slot of a dropped database.
     */
    public static int databasesFor(int partitions) {
        return Math.toIntExact(2L * partitions + 1);
    }

    public LogStoreSettings withMaxDatabases(int value) {
        return with(copy -> copy.maxDatabases = value);
    }

    public LogStoreSettings withFlushIntervalMessages(long value) {
        return with(copy -> copy.flushIntervalMessages = value);
    }

    public LogStoreSettings withFlushIntervalMs(long value) {
        return with(copy -> copy.flushIntervalMs = value);
    }

    public LogStoreSettings withRetentionCheckIntervalMs(long value) {
        return with(copy -> copy.retentionCheckIntervalMs = value);
    }

    public LogStoreSettings withWritebackIntervalMs(long value) {
        return with(copy -> copy.writebackIntervalMs = value);
    }

    public LogStoreSettings withClock(LongSupplier value) {
        return with(copy -> copy.clock = value);
    }

    public LogStoreSettings withCleaner(LogCleanerSettings value) {
        return with(copy -> copy.cleaner = value);
    }

    public LogStoreSettings withCheckpointIntervalMs(long value) {
        return with(copy -> copy.checkpointIntervalMs = value);
    }

    public LogStoreSettings withBatchPieceBytes(int value) {
        return with(copy -> copy.batchPieceBytes = value);
    }

    /** A copy of these settings with {@code change} made to it (each wither changes one setting). */
    private LogStoreSettings with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.settings();
    }

    /** The settings as fields a wither can change, then a record again. */
    private static final class Copy {
        Path directory;
        long mapSizeBytes;
        int maxDatabases;
        long flushIntervalMessages;
        long flushIntervalMs;
        long retentionCheckIntervalMs;
        long writebackIntervalMs;
        LongSupplier clock;
        LogCleanerSettings cleaner;
        long checkpointIntervalMs;
        int batchPieceBytes;

        Copy(LogStoreSettings settings) {
            directory = settings.directory;
            mapSizeBytes = settings.mapSizeBytes;
            maxDatabases = settings.maxDatabases;
            flushIntervalMessages = settings.flushIntervalMessages;
            flushIntervalMs = settings.flushIntervalMs;
            retentionCheckIntervalMs = settings.retentionCheckIntervalMs;
            writebackIntervalMs = settings.writebackIntervalMs;
            clock = settings.clock;
            cleaner = settings.cleaner;
            checkpointIntervalMs = settings.checkpointIntervalMs;
            batchPieceBytes = settings.batchPieceBytes;
        }

        LogStoreSettings settings() {
            return new LogStoreSettings(
                    directory,
                    mapSizeBytes,
                    maxDatabases,
                    flushIntervalMessages,
                    flushIntervalMs,
                    retentionCheckIntervalMs,
                    writebackIntervalMs,
                    clock,
                    cleaner,
                    checkpointIntervalMs,
                    batchPieceBytes);
        }
    }
}
