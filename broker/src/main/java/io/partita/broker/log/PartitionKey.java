package io.partita.broker.log;

import java.util.Objects;
import org.apache.kafka.common.Uuid;

/** Identifies a partition's storage; databases are named by topic id so a re-created topic never sees old data. */
public record PartitionKey(Uuid topicId, String topic, int partition) {
    public PartitionKey {
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "(" + topicId + ")";
    }
}
