package io.partita.broker.cluster;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns in the node's log when it holds {@link PartitionLimits#WARNING_SHARE} of its {@code partita.max.partitions}
 * or more (once per crossing, not on every metadata change), and says plainly when it holds more than the limit,
 * which only a limit lowered across a restart can cause: the logs past it cannot be opened.
 */
public final class PartitionLimitWatch implements Consumer<ClusterSnapshot> {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLimitWatch.class);

    private final int brokerId;
    private final int limit;
    private Level reported = Level.FINE;

    private enum Level {
        FINE,
        NEAR,
        OVER
    }

    public PartitionLimitWatch(int brokerId, int limit) {
        this.brokerId = brokerId;
        this.limit = limit;
    }

    /** Called on the cluster view's thread with each new snapshot. */
    @Override
    public void accept(ClusterSnapshot snapshot) {
        int holds = PartitionLimits.replicaCounts(snapshot).getOrDefault(brokerId, 0);
        Level level =
                holds > limit ? Level.OVER : holds >= limit * PartitionLimits.WARNING_SHARE ? Level.NEAR : Level.FINE;
        if (level == reported) {
            return;
        }
        reported = level;
        switch (level) {
            case OVER ->
                LOG.error(String.format(
                        "Node %d holds %,d partitions, more than its partita.max.partitions"
                                + " of %,d: the logs past the limit cannot be opened. Raise the limit or move partitions away.",
                        brokerId, holds, limit));
            case NEAR ->
                LOG.warn(String.format(
                        "Node %d holds %,d partitions, %d %% of its partita.max.partitions of"
                                + " %,d; requests that would pass it will be refused.",
                        brokerId, holds, Math.round(100.0 * holds / limit), limit));
            case FINE ->
                LOG.info(String.format(
                        "Node %d holds %,d partitions, below %d %% of its" + " partita.max.partitions of %,d again.",
                        brokerId, holds, Math.round(100 * PartitionLimits.WARNING_SHARE), limit));
        }
    }
}
