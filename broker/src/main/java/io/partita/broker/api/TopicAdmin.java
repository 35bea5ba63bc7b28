package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.cluster.PartitionLimits;
import io.partita.broker.cluster.ReplicaAssigner;
import io.partita.broker.cluster.TopicAssignment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.Topic;

/**
 * Topic creation shared by CreateTopics, auto-creation on Metadata and (later) the app: validation in Kafka's
 * words, replica assignment, and the ZooKeeper write; then waiting until the controller has given every
 * partition a leader, as Kafka's ZooKeeper-era CreateTopics did.
 */
final class TopicAdmin {
    /**
     * A topic's assignment lives in one znode, and ZooKeeper refuses znodes over 1 MB; 10,000 partitions at
     * replication factor 3 stay well below that, and well beyond what a laptop cluster needs.
     */
    static final int MAX_PARTITIONS_PER_TOPIC = 10_000;

    private final ApiContext api;

    TopicAdmin(ApiContext api) {
        this.api = api;
    }

    /** Checks a request and returns the assignment to write. Throws the ApiException Kafka would report. */
    TopicAssignment plan(
            String name,
            int partitions,
            short replicationFactor,
            Map<Integer, List<Integer>> manual,
            Map<String, String> configs) {
        validateName(name);
        ClusterSnapshot snapshot = api.snapshot();
        if (snapshot.topic(name).isPresent()) {
            throw new TopicExistsException("Topic '" + name + "' already exists.");
        }
        // As in Kafka: '.' and '_' map to the same metric names, so topics differing only there may not coexist.
        if (Topic.hasCollisionChars(name)) {
            for (String existing : snapshot.topics().keySet()) {
                if (Topic.hasCollision(name, existing)) {
                    throw new InvalidTopicException("Topic '" + name + "' collides with existing topic: " + existing);
                }
            }
        }
        try {
            api.topicConfig(configs);
        } catch (ConfigException e) {
            throw new InvalidConfigurationException(e.getMessage());
        }
        Map<Integer, List<Integer>> assignment;
        if (!manual.isEmpty()) {
            if (partitions != -1 || replicationFactor != -1) {
                throw new InvalidRequestException(
                        "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.");
            }
            checkPartitionLimit(manual.size());
            validateManual(manual, 0, snapshot);
            assignment = manual;
        } else {
            int count = partitions == -1 ? api.config().numPartitions() : partitions;
            short rf = replicationFactor == -1 ? api.config().defaultReplicationFactor() : replicationFactor;
            if (count <= 0) {
                throw new InvalidPartitionsException("Number of partitions must be larger than 0.");
            }
            checkPartitionLimit(count);
            if (rf <= 0) {
                throw new InvalidReplicationFactorException("Replication factor must be larger than 0.");
            }
            assignment = ReplicaAssigner.assign(snapshot.brokerRacks(), 0, count, rf);
        }
        PartitionLimits.exceeded(snapshot, PartitionLimits.replicasOf(assignment.values()))
                .ifPresent(message -> {
                    throw new PolicyViolationException(message);
                });
        return new TopicAssignment(Uuid.randomUuid().toString(), assignment);
    }

    static void checkPartitionLimit(int partitions) {
        if (partitions > MAX_PARTITIONS_PER_TOPIC) {
            throw new InvalidPartitionsException(
                    "A topic may have at most " + MAX_PARTITIONS_PER_TOPIC + " partitions, not " + partitions + ".");
        }
    }

    static void validateName(String name) {
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidTopicException(e.getMessage());
        }
    }

    /** Manual assignments: partitions numbered from `first` without gaps, distinct live brokers, one size. */
    static void validateManual(Map<Integer, List<Integer>> manual, int first, ClusterSnapshot snapshot) {
        int size = -1;
        for (int p = first; p < first + manual.size(); p++) {
            List<Integer> replicas = manual.get(p);
            if (replicas == null) {
                throw new InvalidReplicaAssignmentException("Partitions must be numbered consecutively from " + first);
            }
            if (replicas.isEmpty() || new HashSet<>(replicas).size() != replicas.size()) {
                throw new InvalidReplicaAssignmentException(
                        "Partition " + p + " has an empty or duplicated replica list");
            }
            if (size != -1 && replicas.size() != size) {
                throw new InvalidReplicaAssignmentException("All partitions must have the same number of replicas");
            }
            size = replicas.size();
            for (int broker : replicas) {
                if (!snapshot.isLive(broker)) {
                    throw new InvalidReplicaAssignmentException(
                            "Unknown broker " + broker + " in the assignment of partition " + p);
                }
            }
        }
    }

    /** Writes the topic (blocking) and completes when every partition has a leader. */
    CompletableFuture<Void> create(
            String name, TopicAssignment assignment, Map<String, String> configs, long timeoutMs) {
        return api.blocking(() -> {
                    api.clusterStore().createTopic(name, assignment, configs);
                    api.clusterView().scheduleRebuild();
                    return null;
                })
                .thenCompose(v -> api.awaitView(s -> s.isTopicReady(name), timeoutMs));
    }
}
