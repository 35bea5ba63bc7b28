package io.partita.app.client.core;

import java.util.Objects;

/**
 * How to reach a cluster: a local cluster that Partita runs itself, or an existing cluster's bootstrap servers with
 * its security settings. A remote profile may have a name, under which it is saved ({@link ProfileStore}).
 */
public record ConnectionProfile(Kind kind, int nodes, String bootstrapServers, String name, SecuritySettings security) {

    public enum Kind {
        LOCAL,
        REMOTE
    }

    /** The longest profile name (they are keys in the preferences, whose node names are limited). */
    public static final int MAX_NAME_LENGTH = 40;

    public ConnectionProfile {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.LOCAL && nodes < 1) {
            throw new IllegalArgumentException("a local cluster needs at least one node");
        }
        if (kind == Kind.REMOTE && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("bootstrap servers are required");
        }
        bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.strip();
        name = name == null ? "" : name.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a profile name has at most " + MAX_NAME_LENGTH + " characters");
        }
        security = security == null || kind == Kind.LOCAL ? SecuritySettings.NONE : security;
    }

    public ConnectionProfile(Kind kind, int nodes, String bootstrapServers) {
        this(kind, nodes, bootstrapServers, "", SecuritySettings.NONE);
    }

    public static ConnectionProfile local(int nodes) {
        return new ConnectionProfile(Kind.LOCAL, nodes, "");
    }

    public static ConnectionProfile remote(String bootstrapServers) {
        return new ConnectionProfile(Kind.REMOTE, 0, bootstrapServers);
    }

    public static ConnectionProfile remote(String name, String bootstrapServers, SecuritySettings security) {
        return new ConnectionProfile(Kind.REMOTE, 0, bootstrapServers, name, security);
    }

    public boolean isLocal() {
        return kind == Kind.LOCAL;
    }

    public boolean isNamed() {
        return !name.isEmpty();
    }

    public ConnectionProfile withSecurity(SecuritySettings s) {
        return new ConnectionProfile(kind, nodes, bootstrapServers, name, s);
    }
}
