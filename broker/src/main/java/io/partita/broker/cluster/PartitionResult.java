package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * What the controller did with one partition of an admin request, written back into the request znode so that
 * the node that took the request can answer its client with Kafka's per-partition error.
 *
 * @param leaderEpoch the leader epoch the controller wrote, or -1 when it wrote no partition state; the
 *                    answering node waits until its own view shows at least this epoch
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartitionResult(
        @JsonProperty("topic") String topic,
        @JsonProperty("partition") int partition,
        @JsonProperty("error_code") short errorCode,
        @JsonProperty("error_message") String errorMessage,
        @JsonProperty("leader_epoch") int leaderEpoch) {

    public static PartitionResult ok(TopicPartition tp, int leaderEpoch) {
        return new PartitionResult(tp.topic(), tp.partition(), Errors.NONE.code(), null, leaderEpoch);
    }

    public static PartitionResult error(TopicPartition tp, Errors error, String message) {
        return new PartitionResult(tp.topic(), tp.partition(), error.code(), message, -1);
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    public Errors error() {
        return Errors.forCode(errorCode);
    }
}
