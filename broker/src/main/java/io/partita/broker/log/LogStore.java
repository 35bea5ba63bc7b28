package io.partita.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All partition logs of one node, in one LMDB environment.
 *
 * <p>Flags: MDB_NOTLS because read transactions are begun on many threads (network, fetch, tests) and are not
 * tied to one; MDB_NOSYNC because a commit's pages reach the kernel at commit (no WRITEMAP), which already
 * survives kill -9 of the process, and the disk sync is Kafka's flush.messages / flush.ms decision, made by the
 * writer. Durability across machine loss comes from replication, as in Kafka.
 */
public final class LogStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogStore.class);
    private static final int MAX_READERS = 1024;

    private final LogStoreSettings settings;
    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> meta;
    private final ReadWriteLock mapLock = new ReentrantReadWriteLock();
    private final StoreWriter writer;
    private final ReadTxnPool readTxns;
    private final Map<PartitionKey, PartitionLog> partitions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retentionScheduler;
    private final LogCleaner cleaner;
    /** Steady writeback of the data file; absent when turned off or not offered (non-Linux). */
    private final Optional<DataFileWriteback> writeback;

    private volatile boolean closed;
    private final StoreFailure failure = new StoreFailure();
    private final Checkpointer checkpointer;

    private LogStore(LogStoreSettings settings, Env<ByteBuffer> env) {
        this.settings = settings;
        this.env = env;
        this.meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
        this.checkpointer = new Checkpointer(
                env,
                settings.directory(),
                settings.checkpointIntervalMs(),
                settings.checkpointIntervalMs() > 0 ? CheckpointFile.currentBootId() : Optional.empty());
        this.writer = new StoreWriter(env, meta, mapLock, settings, "partita-log-writer", failure, checkpointer);
        this.readTxns = new ReadTxnPool(env);
        this.retentionScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "partita-log-retention");
            thread.setDaemon(true);
            return thread;
        });
        this.cleaner = new LogCleaner(this, settings.cleaner());
        this.writeback = settings.writebackIntervalMs() > 0
                ? DataFileWriteback.start(
                        settings.directory().resolve("data.mdb"), env.stat().pageSize, settings.writebackIntervalMs())
                : Optional.empty();
    }

    /** Opens (creating if missing) the environment in {@code settings.directory()}, with what it holds. */
    public static LogStore open(LogStoreSettings settings) throws IOException {
        LmdbNativeLibrary.install();
        Files.createDirectories(settings.directory());
        Optional<String> boot = settings.checkpointIntervalMs() > 0 ? CheckpointFile.currentBootId() : Optional.empty();
        if (settings.checkpointIntervalMs() > 0 && boot.isEmpty()) {
            LOG.warn(
                    "This system tells neither its boot id nor when it started, so {} keeps no checkpoints: after a"
                            + " power cut or OS crash its data may not open (then start the node empty)",
                    settings.directory());
        }
        Checkpointer.restoreAfterReboot(settings.directory(), boot);
        Env<ByteBuffer> env;
        LogStore store;
        try {
            env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                    .setMapSize(settings.mapSizeBytes())
                    .setMaxDbs(settings.maxDatabases())
                    .setMaxReaders(MAX_READERS)
                    .open(settings.directory().toFile(), EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC);
        } catch (LmdbException e) {
            throw unreadable(settings.directory(), e);
        }
        try {
            store = new LogStore(settings, env);
            store.storedPartitions(); // reads the whole meta database: a damaged one fails here, not later
        } catch (LmdbException e) {
            env.close();
            throw unreadable(settings.directory(), e);
        }
        store.checkpointer.take(settings.clock().getAsLong()); // before any write: the state it opened with
        store.writer.start();
        long interval = settings.retentionCheckIntervalMs();
        store.retentionScheduler.scheduleWithFixedDelay(
                store::retentionTick, interval, interval, TimeUnit.MILLISECONDS);
        store.cleaner.start();
        LOG.info(
                "Opened log store in {} holding {} partitions",
                settings.directory(),
                store.storedPartitions().size());
        return store;
    }

    public Path directory() {
        return settings.directory();
    }

    /**
     * One line for a user: which directory, what LMDB said, and what to do. A node's data is one of its replicas'
     * copies: started empty, it copies its partitions back from the other replicas.
     */
    private static UnreadableStoreException unreadable(Path directory, LmdbException e) {
        return new UnreadableStoreException(
                directory,
                "The log store in " + directory.toAbsolutePath() + " cannot be opened ("
                        + e.getMessage()
                        + "). If its partitions have replicas on other nodes, move this directory aside"
                        + " and start the node again: it starts empty and copies them back from the others.",
                e);
    }

    /**
     * Tells {@code listener}, once, why the store failed for good (see {@link StoreFailure}): on the thread that
     * found it, the writer's, so the listener must hand real work to another thread. Called at once if the store
     * has failed already.
     */
    public void onFailure(Consumer<String> listener) {
        failure.addListener(listener);
    }

    /** Why the store failed for good, or empty while it works. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure.reason());
    }

    /**
     * Test hook: the next write transaction throws {@code t} from inside the writer, as LMDB or the JVM would (an
     * LMDB error with ENOSPC for a full disk, an {@link Error} for a writer thread that dies).
     */
    public void injectWriterFailureForTesting(Throwable t) {
        writer.injectFailure(t);
    }

    /** Test hook: asks for a checkpoint now (see {@link Checkpointer}) and returns how many were taken before. */
    long requestCheckpointForTesting() {
        long before = writer.checkpointCount();
        writer.requestCheckpoint();
        return before;
    }

    long checkpointCount() {
        return writer.checkpointCount();
    }

    /** Partitions present on disk, from the meta database's registry. */
    public Set<PartitionKey> storedPartitions() {
        checkOpen();
        return withReadTxn(txn -> {
            Set<PartitionKey> stored = new HashSet<>();
            try (Cursor<ByteBuffer> cursor = meta.openCursor(txn)) {
                boolean found = cursor.first();
                while (found) {
                    if (MetaCodec.isPartitionKey(cursor.key())) {
                        PartitionState state = MetaCodec.decodeState(cursor.val());
                        stored.add(MetaCodec.decodePartitionKey(cursor.key(), state.topic()));
                    }
                    found = cursor.next();
                }
            }
            return stored;
        });
    }

    /**
     * The partition's log, created if absent, reopened with its data if stored. Idempotent: a second call
     * returns the same log with {@code config} applied. Must not be called on the writer thread (e.g. from an
     * append listener): it waits for the writer.
     */
    public synchronized PartitionLog openPartition(PartitionKey key, LogConfig config) {
        checkOpen();
        PartitionLog existing = partitions.get(key);
        if (existing != null) {
            existing.updateConfig(config);
            return existing;
        }
        if (writer.isWriterThread()) {
            throw new IllegalStateException("openPartition must not be called on the log writer thread");
        }
        PartitionLog log = join(writer.submit(new OpenPartitionOp(this, env, key, config)));
        partitions.put(key, log);
        return log;
    }

    public Optional<PartitionLog> partition(PartitionKey key) {
        return Optional.ofNullable(partitions.get(key));
    }

    /** Drops the partition's databases and meta entries, whether open or only on disk. */
    public synchronized CompletableFuture<Void> deletePartition(PartitionKey key) {
        checkOpen();
        PartitionLog log = partitions.remove(key);
        if (log != null) {
            log.markDeleted();
        }
        return writer.submit(new DropPartitionOp(env, key, log));
    }

    /** Applies retention to every open partition now; completes when all of it committed. */
    public CompletableFuture<Void> runRetentionNow() {
        List<CompletableFuture<Long>> runs = new ArrayList<>();
        for (PartitionLog log : partitions.values()) {
            runs.add(log.applyRetention());
        }
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new));
    }

    /** How many times the environment was synced to disk (for tests and metrics). */
    public long syncCount() {
        return writer.syncCount();
    }

    /** How many write transactions committed (for tests and metrics: appends per commit shows grouping). */
    public long commitCount() {
        return writer.commitCount();
    }

    /** The current LMDB map size; it doubles whenever the map fills. */
    public long mapSizeBytes() {
        return writer.mapSize();
    }

    /** Drains the writer, syncs, and closes the environment. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        retentionScheduler.shutdownNow();
        cleaner.close();
        try {
            writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mapLock.writeLock().lock();
        try {
            readTxns.close();
            checkpointer.close();
            env.close();
        } finally {
            mapLock.writeLock().unlock();
        }
        writeback.ifPresent(DataFileWriteback::close);
        LOG.info("Closed log store in {}", settings.directory());
    }

    /**
     * Compacts this partition's cleanable range now, however dirty it is, on the calling thread; returns false
     * if there was nothing to clean or the pass was abandoned. For tests and tools: the background
     * cleaner does the same on its own when log.cleaner.enable is true.
     */
    public boolean cleanNow(PartitionLog log) throws InterruptedException {
        checkOpen();
        return cleaner.clean(log).isPresent();
    }

    // ---- package plumbing ----

    LogCleaner cleaner() {
        return cleaner;
    }

    Collection<PartitionLog> openLogs() {
        return partitions.values();
    }

    StoreWriter writer() {
        return writer;
    }

    long now() {
        return settings.clock().getAsLong();
    }

    ReadTxnPool readTxns() {
        return readTxns;
    }

    /** Runs a short read transaction while holding off map growth (which moves the memory readers use). */
    <T> T withReadTxn(Function<Txn<ByteBuffer>, T> read) {
        mapLock.readLock().lock();
        try {
            if (closed && env.isClosed()) {
                throw new KafkaStorageException("The log store is closed");
            }
            Txn<ByteBuffer> txn = readTxns.acquire();
            try {
                return read.apply(txn);
            } finally {
                readTxns.release(txn);
            }
        } finally {
            mapLock.readLock().unlock();
        }
    }

    /** As {@link #withReadTxn}, failing if the partition was deleted: its database handles are then closed. */
    <T> T withReadTxn(PartitionLog log, Function<Txn<ByteBuffer>, T> read) {
        return withReadTxn(txn -> {
            if (log.isDeleted()) {
                throw new UnknownTopicOrPartitionException("Partition " + log.key() + " was deleted");
            }
            return read.apply(txn);
        });
    }

    private void retentionTick() {
        try {
            runRetentionNow();
        } catch (RuntimeException e) {
            LOG.warn("Retention check failed", e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new KafkaStorageException("The log store is closed");
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
