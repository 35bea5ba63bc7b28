package io.partita.broker.replication;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.cluster.PartitionState;
import io.partita.broker.log.LogConfig;
import io.partita.broker.log.LogStore;
import io.partita.broker.log.PartitionKey;
import io.partita.broker.log.PartitionLog;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas this node holds, as Kafka's {@code ReplicaManager}: it follows the cluster metadata, opening a
 * local log for every partition assigned to this node and dropping those of deleted topics, and it answers
 * "may I serve this partition?" for the API handlers.
 */
public final class ReplicaManager {
    private static final Logger log = LoggerFactory.getLogger(ReplicaManager.class);

    private final int brokerId;
    private final LogStore logStore;
    private final Function<String, LogConfig> topicConfigs;
    private final DelayedFetches delayedFetches = new DelayedFetches();
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    /**
     * @param topicConfigs the effective config of a topic (broker defaults plus its overrides), from the
     *                     latest metadata
     */
    public ReplicaManager(int brokerId, LogStore logStore, Function<String, LogConfig> topicConfigs) {
        this.brokerId = brokerId;
        this.logStore = logStore;
        this.topicConfigs = topicConfigs;
    }

    public DelayedFetches delayedFetches() {
        return delayedFetches;
    }

    public void close() {
        delayedFetches.close();
    }

    /** Applies new metadata: creates, re-roles, reconfigures and deletes local replicas. Never blocks long. */
    public synchronized void onMetadata(ClusterSnapshot snapshot) {
        Set<TopicPartition> assigned = new HashSet<>();
        for (TopicPartition tp : snapshot.partitions()) {
            if (snapshot.isBeingDeleted(tp.topic())) {
                continue;
            }
            var topic = snapshot.topic(tp.topic()).orElseThrow();
            if (!topic.replicas(tp.partition()).contains(brokerId)) {
                continue;
            }
            Optional<PartitionState> state = snapshot.state(tp);
            if (state.isEmpty()) {
                continue;
            }
            assigned.add(tp);
            Uuid topicId = Uuid.fromString(topic.topicId());
            LogConfig config = topicConfigs.apply(tp.topic());
            Partition existing = partitions.get(tp);
            if (existing != null && !existing.topicId().equals(topicId)) {
                dropPartition(existing);
                existing = null;
            }
            if (existing == null) {
                try {
                    PartitionLog partitionLog = logStore.openPartition(
                            new PartitionKey(topicId, tp.topic(), tp.partition()), config);
                    Partition partition = new Partition(tp, topicId, partitionLog, config, state.get(), brokerId);
                    partitionLog.setAppendListener(() -> onAppend(partition));
                    partitions.put(tp, partition);
                    partition.advanceHighWatermark();
                    log.debug("Opened replica {} ({})", tp, state.get());
                } catch (RuntimeException e) {
                    log.error("Could not open the log of {}", tp, e);
                }
            } else {
                existing.updateState(state.get());
                if (!existing.config().equals(config)) {
                    existing.updateConfig(config);
                }
                existing.advanceHighWatermark();
            }
        }
        for (Partition partition : partitions.values()) {
            if (!assigned.contains(partition.topicPartition())
                    && snapshot.topic(partition.topicPartition().topic()).isEmpty()) {
                dropPartition(partition);
            }
        }
        if (!loaded) {
            loaded = true;
            deleteOrphanedLogs(snapshot);
        }
    }

    private void onAppend(Partition partition) {
        partition.advanceHighWatermark();
        delayedFetches.onAppend(partition.topicPartition());
    }

    private void dropPartition(Partition partition) {
        partitions.remove(partition.topicPartition(), partition);
        PartitionLog partitionLog = partition.log();
        logStore.deletePartition(partitionLog.key()).whenComplete((v, e) -> {
            if (e != null) {
                log.error("Could not delete the log of {}", partition.topicPartition(), e);
            } else {
                log.info("Deleted the local log of {}", partition.topicPartition());
            }
        });
    }

    /** Logs on disk whose topic is gone (deleted while this node was down) are removed once, at start-up. */
    private void deleteOrphanedLogs(ClusterSnapshot snapshot) {
        for (PartitionKey key : logStore.storedPartitions()) {
            boolean known = snapshot.topic(key.topic())
                    .map(t -> t.topicId().equals(key.topicId().toString()) && t.partitions().containsKey(key.partition()))
                    .orElse(false);
            if (!known) {
                log.info("Deleting the orphaned log of {}-{} (topic id {})", key.topic(), key.partition(), key.topicId());
                logStore.deletePartition(key);
            }
        }
    }

    public Optional<Partition> partition(TopicPartition tp) {
        return Optional.ofNullable(partitions.get(tp));
    }

    public Map<TopicPartition, Partition> partitions() {
        return Map.copyOf(partitions);
    }

    /** The partition if this node leads it, else the error Kafka gives. */
    public Partition leaderPartition(TopicPartition tp, ClusterSnapshot snapshot) throws ApiException {
        Partition partition = partitions.get(tp);
        if (partition == null) {
            if (snapshot.topic(tp.topic()).map(t -> t.partitions().containsKey(tp.partition())).orElse(false)) {
                throw new NotLeaderOrFollowerException("This node does not host " + tp);
            }
            throw new UnknownTopicOrPartitionException("This server does not host this topic-partition.");
        }
        if (!partition.isLeader()) {
            throw new NotLeaderOrFollowerException("This node is not the leader of " + tp);
        }
        return partition;
    }

    public static ApiException storageError(Throwable e) {
        return e instanceof ApiException api ? api : new KafkaStorageException(e.getMessage(), e);
    }
}
