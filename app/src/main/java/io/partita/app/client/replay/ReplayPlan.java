package io.partita.app.client.replay;

import io.partita.app.client.produce.ProduceRequest;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessageFilter;
import io.partita.app.client.records.StartAt;
import io.partita.app.client.records.StopAt;
import java.util.List;
import java.util.Objects;

/**
 * What a replay reads, keeps, how fast it goes and where the records go.
 *
 * @param partitions the source partitions; several are interleaved by the records' timestamps (ties by partition,
 *                   then offset), each kept in its offset order
 * @param from       where each partition's range starts
 * @param until      where each partition's range stops; a time is resolved per partition, and the end is the
 *                   partition's end as the replay starts
 */
public record ReplayPlan(
        String topic,
        List<Integer> partitions,
        StartAt from,
        StopAt until,
        MessageFilter filter,
        Speed speed,
        Target target) {

    public ReplayPlan {
        Objects.requireNonNull(topic, "topic");
        partitions = List.copyOf(partitions);
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one partition to replay.");
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(target, "target");
    }

    /** Where replayed records go. */
    public sealed interface Target {}

    /** Shown in the app, one by one (play, pause, step). */
    public record InApp() implements Target {}

    /**
     * Produced again to a topic (the same or another), keeping or dropping the parts of each record. A record
     * whose partition is not kept goes where the default partitioner puts it.
     */
    public record ToTopic(
            String topic, boolean keepKeys, boolean keepHeaders, boolean keepTimestamps, boolean keepPartitions)
            implements Target {
        public ToTopic {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("Choose the topic to replay to.");
            }
        }

        /** The record to send for {@code m}. */
        public ProduceRequest request(Message m) {
            return new ProduceRequest(
                    topic,
                    keepPartitions ? m.partition() : null,
                    keepKeys ? m.key() : null,
                    m.value(),
                    keepHeaders ? m.headers() : List.of(),
                    keepTimestamps ? m.timestamp() : null);
        }
    }
}
