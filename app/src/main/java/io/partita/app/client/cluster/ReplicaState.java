package io.partita.app.cluster;

import javafx.css.PseudoClass;

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

    private final PseudoClass pseudoClass;
    private final String tileText;
    private final String label;

    ReplicaState(String pseudoClass, String tileText, String label) {
        this.pseudoClass = PseudoClass.getPseudoClass(pseudoClass);
        this.tileText = tileText;
        this.label = label;
    }

    /** The word on a tile. */
    public String tileText() {
        return tileText;
    }

    /**
     * The CSS pseudo-class of a tile in this state ({@code .replica-tile:leader}, ...). A pseudo-class rather
     * than a style class because a tile changes state in place: JavaFX only re-matches a node's styles for a new
     * pseudo-class, but looks them all up again for a new style class, which made a broker's death (every
     * visible tile changing) cost many milliseconds on the FX thread.
     */
    public PseudoClass pseudoClass() {
        return pseudoClass;
    }

    /** What the tile means beyond its word, for the legend (empty if the word says it all). */
    public String label() {
        return label;
    }
}
