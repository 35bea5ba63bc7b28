package io.partita.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer thread of an environment. It drains whatever operations are queued (appends from many
 * partitions, deletions, truncations, retention) into one write transaction, commits, publishes the new
 * partition states, and only then completes the futures and wakes append listeners: group commit.
 *
 * <p>It never dies of a bad operation: an ApiException fails that operation alone; an unexpected exception
 * aborts the transaction, fails the operation that threw it and retries the rest; a full map is grown (with
 * readers held off, since remapping moves the memory they read) and the group retried.
 */
final class StoreWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_GROUP_OPERATIONS = 4096;
    private static final int MAX_GROUP_BYTES = 32 << 20;
    private static final long IDLE_WAIT_MS = 1000;

    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> meta;
    private final ReadWriteLock mapLock;
    private final LogStoreSettings settings;
    private final FlushTracker flushTracker;
    private final LinkedBlockingQueue<WriteOp<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong syncCount = new AtomicLong();
    private final AtomicLong commitCount = new AtomicLong();
    private final WriterBuffers buffers;
    private final Set<PartitionLog> highWatermarksToPersist = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private long mapSize;
    private final StoreFailure failure;
    private final Checkpointer checkpointer;
    /** A failure for the next transaction to throw (tests: a full disk, a dying thread); see LogStore. */
    private volatile Throwable injected;

    private volatile boolean checkpointRequested;

    StoreWriter(
            Env<ByteBuffer> env,
            Dbi<ByteBuffer> meta,
            ReadWriteLock mapLock,
            LogStoreSettings settings,
            String name,
            StoreFailure failure,
            Checkpointer checkpointer) {
        this.failure = failure;
        this.checkpointer = checkpointer;
        this.env = env;
        this.meta = meta;
        this.mapLock = mapLock;
        this.settings = settings;
        this.flushTracker = new FlushTracker(settings);
        this.mapSize = env.info().mapSize;
        this.buffers = new WriterBuffers(
                settings.batchPieceBytes() > 0
                        ? settings.batchPieceBytes()
                        : BatchPieces.pieceSize(env.stat().pageSize));
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    <T> CompletableFuture<T> submit(WriteOp<T> op) {
        if (closing) {
            op.fail(new KafkaStorageException("The log store is closed"));
            return op.future;
        }
        if (failure.hasFailed()) {
            op.fail(new KafkaStorageException("The log store failed: " + failure.reason()));
            return op.future;
        }
        queue.add(op);
        if (failure.hasFailed() && queue.remove(op)) {
            op.fail(new KafkaStorageException("The log store failed: " + failure.reason())); // failed meanwhile
        }
        return op.future;
    }

    void injectFailure(Throwable t) {
        injected = t;
    }

    long syncCount() {
        return syncCount.get();
    }

    long commitCount() {
        return commitCount.get();
    }

    long mapSize() {
        return mapSize;
    }

    /** Finishes everything queued so far, syncs, and stops. Operations submitted later fail. */
    void close() throws InterruptedException {
        closing = true;
        queue.add(new NoOp());
        thread.join();
        WriteOp<?> late;
        while ((late = queue.poll()) != null) {
            late.fail(new KafkaStorageException("The log store is closed"));
        }
    }

    private void run() {
        try {
            while (true) {
                WriteOp<?> first = closing ? queue.poll() : queue.poll(idleWaitMs(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    // Idle: the high watermarks no append carried are persisted now, in one commit.
                    runHighWatermarksAlone();
                    if (failure.hasFailed()) {
                        failQueued();
                        return;
                    }
                    if (closing) {
                        break;
                    }
                    maybeSync();
                    maybeCheckpoint();
                    continue;
                }
                List<WriteOp<?>> group = first.runsAlone() ? List.of(first) : drainGroup(first);
                if (!first.runsAlone()) {
                    group.addAll(takeHighWatermarkOps());
                }
                try {
                    if (first.runsAlone()) {
                        runAlone(first);
                    } else {
                        runGroup(group);
                    }
                } catch (RuntimeException e) {
                    if (failGroup(group, e)) {
                        return;
                    }
                    // E.g. no write transaction could be begun: fail this group, keep serving the next one.
                    LOG.error("Storage group of {} operations failed", group.size(), e);
                }
                if (failure.hasFailed()) {
                    failQueued();
                    return;
                }
                maybeSync();
                maybeCheckpoint();
            }
            syncNow();
            checkpoint(); // the final state: after a reboot, writing it back changes nothing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Log writer interrupted; pending operations will fail");
        } catch (Throwable t) {
            fatal("its writer thread stopped (" + t + ")", t);
        }
    }

    /**
     * The store cannot go on: it says why once, and every operation queued or yet to come fails at once with
     * KAFKA_STORAGE_ERROR instead of waiting for a writer that will never run it. Nothing that was acknowledged
     * is touched: acknowledgements come only after a commit, and this commit did not happen.
     */
    private void fatal(String why, Throwable cause) {
        LOG.debug("Log store failure", cause);
        failure.fail(why);
        failQueued();
    }

    private void failQueued() {
        WriteOp<?> queued;
        while ((queued = queue.poll()) != null) {
            queued.fail(new KafkaStorageException("The log store failed: " + failure.reason()));
        }
    }

    /**
     * Persists {@code log}'s high watermark in the next transaction this writer runs anyway, or, if none comes,
     * when it is next idle (at most {@value #IDLE_WAIT_MS} ms later). With a producer every append moves the high
     * watermark just after its commit; queuing a commit of its own for it doubled the writer's commits and made
     * the next append wait behind it. Kafka checkpoints the high watermark every five seconds; a persisted value
     * that lags is safe, since a restarted replica truncates by leader epochs.
     */
    void persistHighWatermarkSoon(PartitionLog log) {
        highWatermarksToPersist.add(log);
    }

    private List<WriteOp<?>> takeHighWatermarkOps() {
        if (highWatermarksToPersist.isEmpty()) {
            return List.of();
        }
        List<WriteOp<?>> ops = new ArrayList<>();
        for (Iterator<PartitionLog> it = highWatermarksToPersist.iterator(); it.hasNext(); ) {
            PartitionLog log = it.next();
            it.remove();
            ops.add(log.highWatermarkOp());
        }
        return ops;
    }

    private void runHighWatermarksAlone() {
        List<WriteOp<?>> ops = takeHighWatermarkOps();
        if (ops.isEmpty()) {
            return;
        }
        try {
            runGroup(ops);
        } catch (RuntimeException e) {
            // As for any other write: the first write after the disk filled up may be this one.
            if (!failGroup(ops, e)) {
                LOG.error("Persisting {} high watermarks failed", ops.size(), e);
            }
        }
    }

    /**
     * Fails the operations of a group that could not be written; true when the failure is fatal, which then
     * fails the store (said once, in one line, by whoever listens) and every operation queued behind them.
     */
    private boolean failGroup(List<WriteOp<?>> ops, RuntimeException e) {
        ops.forEach(op -> op.fail(new KafkaStorageException("Storage failure: " + e, e)));
        if (!StoreFailure.isFatal(e)) {
            return false;
        }
        fatal(StoreFailure.describe(e), e);
        return true;
    }

    private long idleWaitMs() {
        long now = settings.clock().getAsLong();
        return Math.min(IDLE_WAIT_MS, Math.min(flushTracker.millisUntilDue(now), checkpointer.millisUntilDue(now)));
    }

    private void maybeCheckpoint() {
        try {
            if (checkpointRequested || checkpointer.due(settings.clock().getAsLong())) {
                checkpointRequested = false;
                checkpointer.begin(settings.clock().getAsLong());
            } else {
                checkpointer.poll();
            }
        } catch (IOException | RuntimeException e) {
            fatal("its checkpoint could not be written: " + StoreFailure.describe(e), e);
        }
    }

    /** Test hook: a checkpoint as soon as the writer is next between groups. */
    void requestCheckpoint() {
        checkpointRequested = true;
        queue.add(new NoOp());
    }

    long checkpointCount() {
        return checkpointer.count();
    }

    /** See {@link Checkpointer}; one that cannot be written means the disk is failing. */
    private void checkpoint() {
        try {
            checkpointer.take(settings.clock().getAsLong());
        } catch (RuntimeException e) {
            fatal("its checkpoint could not be written: " + StoreFailure.describe(e), e);
        }
    }

    private List<WriteOp<?>> drainGroup(WriteOp<?> first) {
        List<WriteOp<?>> group = new ArrayList<>();
        group.add(first);
        long bytes = first.weightBytes();
        WriteOp<?> next;
        while (group.size() < MAX_GROUP_OPERATIONS
                && bytes < MAX_GROUP_BYTES
                && (next = queue.peek()) != null
                && !next.runsAlone()) {
            group.add(queue.poll());
            bytes += next.weightBytes();
        }
        return group;
    }

    private void runAlone(WriteOp<?> op) {
        if (!op.excludesReaders()) {
            runGroup(List.of(op));
            return;
        }
        mapLock.writeLock().lock();
        try {
            runGroup(List.of(op));
        } finally {
            mapLock.writeLock().unlock();
        }
    }

    private void runGroup(List<WriteOp<?>> group) {
        List<WriteOp<?>> pending = new ArrayList<>(group);
        while (!pending.isEmpty()) {
            WriteContext context;
            int applied = 0;
            CommitEvent event = new CommitEvent();
            event.begin();
            long began = System.nanoTime();
            Txn<ByteBuffer> txn = env.txnWrite();
            try {
                throwInjected();
                context = new WriteContext(txn, meta, settings.clock().getAsLong(), buffers);
                for (; applied < pending.size(); applied++) {
                    pending.get(applied).applyWithin(context);
                }
                context.writeMeta();
                txn.commit();
            } catch (Env.MapFullException e) {
                txn.close();
                growMap();
                continue;
            } catch (Txn.TxFullException e) {
                txn.close();
                if (splitTooLargeGroup(pending)) {
                    return;
                }
                continue;
            } catch (RuntimeException e) {
                txn.close();
                if (StoreFailure.isFatal(e)) {
                    throw e; // the store is done for: run() fails this group and everything after it
                }
                if (applied < pending.size()) {
                    WriteOp<?> culprit = pending.remove(applied);
                    LOG.error("Storage operation {} failed; retrying the others of its group", culprit, e);
                    culprit.fail(new KafkaStorageException("Storage operation failed: " + e, e));
                } else {
                    LOG.error("Commit of {} storage operations failed", pending.size(), e);
                    pending.forEach(op -> op.fail(new KafkaStorageException("Commit failed: " + e, e)));
                    pending.clear();
                }
                continue;
            }
            txn.close();
            event.end();
            commitCount.incrementAndGet();
            long committed = System.nanoTime();
            afterCommit(context, pending);
            if (event.shouldCommit()) {
                event.operations = pending.size();
                event.longestQueueWait = began
                        - pending.stream().mapToLong(op -> op.createdAt).min().orElse(began);
                event.answering = System.nanoTime() - committed;
                event.commit();
            }
            return;
        }
    }

    /** Too many dirty pages for one transaction: commit the halves separately. Returns true when handled. */
    private boolean splitTooLargeGroup(List<WriteOp<?>> pending) {
        if (pending.size() == 1) {
            WriteOp<?> op = pending.remove(0);
            LOG.error("Storage operation {} is too large for one transaction", op);
            op.fail(new KafkaStorageException("Operation too large for one storage transaction"));
            return true;
        }
        int half = pending.size() / 2;
        runGroup(new ArrayList<>(pending.subList(0, half)));
        runGroup(new ArrayList<>(pending.subList(half, pending.size())));
        return true;
    }

    private void afterCommit(WriteContext context, List<WriteOp<?>> ops) {
        for (PartitionWork work : context.changedPartitions()) {
            work.log.publish(work);
            flushTracker.appended(work.log, work.appendedRecords, context.now);
        }
        for (WriteOp<?> op : ops) {
            op.completeAfterCommit();
        }
        for (PartitionWork work : context.changedPartitions()) {
            if (work.appendedRecords > 0) {
                work.log.notifyAppendListener();
            }
        }
    }

    private void growMap() {
        mapLock.writeLock().lock();
        try {
            checkpointer.releasePin(); // LMDB resizes only with no transaction open
            long grown = mapSize * 2;
            env.setMapSize(grown);
            LOG.info("LMDB map full at {} bytes; grown to {} bytes", mapSize, grown);
            mapSize = grown;
        } finally {
            mapLock.writeLock().unlock();
        }
        checkpoint(); // pins a synced snapshot again at once
    }

    private void maybeSync() {
        if (flushTracker.due(settings.clock().getAsLong())) {
            syncNow();
        }
    }

    private void syncNow() {
        try {
            env.sync(true);
            syncCount.incrementAndGet();
            flushTracker.synced();
        } catch (RuntimeException e) {
            // A failed fsync may have lost what it was to make durable (Linux forgets the error afterwards): as
            // Kafka does with a failed flush, the store stops here rather than sync again later as if fine.
            fatal("syncing its data to disk failed: " + StoreFailure.describe(e), e);
        }
    }

    private void throwInjected() {
        Throwable t = injected;
        if (t == null) {
            return;
        }
        injected = null;
        if (t instanceof Error error) {
            throw error;
        }
        throw (RuntimeException) t;
    }

    /** Wakes the writer on close. */
    private static final class NoOp extends WriteOp<Void> {
        @Override
        Void apply(WriteContext context) {
            return null;
        }
    }
}
