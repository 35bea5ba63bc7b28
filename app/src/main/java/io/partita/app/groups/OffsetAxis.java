package io.partita.app.groups;

/**
 * Where the committed offset sits on one partition's offset axis, as a fraction of the axis from log start (0)
 * to log end (1): the geometry of an {@link OffsetBar}, kept apart from JavaFX so it can be tested.
 *
 * @param committedAt the marker's position in [0, 1]; 1 when the group is caught up (also on an empty log)
 * @param hasCommit   false when the group has committed nothing on the partition: no marker, no lag span
 */
public record OffsetAxis(double committedAt, boolean hasCommit) {

    public static OffsetAxis of(PartitionLag p) {
        if (!p.hasCommit()) {
            return new OffsetAxis(0, false);
        }
        long length = p.logEnd() - p.logStart();
        if (length <= 0) {
            return new OffsetAxis(1, true); // nothing kept to read: caught up by definition
        }
        // A commit below log start (records deleted before they were read) or past log end (a truncated log)
        // is pinned to the axis' ends rather than drawn off the bar.
        double at = (double) (p.committed() - p.logStart()) / length;
        return new OffsetAxis(Math.max(0, Math.min(1, at)), true);
    }

    /** The bar in words, for its tooltip and for screen readers. */
    public static String describe(PartitionLag p) {
        String axis = "offsets " + p.logStart() + "–" + p.logEnd();
        if (!p.hasCommit()) {
            return axis + " · no commit yet";
        }
        return axis + " · committed " + p.committed() + " · lag " + p.lag().orElse(0);
    }
}
