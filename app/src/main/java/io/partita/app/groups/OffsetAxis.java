package io.partita.app.groups;

import io.partita.app.client.groups.PartitionLag;
import io.partita.app.client.records.OffsetScale;

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
        // An empty log is caught up by definition (the scale puts it at the end); a commit below log start
        // (records deleted before they were read) or past log end (a truncated log) is pinned to the axis' ends.
        return new OffsetAxis(new OffsetScale(p.logStart(), p.logEnd()).at(p.committed()), true);
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
