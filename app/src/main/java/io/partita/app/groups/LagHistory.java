package io.partita.app.groups;

import io.partita.app.client.groups.GroupInfo;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each group's total lag over the last {@code window}, sampled at every background refresh while the app runs.
 * Bounded twice: by time (older samples drop out) and by count per group (a ring), and groups that disappear
 * from the cluster are forgotten.
 */
public final class LagHistory {
    /** The chart's span. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** 15 minutes at one sample every 2 s is 450; a little headroom for faster manual refreshes. */
    public static final int CAPACITY = 600;

    private final long windowMillis;
    private final int capacity;
    private final Map<String, LagRing> rings = new HashMap<>();

    public LagHistory() {
        this(WINDOW, CAPACITY);
    }

    public LagHistory(Duration window, int capacity) {
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
    }

    /** Records one sample per group at {@code atMillis}; groups not listed any more are forgotten. */
    public void record(long atMillis, Collection<GroupInfo> groups) {
        Map<String, Long> lags = new HashMap<>();
        groups.forEach(g -> lags.put(g.id(), g.totalLag()));
        rings.keySet().retainAll(lags.keySet());
        lags.forEach((id, lag) -> record(id, atMillis, lag));
    }

    public void record(String group, long atMillis, long lag) {
        LagRing ring = rings.computeIfAbsent(group, g -> new LagRing(capacity));
        ring.add(atMillis, lag);
        ring.dropBefore(atMillis - windowMillis);
    }

    /** The group's samples, oldest first; empty for a group never seen. */
    public List<LagSample> samples(String group) {
        LagRing ring = group == null ? null : rings.get(group);
        return ring == null ? List.of() : ring.samples();
    }
}
