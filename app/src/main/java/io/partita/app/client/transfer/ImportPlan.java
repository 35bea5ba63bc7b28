package io.partita.app.client.transfer;

import io.partita.app.client.produce.ProduceRequest;
import io.partita.app.client.records.Message;
import io.partita.app.client.replay.ReplayPlan;

/**
 * Where an import sends a file's records: an existing topic; each record to the partition it came from, or to
 * the one its key picks; with the timestamps it had, or the time it is sent. Keys, values and headers are always
 * kept: an import that changed them would not give back what was exported.
 */
public record ImportPlan(String topic, boolean keepPartitions, boolean keepTimestamps) {
    public ImportPlan {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("Choose the topic to import into.");
        }
    }

    /** The record to send for {@code m}. */
    public ProduceRequest request(Message m) {
        return new ReplayPlan.ToTopic(topic, true, true, keepTimestamps, keepPartitions).request(m);
    }
}
