package io.partita.app.client.records;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Merges the records read from several partitions into one page ordered by timestamp (ties by partition, then
 * offset). Each partition's records stay in offset order, as a consumer sees them: the merge takes whole
 * partition heads (or tails, going backwards), so a page never skips a record of a partition to show a later one.
 * Kept to the browser's pages; the replayer has its own merge for now.
 */
public final class PageMerge {
    /** The order of the browser's rows across partitions. */
    public static final Comparator<Message> TIME_ORDER = Comparator.comparingLong(Message::timestamp)
            .thenComparingInt(Message::partition)
            .thenComparingLong(Message::offset);

    private PageMerge() {}

    /**
     * The first {@code limit} records of the merge of {@code byPartition} (each list in offset order), in order.
     */
    public static List<Message> first(Map<Integer, List<Message>> byPartition, int limit) {
        PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.comparing(Cursor::current, TIME_ORDER));
        byPartition.values().stream()
                .filter(l -> !l.isEmpty())
                .map(l -> new Cursor(l, 0, 1))
                .forEach(heads::add);
        List<Message> page = new ArrayList<>(limit);
        while (page.size() < limit && !heads.isEmpty()) {
            Cursor c = heads.poll();
            page.add(c.current());
            if (c.advance()) {
                heads.add(c);
            }
        }
        return page;
    }

    /**
     * The last {@code limit} records of the merge of {@code byPartition} (each list in offset order), in order:
     * the page just before the records that follow these lists.
     */
    public static List<Message> last(Map<Integer, List<Message>> byPartition, int limit) {
        PriorityQueue<Cursor> tails = new PriorityQueue<>(Comparator.comparing(Cursor::current, TIME_ORDER.reversed()));
        byPartition.values().stream()
                .filter(l -> !l.isEmpty())
                .map(l -> new Cursor(l, l.size() - 1, -1))
                .forEach(tails::add);
        List<Message> page = new ArrayList<>(limit);
        while (page.size() < limit && !tails.isEmpty()) {
            Cursor c = tails.poll();
            page.add(c.current());
            if (c.advance()) {
                tails.add(c);
            }
        }
        Collections.reverse(page);
        return page;
    }

    /**
     * Where {@code m} goes among {@code rows[from..]} (in {@link #TIME_ORDER}) to keep them in order: after any
     * equal row, so records that arrive later stay later among equals. The rows before {@code from} are not looked at.
     */
    public static int place(List<Message> rows, int from, Message m) {
        int low = from;
        int high = rows.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (TIME_ORDER.compare(rows.get(mid), m) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** A position in one partition's list, walking forwards (step 1) or backwards (step -1). */
    private static final class Cursor {
        private final List<Message> list;
        private final int step;
        private int index;

        Cursor(List<Message> list, int index, int step) {
            this.list = list;
            this.index = index;
            this.step = step;
        }

        Message current() {
            return list.get(index);
        }

        boolean advance() {
            index += step;
            return index >= 0 && index < list.size();
        }
    }
}
