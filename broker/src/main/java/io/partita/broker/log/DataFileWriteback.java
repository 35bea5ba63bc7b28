package io.partita.broker.log;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jnr.ffi.LibraryLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the disk writes of LMDB's data file in small steady steps, so that the kernel never has a large
 * burst of them to do at once.
 *
 * <p>Why: all partitions of a node share one data file, and commits do not sync it (MDB_NOSYNC), so appends
 * pile up as dirty pages. The kernel writes them back once they are 30 s old, all of a file's at once: after
 * a gigabyte of appends that is seconds of writes queued on the disk. Meanwhile a commit that writes into a
 * page the writeback holds (locked while it is prepared and queued, or whose blocks it is allocating) waits
 * for it. The log writer, with every producer behind it, was caught waiting there for 50-70 ms (kernel stacks
 * {@code ext4_da_get_block_prep} and {@code __filemap_get_folio} under {@code ext4_da_write_begin}). Kafka meets
 * this less because each partition appends to its own segment file, and writeback of one file does not hold up
 * appends to another. Starting writeback of whatever is dirty every few hundred milliseconds
 * ({@code sync_file_range(SYNC_FILE_RANGE_WRITE)}: start the writes, do not wait for them) keeps each batch
 * small; RocksDB's {@code bytes_per_sync} does the same for the same reason. It is not a sync: nothing waits
 * for the disk, and durability stays where log.flush.* puts it.
 *
 * <p>The writeback starts after LMDB's two meta pages. Every commit rewrites one of those, and a commit that
 * finds its meta page held by writeback waits; the kernel's own writeback takes them in time.
 *
 * <p>Linux only: elsewhere {@link #start} returns empty and the kernel's own writeback is left as it is.
 */
final class DataFileWriteback implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataFileWriteback.class);
    private static final int O_RDWR = 2;
    private static final int SYNC_FILE_RANGE_WRITE = 2;

    /** The libc calls used, bound through jnr-ffi (which lmdbjava brings). */
    public interface LibC {
        int open(String path, int flags);

        int sync_file_range(int fd, long offset, long nbytes, int flags);

        int close(int fd);
    }

    private static volatile LibC libc;

    private final Path file;
    private final int fd;
    private final long fromOffset;
    /** Its own thread: sync_file_range may block while the disk's queue is full, and nothing else must wait. */
    private final ScheduledExecutorService scheduler;

    private boolean closed;
    private boolean failed;

    private DataFileWriteback(Path file, int fd, long fromOffset) {
        this.file = file;
        this.fd = fd;
        this.fromOffset = fromOffset;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "partita-log-writeback");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts writeback of LMDB's data file every {@code intervalMs}, past its two meta pages of {@code pageSize}
     * bytes each; empty where the system offers no {@code sync_file_range}.
     */
    static Optional<DataFileWriteback> start(Path file, long pageSize, long intervalMs) {
        return open(file, 2 * pageSize).map(writeback -> {
            writeback.scheduler.scheduleWithFixedDelay(writeback::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
            return writeback;
        });
    }

    /** Writeback of {@code file} from {@code fromOffset}, not scheduled; empty where the system offers none. */
    static Optional<DataFileWriteback> open(Path file, long fromOffset) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        try {
            int fd = libc().open(file.toString(), O_RDWR);
            if (fd < 0) {
                LOG.debug("Could not open {} for steady writeback", file);
                return Optional.empty();
            }
            return Optional.of(new DataFileWriteback(file, fd, fromOffset));
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("No sync_file_range here: {}", e.toString());
            return Optional.empty();
        }
    }

    private static LibC libc() {
        LibC c = libc;
        if (c == null) {
            c = LibraryLoader.create(LibC.class).load("c");
            libc = c;
        }
        return c;
    }

    /** One scheduled writeback; a failure is logged, and must not end the schedule as a thrown one would. */
    private void tick() {
        try {
            startWriteback();
        } catch (RuntimeException e) {
            LOG.debug("Could not start writeback of {}: {}", file, e.toString());
        }
    }

    /**
     * Starts writeback of the file's dirty pages from the offset given at open to its end, without waiting for
     * the disk. Returns false if it did not (closed, or the call failed; after a failure it stops trying).
     */
    synchronized boolean startWriteback() {
        // Closed: the descriptor's number may already name another file.
        if (closed || failed) {
            return false;
        }
        if (libc.sync_file_range(fd, fromOffset, 0, SYNC_FILE_RANGE_WRITE) != 0) {
            failed = true;
            LOG.info("Steady writeback of {} is off: sync_file_range failed; the kernel writes it back alone", file);
            return false;
        }
        return true;
    }

    /** Stops the schedule; a writeback under way finishes before the descriptor is closed (both hold the lock). */
    @Override
    public synchronized void close() {
        scheduler.shutdownNow();
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
