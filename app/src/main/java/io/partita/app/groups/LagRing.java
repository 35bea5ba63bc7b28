package io.partita.app.groups;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent lag samples of one group in a fixed-size ring: adding to a full ring overwrites the oldest,
 * so memory stays bounded however long the app runs. Samples are expected in time order.
 */
final class LagRing {
    private final long[] times;
    private final long[] lags;
    private int start;
    private int size;

    LagRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        times = new long[capacity];
        lags = new long[capacity];
    }

    void add(long atMillis, long lag) {
        int end = (start + size) % times.length;
        times[end] = atMillis;
        lags[end] = lag;
        if (size < times.length) {
            size++;
        } else {
            start = (start + 1) % times.length;
        }
    }

    /** Drops samples taken before {@code cutoffMillis}. */
    void dropBefore(long cutoffMillis) {
        while (size > 0 && times[start] < cutoffMillis) {
            start = (start + 1) % times.length;
            size--;
        }
    }

    int size() {
        return size;
    }

    /** The samples, oldest first. */
    List<LagSample> samples() {
        List<LagSample> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int at = (start + i) % times.length;
            out.add(new LagSample(times[at], lags[at]));
        }
        return out;
    }
}
