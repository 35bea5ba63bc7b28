package io.partita.app.client.cluster;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Where a partition's log is: its log start and high watermark (the leader's), and each replica's log end offset
 * (asked of the replica's own broker). -1 where not known (a broker that is down, a secured connection).
 */
public record PartitionPositions(long logStart, long highWatermark, Map<Integer, Long> logEnds) {
    public static final PartitionPositions UNKNOWN = new PartitionPositions(-1, -1, Map.of());

    public PartitionPositions {
        logEnds = Map.copyOf(logEnds);
    }

    /** The log end offset of the replica on {@code brokerId}, if known. */
    public OptionalLong logEnd(int brokerId) {
        Long end = logEnds.get(brokerId);
        return end == null ? OptionalLong.empty() : OptionalLong.of(end);
    }

    /** How many records the replica on {@code brokerId} is behind {@code leader}'s log end, if both are known. */
    public OptionalLong behind(int brokerId, int leader) {
        OptionalLong own = logEnd(brokerId);
        OptionalLong leaders = logEnd(leader);
        if (own.isEmpty() || leaders.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, leaders.getAsLong() - own.getAsLong()));
    }
}
