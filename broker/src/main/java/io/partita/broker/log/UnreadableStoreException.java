package io.partita.broker.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A log store whose data does not open (a disk error, a machine crash with checkpoints off). Its own type, so
 * that a local cluster can start without that node and offer to start it empty.
 */
public final class UnreadableStoreException extends IOException {
    private final Path directory;

    UnreadableStoreException(Path directory, String message, Throwable cause) {
        super(message, cause);
        this.directory = directory;
    }

    /** The store's directory. */
    public Path directory() {
        return directory;
    }

    /** The first UnreadableStoreException in {@code failure}'s cause chain, or null. */
    public static UnreadableStoreException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnreadableStoreException unreadable) {
                return unreadable;
            }
        }
        return null;
    }
}
