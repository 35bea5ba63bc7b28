package io.partita.broker.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash safety without a sync per commit. The store commits with MDB_NOSYNC, which is what keeps it as fast as
 * Kafka; LMDB's documentation warns that a machine crash (a power cut, an OS crash) may then corrupt the whole
 * environment, since the disk may hold a new meta page whose tree pages never reached it. A process crash (kill -9)
 * is harmless: the page cache survives it.
 *
 * <p>So, every {@code checkpointIntervalMs}: between two groups the writer notes the last committed snapshot, its
 * two meta pages and a read transaction on it; a thread of its own then syncs the environment and saves the meta
 * pages with the machine's boot id in a checkpoint file, while the writer commits on (a sync on the writer thread
 * halved the 1 KB produce rows). The read transaction stays open until the next checkpoint is written. The open read transaction stops
 * LMDB from reusing any page of the snapshot, so its pages stay on disk exactly as synced. When the store next
 * opens after the machine rebooted (the boot id differs), the checkpoint's meta pages are written back first:
 * LMDB opens the synced snapshot, which is whole, and loses at most one interval of this node's local writes, which
 * replication brings back from the other replicas (as Kafka loses its unflushed page cache). After a clean close
 * the last checkpoint is the final state, so writing it back changes nothing.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final Env<ByteBuffer> env;
    private final Path directory;
    private final long intervalMs;
    /** Read once: the machine does not reboot under a running process, and the writer asks on every group. */
    private final Optional<String> bootId;
    /** The fsync and the file write run here, so the writer commits on meanwhile. */
    private final ExecutorService syncer;
    /** The snapshot of the checkpoint in force: its pages must stay as synced. Writer thread only. */
    private Txn<ByteBuffer> pin;
    /** A checkpoint being synced and written, with the pin of its snapshot; null when none. Writer thread only. */
    private InFlight inFlight;

    private long lastMs;
    private long taken;

    private record InFlight(Txn<ByteBuffer> pin, Future<?> written) {}

    Checkpointer(Env<ByteBuffer> env, Path directory, long intervalMs, Optional<String> bootId) {
        this.env = env;
        this.directory = directory;
        this.intervalMs = intervalMs;
        this.bootId = bootId;
        this.syncer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "partita-log-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    boolean enabled() {
        return intervalMs > 0 && bootId.isPresent();
    }

    boolean due(long nowMs) {
        return enabled() && nowMs - lastMs >= intervalMs;
    }

    long millisUntilDue(long nowMs) {
        return enabled() ? Math.max(0, lastMs + intervalMs - nowMs) : Long.MAX_VALUE;
    }

    long count() {
        return taken;
    }

    /**
     * On the writer thread, between groups (no commit runs): notes the snapshot, its meta pages and a pin on it,
     * and leaves the fsync and the file write to the checkpoint thread. The previous checkpoint (and its pin) stays
     * in force until the new one is written; {@link #poll} swaps them.
     */
    void begin(long nowMs) throws IOException {
        poll();
        if (!enabled() || inFlight != null) {
            return;
        }
        lastMs = nowMs;
        CheckpointFile.Saved saved = snapshot();
        Txn<ByteBuffer> newPin = env.txnRead();
        Future<?> written = syncer.submit(() -> {
            CheckpointEvent event = new CheckpointEvent();
            event.begin();
            // Every page of the snapshot was written before it committed: this sync covers them all.
            env.sync(true);
            CheckpointFile.write(directory, saved);
            event.transaction = saved.txnId();
            event.commit();
            return null;
        });
        inFlight = new InFlight(newPin, written);
    }

    /** On the writer thread: once the new checkpoint is on disk, its pin replaces the old one. */
    void poll() throws IOException {
        if (inFlight == null || !inFlight.written().isDone()) {
            return;
        }
        InFlight done = inFlight;
        inFlight = null;
        boolean written;
        try {
            written = awaitWritten(done);
        } catch (IOException | RuntimeException e) {
            done.pin().close();
            throw e;
        }
        if (!written) {
            done.pin().close();
            return;
        }
        replacePin(done.pin());
        taken++;
    }

    /** The whole checkpoint on this thread (at open and at close, and after a map resize). */
    void take(long nowMs) {
        if (!enabled()) {
            return;
        }
        try {
            finishInFlight();
            lastMs = nowMs;
            env.sync(true);
            CheckpointFile.Saved saved = snapshot();
            CheckpointFile.write(directory, saved);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint of " + directory, e);
        }
        replacePin(env.txnRead());
        taken++;
    }

    /** The last committed transaction and the two meta pages as they are now (no commit may run meanwhile). */
    private CheckpointFile.Saved snapshot() throws IOException {
        long txnId = env.info().lastTransactionId;
        int pageSize = env.stat().pageSize;
        ByteBuffer meta = ByteBuffer.allocate(2 * pageSize);
        try (FileChannel data =
                FileChannel.open(directory.resolve(CheckpointFile.DATA_FILE), StandardOpenOption.READ)) {
            while (meta.hasRemaining() && data.read(meta, meta.position()) > 0) {
                // read on
            }
        }
        return new CheckpointFile.Saved(bootId.orElseThrow(), txnId, pageSize, meta.array());
    }

    private void replacePin(Txn<ByteBuffer> newPin) {
        Txn<ByteBuffer> previous = pin;
        pin = newPin;
        if (previous != null) {
            previous.close();
        }
    }

    private void finishInFlight() throws IOException {
        if (inFlight == null) {
            return;
        }
        try {
            awaitWritten(inFlight);
        } finally {
            inFlight.pin().close();
            inFlight = null;
        }
    }

    /**
     * Waits for a checkpoint's sync and file write; its failure as the IOException it was. False when interrupted
     * meanwhile (the interrupt is kept).
     */
    private static boolean awaitWritten(InFlight checkpoint) throws IOException {
        try {
            checkpoint.written().get();
            return true;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** LMDB cannot resize its map while a transaction is open: the caller checkpoints again right after. */
    void releasePin() {
        try {
            finishInFlight();
        } catch (IOException e) {
            LOG.warn("A checkpoint of {} failed before a map resize: {}", directory, e.toString());
        }
        if (pin != null) {
            pin.close();
            pin = null;
        }
    }

    @Override
    public void close() {
        releasePin();
        syncer.shutdownNow();
    }

    /**
     * Before the environment opens: if the machine rebooted since the last checkpoint, writes its meta pages back
     * into the data file, so that LMDB opens the synced snapshot. Returns the transaction it went back to.
     */
    static Optional<Long> restoreAfterReboot(Path directory, Optional<String> currentBoot) throws IOException {
        Optional<CheckpointFile.Saved> saved = CheckpointFile.read(directory);
        if (saved.isEmpty()
                || currentBoot.isEmpty()
                || saved.get().bootId().equals(currentBoot.get())
                || !directory.resolve(CheckpointFile.DATA_FILE).toFile().exists()) {
            return Optional.empty();
        }
        try (FileChannel data =
                FileChannel.open(directory.resolve(CheckpointFile.DATA_FILE), StandardOpenOption.WRITE)) {
            ByteBuffer meta = ByteBuffer.wrap(saved.get().metaPages());
            while (meta.hasRemaining()) {
                data.write(meta, meta.position());
            }
            data.force(true);
        }
        LOG.warn(
                "The machine restarted since this store's last checkpoint (transaction {}): opening that synced"
                        + " snapshot of {}; what it wrote after it comes back from the other replicas",
                saved.get().txnId(),
                directory);
        return Optional.of(saved.get().txnId());
    }
}
