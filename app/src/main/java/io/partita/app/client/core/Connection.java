package io.partita.app.client.core;

/** An established connection: how it was made and where the cluster answers. */
public record Connection(ConnectionProfile profile, String bootstrapServers, String clusterId) {

    /**
     * A short title for the window's header. The header's second line lists every bootstrap server, so the
     * title names the cluster (its saved name, or its first server) instead of repeating them.
     */
    public String title() {
        if (profile.isLocal()) {
            return "Local cluster" + (profile.nodes() == 1 ? " (1 node)" : " (" + profile.nodes() + " nodes)");
        }
        if (profile.isNamed()) {
            return profile.name();
        }
        String[] servers = bootstrapServers.split(",");
        String first = servers[0].strip();
        return servers.length == 1
                ? "Cluster at " + first
                : "Cluster at " + first + " and " + (servers.length - 1) + " more";
    }
}
