package io.partita.app.client.transfer;

import io.partita.app.client.records.StartAt;
import java.util.List;

/**
 * What to export: the records of a topic's partitions (one after the other, each in offset order) from
 * {@code from} up to where a read from {@code until} would begin: {@link StartAt.Latest} for the end of the
 * partition, an {@link StartAt.Offset} (not included), or a {@link StartAt.Time} (the first record at or after it,
 * not included).
 */
public record ExportPlan(String topic, List<Integer> partitions, StartAt from, StartAt until) {
    public ExportPlan {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("Choose the topic to export.");
        }
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("Topic " + topic + " has no partitions to export.");
        }
        partitions = List.copyOf(partitions);
        if (until instanceof StartAt.Earliest || until instanceof StartAt.LastN) {
            throw new IllegalArgumentException("An export stops at the end, an offset or a time.");
        }
    }

    /** "a/0", or "a (2 partitions)", for summaries. */
    public String describe() {
        return partitions.size() == 1
                ? topic + "/" + partitions.get(0)
                : topic + " (" + partitions.size() + " partitions)";
    }
}
