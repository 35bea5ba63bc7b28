package io.partita.app.connection;

import java.util.Objects;

/**
 * How to reach a cluster: a local cluster that Partita runs itself, or an existing cluster's bootstrap servers.
 * Security settings (SASL/SSL) join this record in a later issue.
 */
public record ConnectionProfile(Kind kind, int nodes, String bootstrapServers) {

    public enum Kind { LOCAL, REMOTE }

    public ConnectionProfile {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.LOCAL && nodes < 1) {
            throw new IllegalArgumentException("a local cluster needs at least one node");
        }
        if (kind == Kind.REMOTE && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("bootstrap servers are required");
        }
        bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.strip();
    }

    public static ConnectionProfile local(int nodes) {
        return new ConnectionProfile(Kind.LOCAL, nodes, "");
    }

    public static ConnectionProfile remote(String bootstrapServers) {
        return new ConnectionProfile(Kind.REMOTE, 0, bootstrapServers);
    }

    public boolean isLocal() {
        return kind == Kind.LOCAL;
    }
}
