package io.partita.app.client.core;

import java.nio.file.Path;

/**
 * The local cluster's directory is held by another process: another Partita window runs that cluster (or a
 * {@code partita-broker local} on the same directory). Two processes on one cluster's data would be two brokers
 * writing one log, so the second never starts it; it may connect to the running one instead, at
 * {@link #bootstrapServers()} when the holder said where it listens.
 */
public final class LocalClusterInUseException extends Exception {
    private final transient Path directory;
    private final String bootstrapServers;

    public LocalClusterInUseException(Path directory, String bootstrapServers, Throwable cause) {
        super(
                "The local cluster in " + directory + " is already running in another Partita"
                        + (bootstrapServers.isEmpty() ? "; close it there first" : ", at " + bootstrapServers),
                cause);
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
    }

    public Path directory() {
        return directory;
    }

    /** Where the running cluster listens, or "" while it is still starting (it writes this once it is up). */
    public String bootstrapServers() {
        return bootstrapServers;
    }
}
