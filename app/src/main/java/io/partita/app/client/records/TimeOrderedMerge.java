package io.partita.app.client.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * A k-way merge of several sources, each already in its own order (a partition's records by offset), into one
 * sequence by time: the next item is always the earliest head of any source, ties broken by {@code ties} and then
 * by the source's place in the list. Only one item per source is held here (the sources buffer as they like), so
 * memory stays small however long the sources are.
 *
 * <p>An item is never moved ahead of an earlier item of its own source: a partition whose timestamps go backwards
 * (producers' clocks differ) keeps its offset order, and the merge is by time only as far as the sources allow.
 *
 * <p>Lazy: nothing is read from a source before the first {@link #hasNext()}, and the source an item came from is
 * advanced only when the next item is asked for, so a slow read never delays the item already handed out. Not
 * thread-safe; pure logic, no JavaFX and no cluster.
 */
public final class TimeOrderedMerge<T> implements Iterator<T> {
    private final List<Iterator<? extends T>> sources;
    private final PriorityQueue<Head<T>> heads;
    private boolean started;
    /** The source whose head was handed out last and is to be advanced before the next item, or -1. */
    private int toAdvance = -1;

    private record Head<T>(T item, int source) {}

    /**
     * @param time the time an item is ordered by (a record's timestamp)
     * @param ties the order of items with the same time (e.g. by partition, then offset)
     */
    public TimeOrderedMerge(
            List<? extends Iterator<? extends T>> sources, ToLongFunction<? super T> time, Comparator<? super T> ties) {
        this.sources = new ArrayList<>(sources);
        Comparator<Head<T>> byTime = Comparator.comparingLong(h -> time.applyAsLong(h.item()));
        this.heads = new PriorityQueue<>(
                Math.max(1, sources.size()),
                byTime.thenComparing(Head::item, ties).thenComparingInt(Head::source));
    }

    @Override
    public boolean hasNext() {
        if (!started) {
            started = true;
            for (int i = 0; i < sources.size(); i++) {
                advance(i);
            }
        }
        if (toAdvance >= 0) {
            int source = toAdvance;
            toAdvance = -1;
            advance(source);
        }
        return !heads.isEmpty();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Head<T> head = heads.poll();
        toAdvance = head.source();
        return head.item();
    }

    private void advance(int source) {
        Iterator<? extends T> it = sources.get(source);
        if (it.hasNext()) {
            heads.add(new Head<>(it.next(), source));
        }
    }
}
