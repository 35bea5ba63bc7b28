package io.partita.app.connection;

/** An established connection: how it was made and where the cluster answers. */
public record Connection(ConnectionProfile profile, String bootstrapServers, String clusterId) {

    /** A short title for the window's header. */
    public String title() {
        return profile.isLocal()
                ? "Local cluster" + (profile.nodes() == 1 ? " (1 node)" : " (" + profile.nodes() + " nodes)")
                : profile.isNamed() ? profile.name() + " (" + bootstrapServers + ")" : "Cluster at " + bootstrapServers;
    }
}
