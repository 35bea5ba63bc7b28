package io.partita.app.client.browse;

import io.partita.app.client.records.MessageFilter;
import io.partita.app.client.records.StartAt;
import java.util.List;

/**
 * A search of the browser: which partitions of a topic, from where, what to keep, and when to stop.
 *
 * @param maxMatches the search stops at this many matches (the table shows them all, so they are bounded)
 */
public record SearchPlan(String topic, List<Integer> partitions, StartAt start, MessageFilter filter, int maxMatches) {
    public SearchPlan {
        partitions = List.copyOf(partitions);
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("a search needs a partition");
        }
        if (maxMatches < 1) {
            throw new IllegalArgumentException("a search stops at 1 match or more");
        }
    }
}
