package io.partita.app.client.records;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a page of several partitions starts or ends: one offset per partition. A page across partitions has no
 * single offset, so Older and Newer page from these maps rather than from one number.
 */
public record PagePositions(Map<Integer, Long> offsets) {
    public PagePositions {
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException("a page position needs at least one partition");
        }
        offsets.forEach((p, o) -> {
            if (p < 0 || o < 0) {
                throw new IllegalArgumentException("partition " + p + " at offset " + o + " is not a position");
            }
        });
        // Sorted, so positions print and compare the same way whatever map they came from.
        offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    public static PagePositions of(int partition, long offset) {
        return new PagePositions(Map.of(partition, offset));
    }

    public List<Integer> partitions() {
        return List.copyOf(offsets.keySet());
    }

    public long offset(int partition) {
        Long o = offsets.get(partition);
        if (o == null) {
            throw new IllegalArgumentException("partition " + partition + " is not in this position");
        }
        return o;
    }

    /**
     * The position after {@code taken} (records of these partitions, in offset order per partition): each
     * partition moves to the offset after its last record taken, and stays where it is when none was.
     */
    public PagePositions after(List<Message> taken) {
        Map<Integer, Long> next = new TreeMap<>(offsets);
        for (Message m : taken) {
            next.merge(m.partition(), m.offset() + 1, Math::max);
        }
        return new PagePositions(next);
    }

    /**
     * The position of the first of {@code taken} in each partition: where a page read backwards from this
     * position starts; a partition none was taken from stays where it is.
     */
    public PagePositions before(List<Message> taken) {
        Map<Integer, Long> from = new TreeMap<>(offsets);
        for (Message m : taken) {
            from.merge(m.partition(), m.offset(), Math::min);
        }
        return new PagePositions(from);
    }

    @Override
    public String toString() {
        return offsets.toString();
    }
}
