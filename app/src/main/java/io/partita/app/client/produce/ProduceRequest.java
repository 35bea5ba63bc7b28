package io.partita.app.client.produce;

import io.partita.app.client.records.Message;
import java.util.List;
import java.util.Objects;

/**
 * One record to send.
 *
 * @param partition null: the default partitioner chooses (by key, or sticky for records without one)
 * @param timestamp null: the producer's clock
 */
public record ProduceRequest(
        String topic, Integer partition, byte[] key, byte[] value, List<Message.Header> headers, Long timestamp) {
    public ProduceRequest {
        Objects.requireNonNull(topic, "topic");
        headers = List.copyOf(headers);
    }
}
