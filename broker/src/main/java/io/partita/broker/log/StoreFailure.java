package io.partita.broker.log;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.lmdbjava.LmdbNativeException;

/**
 * Whether the log store has failed for good, and why. Some failures fail one operation and the store goes on (a
 * bad batch, a full map that is grown); these end it: the writer thread died, the disk is full or failing
 * (ENOSPC, EDQUOT, EIO from a commit or a sync), or LMDB reports its environment unusable (MDB_PANIC, a corrupted
 * or missing page). A store that pretended to go on would leave appends hanging or acknowledge what it cannot
 * keep; a failed one refuses every operation at once with KAFKA_STORAGE_ERROR, and its node leaves the cluster.
 */
final class StoreFailure {
    /** errno values of a disk that is full or failing, as LMDB passes them through. */
    private static final Set<Integer> DISK_ERRNOS = Set.of(5 /* EIO */, 28 /* ENOSPC */, 122 /* EDQUOT */);
    /** LMDB's own codes for an environment that cannot be used any more. */
    private static final Set<Integer> LMDB_FATAL =
            Set.of(-30795 /* MDB_PANIC */, -30796 /* MDB_CORRUPTED */, -30797 /* MDB_PAGE_NOTFOUND */);

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** True for the errors that end the store rather than one operation. */
    static boolean isFatal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LmdbNativeException lmdb) {
                int rc = lmdb.getResultCode();
                return DISK_ERRNOS.contains(rc) || LMDB_FATAL.contains(rc);
            }
            if (cause instanceof Error) {
                return true;
            }
        }
        return false;
    }

    /** Words for a user: "the disk is full (No space left on device)" rather than a class name. */
    static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LmdbNativeException lmdb) {
                return switch (lmdb.getResultCode()) {
                    case 28, 122 -> "the disk is full (" + lmdb.getMessage() + ")";
                    case 5 -> "the disk failed to read or write (" + lmdb.getMessage() + ")";
                    default -> "LMDB reports the environment unusable (" + lmdb.getMessage() + ")";
                };
            }
        }
        return e.toString();
    }

    /** Records the first failure and tells the listeners once; later calls change nothing. */
    void fail(String why) {
        if (reason.compareAndSet(null, why)) {
            listeners.forEach(listener -> listener.accept(why));
        }
    }

    String reason() {
        return reason.get();
    }

    boolean hasFailed() {
        return reason.get() != null;
    }

    void addListener(Consumer<String> listener) {
        listeners.add(listener);
        String why = reason.get();
        if (why != null) {
            listener.accept(why);
        }
    }
}
