package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * One AlterPartitionReassignments request waiting for the controller, a sequential child of
 * /partita/admin/reassign_partitions. It only carries the targets to the controller: once a reassignment has
 * started, its state lives in the topic znode (full replica set, adding and removing replicas, as Kafka keeps
 * it since KIP-455), next to the replica set that every node already follows. One child per request keeps
 * requests through different nodes from overwriting each other. The controller writes {@code results} back;
 * the node that took the request answers from them and deletes the znode.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReassignmentRequest(
        @JsonProperty("partitions") List<Target> partitions,
        @JsonProperty("allow_replication_factor_change") boolean allowReplicationFactorChange,
        @JsonProperty("results") List<PartitionResult> results,
        @JsonProperty("completed_ms") Long completedMs) {

    /** A partition's target replicas; null replicas cancel the partition's reassignment. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Target(
            @JsonProperty("topic") String topic,
            @JsonProperty("partition") int partition,
            @JsonProperty("replicas") List<Integer> replicas) {
        public TopicPartition topicPartition() {
            return new TopicPartition(topic, partition);
        }

        @JsonIgnore
        public boolean isCancel() {
            return replicas == null;
        }
    }

    public static ReassignmentRequest of(List<Target> targets, boolean allowReplicationFactorChange) {
        return new ReassignmentRequest(List.copyOf(targets), allowReplicationFactorChange, null, null);
    }

    @JsonIgnore
    public boolean isDone() {
        return results != null;
    }

    public ReassignmentRequest completed(List<PartitionResult> outcome, long nowMs) {
        return new ReassignmentRequest(partitions, allowReplicationFactorChange, List.copyOf(outcome), nowMs);
    }
}
