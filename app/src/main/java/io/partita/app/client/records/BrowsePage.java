package io.partita.app.client.records;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A page of the browser: records of one or several partitions of a topic, merged by timestamp, and where it
 * starts and ends in each partition so that Older and Newer can page from there.
 *
 * @param from      each partition's first offset of this page (where the page before ends)
 * @param next      each partition's offset after this page (where the next page starts)
 * @param logStarts each partition's log start when read
 * @param logEnds   each partition's end (high watermark) when read
 */
public record BrowsePage(
        String topic,
        PagePositions from,
        PagePositions next,
        Map<Integer, Long> logStarts,
        Map<Integer, Long> logEnds,
        List<Message> messages) {
    public BrowsePage {
        logStarts = Map.copyOf(new TreeMap<>(logStarts));
        logEnds = Map.copyOf(new TreeMap<>(logEnds));
        messages = List.copyOf(messages);
    }

    /** The same page as a one-partition read gives it. */
    public static BrowsePage of(MessagePage p) {
        return new BrowsePage(
                p.topic(),
                PagePositions.of(p.partition(), p.from()),
                PagePositions.of(p.partition(), p.next()),
                Map.of(p.partition(), p.logStart()),
                Map.of(p.partition(), p.logEnd()),
                p.messages());
    }

    public List<Integer> partitions() {
        return from.partitions();
    }

    /** Whether older records come before this page in any of its partitions. */
    public boolean hasPrevious() {
        return from.offsets().entrySet().stream().anyMatch(e -> e.getValue() > logStarts.get(e.getKey()));
    }

    /** Whether any of its partitions held records after this page when it was read. */
    public boolean hasNext() {
        return next.offsets().entrySet().stream().anyMatch(e -> e.getValue() < logEnds.get(e.getKey()));
    }

    /** Records in all its partitions when read. */
    public long records() {
        return logEnds.entrySet().stream()
                .mapToLong(e -> e.getValue() - logStarts.get(e.getKey()))
                .sum();
    }
}
