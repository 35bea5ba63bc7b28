package io.partita.broker.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Supplier;
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
 * <p>So, every {@code checkpointIntervalMs} on the writer thread: sync the environment (a short fsync: the steady
 * writeback has already sent most pages), save its two meta pages with the machine's boot id in a checkpoint file,
 * and keep a read transaction open on that snapshot until the next checkpoint. The open read transaction stops
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
    private final Supplier<Optional<String>> bootId;
    private Txn<ByteBuffer> pin;
    private long lastMs;
    private long taken;

    Checkpointer(Env<ByteBuffer> env, Path directory, long intervalMs, Supplier<Optional<String>> bootId) {
        this.env = env;
        this.directory = directory;
        this.intervalMs = intervalMs;
        this.bootId = bootId;
    }

    boolean enabled() {
        return intervalMs > 0 && bootId.get().isPresent();
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

    /** On the writer thread (or before it starts): sync, save the meta pages, pin the snapshot. */
    void take(long nowMs) {
        if (!enabled()) {
            return;
        }
        lastMs = nowMs;
        env.sync(true);
        long txnId = env.info().lastTransactionId;
        int pageSize = env.stat().pageSize;
        ByteBuffer meta = ByteBuffer.allocate(2 * pageSize);
        try (FileChannel data = FileChannel.open(directory.resolve(CheckpointFile.DATA_FILE), StandardOpenOption.READ)) {
            while (meta.hasRemaining() && data.read(meta, meta.position()) > 0) {
                // read on
            }
            CheckpointFile.write(directory, new CheckpointFile.Saved(bootId.get().orElseThrow(), txnId, pageSize,
                    meta.array()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint of " + directory, e);
        }
        // The new pin first, then the old one goes: no moment without a pinned synced snapshot.
        Txn<ByteBuffer> previous = pin;
        pin = env.txnRead();
        if (previous != null) {
            previous.close();
        }
        taken++;
    }

    /** LMDB cannot resize its map while a transaction is open: the caller checkpoints again right after. */
    void releasePin() {
        if (pin != null) {
            pin.close();
            pin = null;
        }
    }

    @Override
    public void close() {
        releasePin();
    }

    /**
     * Before the environment opens: if the machine rebooted since the last checkpoint, writes its meta pages back
     * into the data file, so that LMDB opens the synced snapshot. Returns the transaction it went back to.
     */
    static Optional<Long> restoreAfterReboot(Path directory, Optional<String> currentBoot) throws IOException {
        Optional<CheckpointFile.Saved> saved = CheckpointFile.read(directory);
        if (saved.isEmpty() || currentBoot.isEmpty() || saved.get().bootId().equals(currentBoot.get())
                || !directory.resolve(CheckpointFile.DATA_FILE).toFile().exists()) {
            return Optional.empty();
        }
        try (FileChannel data = FileChannel.open(directory.resolve(CheckpointFile.DATA_FILE), StandardOpenOption.WRITE)) {
            ByteBuffer meta = ByteBuffer.wrap(saved.get().metaPages());
            while (meta.hasRemaining()) {
                data.write(meta, meta.position());
            }
            data.force(true);
        }
        LOG.warn("The machine restarted since this store's last checkpoint (transaction {}): opening that synced"
                + " snapshot of {}; what it wrote after it comes back from the other replicas",
                saved.get().txnId(), directory);
        return Optional.of(saved.get().txnId());
    }
}
