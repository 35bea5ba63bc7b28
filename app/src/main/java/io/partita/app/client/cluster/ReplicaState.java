package io.partita.app.client.cluster;

/** What one replica of a partition is, as the cluster map draws it. */
public enum ReplicaState {
    /** Serves reads and writes. */
    LEADER("leader", "Leader", ""),
    /** A follower that has everything the leader committed. */
    IN_SYNC("in-sync", "In sync", "follower"),
    /** A follower that fell behind (or has not caught up since it returned). */
    OUT_OF_SYNC("out-of-sync", "Behind", "follower, out of sync"),
    /** On a broker that is down. */
    OFFLINE("offline", "Offline", "broker down");

    private final String cssName;
    private final String tileText;
    private final String label;

    ReplicaState(String cssName, String tileText, String label) {
        this.cssName = cssName;
        this.tileText = tileText;
        this.label = label;
    }

    /** The word on a tile. */
    public String tileText() {
        return tileText;
    }

    /** The name of a tile's CSS pseudo-class in this state ({@code .replica-tile:leader}, ...). */
    public String cssName() {
        return cssName;
    }

    /** What the tile means beyond its word, for the legend (empty if the word says it all). */
    public String label() {
        return label;
    }
}
