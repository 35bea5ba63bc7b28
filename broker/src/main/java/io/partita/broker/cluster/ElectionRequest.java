package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;

/**
 * One ElectLeaders request waiting for the controller, a sequential child of
 * /partita/admin/preferred_replica_election (Kafka's znode name; one child per request, so requests made
 * through different nodes at once never overwrite each other, where Kafka's single znode refused the second).
 * The controller performs the elections and writes {@code results} into the same znode; the node that took
 * the request answers from them and deletes the znode.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ElectionRequest(
        @JsonProperty("election_type") String electionType,
        @JsonProperty("partitions") List<Ref> partitions,
        @JsonProperty("results") List<PartitionResult> results,
        @JsonProperty("completed_ms") Long completedMs) {

    /** A partition named in a request. */
    public record Ref(
            @JsonProperty("topic") String topic,
            @JsonProperty("partition") int partition) {
        public TopicPartition topicPartition() {
            return new TopicPartition(topic, partition);
        }
    }

    public static ElectionRequest of(ElectionType type, List<TopicPartition> partitions) {
        return new ElectionRequest(
                type.name(),
                partitions.stream()
                        .map(tp -> new Ref(tp.topic(), tp.partition()))
                        .toList(),
                null,
                null);
    }

    @JsonIgnore
    public ElectionType type() {
        return ElectionType.valueOf(electionType);
    }

    @JsonIgnore
    public boolean isDone() {
        return results != null;
    }

    public ElectionRequest completed(List<PartitionResult> outcome, long nowMs) {
        return new ElectionRequest(electionType, partitions, List.copyOf(outcome), nowMs);
    }
}
