package io.partita.app.timeline;

import io.partita.app.client.cluster.BrokerColumn;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.timeline.TimelineFile.RecordedMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the app saw of one cluster, for the timeline: every map it read (brokers, partitions, leaders, ISRs, replica
 * positions) with its time, and the events between them ({@link MapChanges}), so that any moment can be shown
 * again. The oldest moments roll off past {@code maxAge} or {@code maxMoments}.
 *
 * <p>A map usually differs from the one before in a few rows (often one partition's positions: the partition log
 * view reads its partition four times a second), so most moments keep only the rows that changed ({@link
 * RowChanges}); every {@link #KEYFRAME_EVERY}th moment, and any whose partitions were added or removed, keeps the
 * whole map (sharing the row objects that did not change). Showing a moment rebuilds it from the keyframe before
 * it: at most that many steps, each as large as its changes. Not thread-safe: the FX thread records and reads it.
 */
public final class TimelineHistory {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    /** An hour of the workspace's 2 s refreshes and the partition log view's four reads a second. */
    public static final int DEFAULT_MAX_MOMENTS = 20_000;

    static final int KEYFRAME_EVERY = 256;

    /** One map as the app saw it at {@code time}: whole ({@code keyframe}), or as its brokers and row changes. */
    private record Moment(Instant time, ClusterMap keyframe, List<BrokerColumn> brokers, RowChanges changes) {}

    private final Duration maxAge;
    private final int maxMoments;
    private final List<Moment> moments = new ArrayList<>();
    private final List<ClusterEvent> events = new ArrayList<>();
    /** The last map recorded, whole. */
    private ClusterMap last;

    private int sinceKeyframe;

    public TimelineHistory(Duration maxAge, int maxMoments) {
        if (maxAge.isNegative() || maxAge.isZero() || maxMoments < 1) {
            throw new IllegalArgumentException("a timeline keeps something: " + maxAge + ", " + maxMoments);
        }
        this.maxAge = maxAge;
        this.maxMoments = maxMoments;
    }

    public TimelineHistory() {
        this(DEFAULT_MAX_AGE, DEFAULT_MAX_MOMENTS);
    }

    /**
     * Records {@code map}, seen at {@code time} (not before the last one recorded), and returns the events it brings;
     * a map equal to the last one records nothing.
     */
    public List<ClusterEvent> record(Instant time, ClusterMap map) {
        if (!moments.isEmpty()) {
            Instant lastTime = moments.get(moments.size() - 1).time();
            if (time.isBefore(lastTime)) {
                throw new IllegalArgumentException("time runs forward: " + time + " is before " + lastTime);
            }
        }
        if (last != null && last.equals(map)) {
            return List.of();
        }
        List<ClusterEvent> found = last == null ? List.of() : MapChanges.between(last, map, time);
        moments.add(moment(time, map));
        last = map;
        events.addAll(found);
        rollOff(time);
        return found;
    }

    private Moment moment(Instant time, ClusterMap map) {
        List<PartitionRow> before = last == null ? List.of() : last.rows();
        List<PartitionRow> now = map.rows();
        if (last != null && before.size() == now.size() && sinceKeyframe < KEYFRAME_EVERY - 1) {
            sinceKeyframe++;
            // The same brokers are kept once.
            List<BrokerColumn> brokers = last.brokers().equals(map.brokers()) ? last.brokers() : map.brokers();
            return new Moment(time, null, brokers, RowChanges.between(before, now));
        }
        sinceKeyframe = 0;
        return new Moment(time, last == null ? map : sharingRows(last, map), null, null);
    }

    /** The map as it was at {@code time}: the last one recorded at or before it; empty before the first. */
    public Optional<ClusterMap> at(Instant time) {
        int low = 0;
        int high = moments.size() - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (moments.get(middle).time().isAfter(time)) {
                high = middle - 1;
            } else {
                found = middle;
                low = middle + 1;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(rebuild(found));
    }

    /** Moment {@code index} whole: its keyframe, then each later moment's changed rows in turn. */
    private ClusterMap rebuild(int index) {
        int keyframe = index;
        while (moments.get(keyframe).keyframe() == null) {
            keyframe--;
        }
        Moment whole = moments.get(keyframe);
        if (keyframe == index) {
            return whole.keyframe();
        }
        PartitionRow[] rows = whole.keyframe().rows().toArray(new PartitionRow[0]);
        // From the moment back to the keyframe, so that each row is built once, from its latest change.
        PartitionRow[] latestRow = new PartitionRow[rows.length];
        boolean[] settled = new boolean[rows.length];
        RowChanges[] positionsIn = new RowChanges[rows.length];
        int[] positionsAt = new int[rows.length];
        for (int i = index; i > keyframe; i--) {
            moments.get(i).changes().collectLatest(latestRow, settled, positionsIn, positionsAt);
        }
        for (int place = 0; place < rows.length; place++) {
            PartitionRow row = latestRow[place] != null ? latestRow[place] : rows[place];
            rows[place] = positionsIn[place] != null
                    ? row.withPositions(positionsIn[place].positionsAt(positionsAt[place]))
                    : row;
        }
        Moment at = moments.get(index);
        return new ClusterMap(
                at.brokers(), Arrays.asList(rows), whole.keyframe().unreadable());
    }

    /** Every moment kept, whole, oldest first: what a timeline file holds. */
    public List<RecordedMap> moments() {
        List<RecordedMap> all = new ArrayList<>(moments.size());
        PartitionRow[] rows = null;
        ClusterMap keyframe = null;
        for (Moment moment : moments) {
            ClusterMap map;
            if (moment.keyframe() != null) {
                keyframe = moment.keyframe();
                map = keyframe;
                rows = map.rows().toArray(new PartitionRow[0]);
            } else {
                moment.changes().applyTo(rows);
                map = new ClusterMap(moment.brokers(), Arrays.asList(rows), keyframe.unreadable());
            }
            all.add(new RecordedMap(moment.time(), map));
        }
        return all;
    }

    /** A history holding the maps of a recording (a timeline file), all of them, with their events. */
    public static TimelineHistory of(List<RecordedMap> maps) {
        TimelineHistory history = new TimelineHistory(Duration.ofDays(36_500), Math.max(1, maps.size()));
        maps.forEach(m -> history.record(m.time(), m.map()));
        return history;
    }

    /** The events kept, oldest first. */
    public List<ClusterEvent> events() {
        return List.copyOf(events);
    }

    /** How many events are kept. */
    public int eventCount() {
        return events.size();
    }

    /** The first moment kept; empty while nothing is recorded. */
    public Optional<Instant> start() {
        return moments.isEmpty() ? Optional.empty() : Optional.of(moments.get(0).time());
    }

    /** The last moment recorded; empty while nothing is. */
    public Optional<Instant> end() {
        return moments.isEmpty()
                ? Optional.empty()
                : Optional.of(moments.get(moments.size() - 1).time());
    }

    /** How many maps are kept. */
    public int size() {
        return moments.size();
    }

    private void rollOff(Instant now) {
        Instant oldest = now.minus(maxAge);
        int drop = 0;
        // Keep at least the latest map, however old: it is what "now" looks like.
        while (drop < moments.size() - 1
                && (moments.size() - drop > maxMoments
                        || moments.get(drop).time().isBefore(oldest))) {
            drop++;
        }
        if (drop > 0) {
            ClusterMap first = rebuild(drop); // the new first moment must stand on its own
            Moment kept = moments.get(drop);
            moments.set(drop, new Moment(kept.time(), first, null, null));
            moments.subList(0, drop).clear();
            Instant start = moments.get(0).time();
            events.removeIf(e -> e.time().isBefore(start));
        }
    }

    /** {@code map} with {@code previous}'s row objects wherever a row is equal to the one at the same place. */
    private static ClusterMap sharingRows(ClusterMap previous, ClusterMap map) {
        List<PartitionRow> before = previous.rows();
        List<PartitionRow> now = map.rows();
        List<PartitionRow> shared = new ArrayList<>(now.size());
        for (int i = 0; i < now.size(); i++) {
            PartitionRow row = now.get(i);
            shared.add(i < before.size() && before.get(i).equals(row) ? before.get(i) : row);
        }
        return new ClusterMap(map.brokers(), shared, map.unreadable());
    }
}
