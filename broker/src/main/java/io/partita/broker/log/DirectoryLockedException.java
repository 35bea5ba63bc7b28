package io.partita.broker.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A data directory is in use by another process (or another owner in this one); see {@link DirectoryLock}. */
public final class DirectoryLockedException extends IOException {
    private final transient Path directory;
    private final transient Map<String, String> holder;

    DirectoryLockedException(Path directory, Map<String, String> holder) {
        super(directory.toAbsolutePath() + " is in use by another Partita process"
                + (holder.containsKey("pid") ? " (pid " + holder.get("pid") + ")" : "")
                + "; stop it first or choose another directory");
        this.directory = directory;
        this.holder = Map.copyOf(holder);
    }

    public Path directory() {
        return directory;
    }

    /** What the holder wrote about itself in the lock file (e.g. {@code pid}, {@code bootstrap.servers}); may be empty. */
    public Map<String, String> holder() {
        return holder;
    }
}
