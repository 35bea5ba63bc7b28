package io.partita.app.cluster;

import io.partita.app.client.cluster.PartitionPositions;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.cluster.ReplicaState;
import io.partita.app.client.records.OffsetScale;
import io.partita.app.common.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the partition log view draws, worked out apart from JavaFX so it can be tested: the partition as a log, its
 * offsets from the log start to the furthest offset any replica has; each replica's log end offset on it; the high
 * watermark (a consumer reads below it; an acks=all write is acknowledged once it passes the write); and the
 * committed offset of each consumer group reading the partition, by group id. Positions are fractions of the axis, 0 at the log
 * start and 1 at its end.
 *
 * @param logStart      the oldest offset the leader still keeps; -1 when not known
 * @param highWatermark the leader's high watermark; -1 when not known
 * @param axisEnd       the right end of the axis: the largest offset known
 */
public record PartitionLogPicture(
        String topic,
        int partition,
        int leader,
        List<Integer> isr,
        long logStart,
        long highWatermark,
        long axisEnd,
        List<ReplicaMark> replicas,
        List<GroupMark> groups) {

    /**
     * One replica: its broker, state and log end offset (-1 when its broker did not say), where that sits, and for
     * a follower how many records it still has to copy from its leader (-1 when not known or a leader).
     */
    public record ReplicaMark(int broker, ReplicaState state, long logEnd, double at, long behind) {
        public boolean known() {
            return logEnd >= 0;
        }
    }

    /** One consumer group's committed offset on the partition, where it sits, and its lag behind the high watermark. */
    public record GroupMark(String group, long committed, double at, long lag) {}

    public PartitionLogPicture {
        isr = List.copyOf(isr);
        replicas = List.copyOf(replicas);
        groups = List.copyOf(groups);
    }

    /** The picture of {@code row} (with its positions) and the groups' commits on it, by group id. */
    public static PartitionLogPicture of(PartitionRow row, Map<String, Long> commits) {
        PartitionPositions positions = row.positions();
        long start = positions.logStart();
        long end = Math.max(Math.max(0, start), positions.highWatermark());
        for (long logEnd : positions.logEnds().values()) {
            end = Math.max(end, logEnd);
        }
        for (long committed : commits.values()) {
            end = Math.max(end, committed);
        }
        OffsetScale scale = new OffsetScale(Math.max(0, start), end);
        List<ReplicaMark> replicas = new ArrayList<>();
        for (int broker : row.replicas()) {
            ReplicaState state = row.replicaOn(broker).orElse(ReplicaState.OFFLINE);
            OptionalLong logEnd = positions.logEnd(broker);
            OptionalLong behind = state == ReplicaState.LEADER || !row.hasLeader()
                    ? OptionalLong.empty()
                    : positions.behind(broker, row.leader());
            replicas.add(new ReplicaMark(
                    broker,
                    state,
                    logEnd.orElse(-1),
                    logEnd.isPresent() ? scale.at(logEnd.getAsLong()) : 0,
                    behind.orElse(-1)));
        }
        long hw = positions.highWatermark();
        List<GroupMark> groups = commits.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(c -> new GroupMark(
                        c.getKey(), c.getValue(), scale.at(c.getValue()), hw < 0 ? -1 : Math.max(0, hw - c.getValue())))
                .toList();
        return new PartitionLogPicture(
                row.topic(), row.partition(), row.leader(), row.isr(), start, hw, end, replicas, groups);
    }

    /** Where the high watermark sits, or -1 when it is not known. */
    public double highWatermarkAt() {
        return highWatermark < 0 ? -1 : scale().at(highWatermark);
    }

    /** The leader's log end offset, or -1 when not known (no leader, or it did not say). */
    public long leaderLogEnd() {
        return replicas.stream()
                .filter(r -> r.broker() == leader && r.known())
                .mapToLong(ReplicaMark::logEnd)
                .findFirst()
                .orElse(-1);
    }

    /**
     * Records the leader has that not every in-sync replica has yet: above the high watermark, so consumers do not
     * see them and acks=all writes among them wait. 0 when not known.
     */
    public long unreplicated() {
        long leaderEnd = leaderLogEnd();
        return leaderEnd < 0 || highWatermark < 0 ? 0 : Math.max(0, leaderEnd - highWatermark);
    }

    /** The partition in one line: where its log starts, its high watermark, and what is not yet replicated. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        parts.add(leader < 0 ? "offline: no leader" : "leader broker " + leader);
        parts.add("in sync " + isr);
        if (logStart >= 0) {
            parts.add("log start " + Sizes.count(logStart));
        }
        if (highWatermark >= 0) {
            parts.add("high watermark " + Sizes.count(highWatermark));
        }
        long waiting = unreplicated();
        if (waiting > 0) {
            parts.add(Sizes.count(waiting) + " not yet on every in-sync replica");
        }
        return String.join("  ·  ", parts);
    }

    /** The figure beside a replica's marker: its log end, and how far behind its leader a follower is. */
    public static String replicaFigure(ReplicaMark replica) {
        if (!replica.known()) {
            return replica.state() == ReplicaState.OFFLINE ? "down" : "not known";
        }
        String figure = Sizes.count(replica.logEnd());
        return replica.behind() > 0 ? figure + "  (−" + Sizes.count(replica.behind()) + ")" : figure;
    }

    /** The figure beside a group's marker: its committed offset and its lag. */
    public static String groupFigure(GroupMark group) {
        String figure = Sizes.count(group.committed());
        return group.lag() < 0 ? figure : figure + "  (lag " + Sizes.count(group.lag()) + ")";
    }

    private OffsetScale scale() {
        return new OffsetScale(Math.max(0, logStart), axisEnd);
    }
}
