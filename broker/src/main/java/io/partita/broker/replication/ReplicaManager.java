package io.partita.broker.replication;

import io.partita.broker.cluster.BrokerRegistration;
import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.cluster.ClusterStore;
import io.partita.broker.cluster.PartitionState;
import io.partita.broker.cluster.TopicAssignment;
import io.partita.broker.log.AppendResult;
import io.partita.broker.log.LogConfig;
import io.partita.broker.log.LogStore;
import io.partita.broker.log.PartitionKey;
import io.partita.broker.log.PartitionLog;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.utils.Time;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas this node holds, as Kafka's {@code ReplicaManager}. It follows the cluster metadata: opens a
 * local log for every partition assigned to this node, leads the partitions the controller made it leader
 * of, follows the others through {@link ReplicaFetchers}, and deletes replicas of deleted topics and
 * replicas moved to other nodes. As leader it shrinks the ISR of followers that fell behind (a periodic
 * check, as Kafka's isr-expiration task), grows it when they catch up, and answers acks=all appends once the
 * high watermark passes them ({@link DelayedProduces}).
 *
 * <p>Threads: metadata arrives on the cluster view's thread; follower fetches on network threads; appends
 * are announced on the log writer thread; ISR writes to ZooKeeper and the expiration check run on a thread
 * of their own, so none of the others ever waits for ZooKeeper.
 */
public final class ReplicaManager {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaManager.class);

    private final int brokerId;
    private final LogStore logStore;
    private final Function<String, LogConfig> topicConfigs;
    private final ClusterStore clusterStore;
    private final ReplicationSettings settings;
    /** The one clock of replication: ISR lag, follower progress (a test moves it instead of waiting). */
    private final Time time;

    private final DelayedFetches delayedFetches = new DelayedFetches();
    private final ScheduledExecutorService isrThread;
    private final DelayedProduces delayedProduces;
    private final DelayedDeleteRecords deleteRecordsWaiters;
    private final ReplicaFetchers fetchers;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private final List<PartitionRoleListener> roleListeners = new CopyOnWriteArrayList<>();
    private volatile boolean sessionLost;
    /** Why the log store failed for good, or null while it works. */
    private volatile String storeFailure;
    /**
     * From the latest metadata: the nodes a follower may join an ISR from, i.e. registered and not in a
     * controlled shutdown (KIP-841). A restarting node fetches before it registers; adding it then would
     * only make the controller take it out again, as it does with every replica it does not see alive.
     */
    private volatile Set<Integer> eligibleForIsr = Set.of();

    /**
     * @param topicConfigs the effective config of a topic (broker defaults plus its overrides), from the
     *                     latest metadata
     */
    public ReplicaManager(
            int brokerId,
            LogStore logStore,
            Function<String, LogConfig> topicConfigs,
            ClusterStore clusterStore,
            ReplicationSettings settings,
            Time time) {
        this.brokerId = brokerId;
        this.time = time;
        this.logStore = logStore;
        this.topicConfigs = topicConfigs;
        this.clusterStore = clusterStore;
        this.settings = settings;
        ScheduledThreadPoolExecutor isrExecutor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "isr-updates-" + brokerId);
            t.setDaemon(true);
            return t;
        });
        // Every acks=all append schedules a timeout that is almost always cancelled: drop those at once.
        isrExecutor.setRemoveOnCancelPolicy(true);
        this.isrThread = isrExecutor;
        this.delayedProduces = new DelayedProduces(isrThread);
        this.deleteRecordsWaiters = new DelayedDeleteRecords(isrThread);
        this.fetchers = new ReplicaFetchers(brokerId, settings, time);
        long period = Math.max(1, settings.lagTimeMaxMs() / 2);
        isrThread.scheduleWithFixedDelay(this::shrinkIsrs, period, period, TimeUnit.MILLISECONDS);
    }

    /** Registers a listener for this node's leadership changes (see {@link PartitionRoleListener}). */
    public void addRoleListener(PartitionRoleListener listener) {
        roleListeners.add(listener);
    }

    private void notifyRole(Partition partition, boolean leads) {
        for (PartitionRoleListener listener : roleListeners) {
            try {
                if (leads) {
                    listener.onBecameLeader(partition);
                } else {
                    listener.onResigned(partition.topicPartition());
                }
            } catch (RuntimeException e) {
                LOG.warn("A role listener failed for {}", partition.topicPartition(), e);
            }
        }
    }

    public DelayedFetches delayedFetches() {
        return delayedFetches;
    }

    public void close() {
        fetchers.close();
        isrThread.shutdownNow();
        delayedFetches.close();
        delayedProduces.close();
        deleteRecordsWaiters.close();
    }

    /** Applies new metadata: creates, re-roles, reconfigures and deletes local replicas. */
    public synchronized void onMetadata(ClusterSnapshot snapshot) {
        if (storeFailure != null) {
            return; // the node has left the cluster: nothing to open, lead or follow
        }
        long now = time.milliseconds();
        eligibleForIsr = snapshot.brokers().keySet().stream()
                .filter(id -> !snapshot.isShuttingDown(id))
                .collect(Collectors.toUnmodifiableSet());
        Set<TopicPartition> assigned = new HashSet<>();
        OpeningProgress opening = new OpeningProgress(() -> unopenedReplicas(snapshot));
        for (TopicPartition tp : snapshot.partitions()) {
            if (snapshot.isBeingDeleted(tp.topic())) {
                continue;
            }
            TopicAssignment topic = snapshot.topic(tp.topic()).orElseThrow();
            List<Integer> replicas = topic.replicas(tp.partition());
            if (!replicas.contains(brokerId)) {
                continue;
            }
            assigned.add(tp);
            Optional<ClusterSnapshot.VersionedState> versioned = snapshot.versionedState(tp);
            if (versioned.isEmpty()) {
                continue; // the controller has not created its state yet
            }
            boolean opens = !partitions.containsKey(tp);
            Partition partition = openOrGet(tp, Uuid.fromString(topic.topicId()));
            if (partition != null) {
                applyState(partition, versioned.get(), replicas, snapshot, now);
            }
            if (opens) {
                opening.opened();
            }
        }
        opening.done();
        for (Partition partition : partitions.values()) {
            if (!assigned.contains(partition.topicPartition()) && shouldDrop(partition, snapshot)) {
                fetchers.stopFollowing(List.of(partition.topicPartition()));
                dropPartition(partition);
            }
        }
        fetchers.closeIdle();
        if (!loaded) {
            loaded = true;
            deleteOrphanedLogs(snapshot);
        }
    }

    /** Partitions of the snapshot that this node holds a replica of and has not opened yet. */
    private int unopenedReplicas(ClusterSnapshot snapshot) {
        int count = 0;
        for (TopicPartition tp : snapshot.partitions()) {
            if (!partitions.containsKey(tp)
                    && !snapshot.isBeingDeleted(tp.topic())
                    && snapshot.versionedState(tp).isPresent()
                    && snapshot.topic(tp.topic())
                            .orElseThrow()
                            .replicas(tp.partition())
                            .contains(brokerId)) {
                count++;
            }
        }
        return count;
    }

    /**
     * A replica goes when its topic is gone, or when the topic's assignment (complete: the controller has
     * written the partition's state) no longer names this node, i.e. a reassignment moved it away.
     */
    private static boolean shouldDrop(Partition partition, ClusterSnapshot snapshot) {
        TopicPartition tp = partition.topicPartition();
        if (snapshot.isBeingDeleted(tp.topic())) {
            return false; // deletion drops it once the topic znode is gone
        }
        return snapshot.topic(tp.topic()).isEmpty()
                || snapshot.versionedState(tp).isPresent();
    }

    private Partition openOrGet(TopicPartition tp, Uuid topicId) {
        LogConfig config = topicConfigs.apply(tp.topic());
        Partition existing = partitions.get(tp);
        if (existing != null && !existing.topicId().equals(topicId)) {
            // The topic was deleted and created again while this node looked away.
            fetchers.stopFollowing(List.of(tp));
            dropPartition(existing);
            existing = null;
        }
        if (existing != null) {
            if (!existing.config().equals(config)) {
                existing.updateConfig(config);
            }
            return existing;
        }
        try {
            PartitionLog partitionLog =
                    logStore.openPartition(new PartitionKey(topicId, tp.topic(), tp.partition()), config);
            Partition partition = new Partition(tp, topicId, partitionLog, config, brokerId);
            partitionLog.setAppendListener(() -> onAppend(partition));
            partitions.put(tp, partition);
            return partition;
        } catch (RuntimeException e) {
            LOG.error("Could not open the log of {}", tp, e);
            return null;
        }
    }

    private void applyState(
            Partition partition,
            ClusterSnapshot.VersionedState versioned,
            List<Integer> replicas,
            ClusterSnapshot snapshot,
            long now) {
        TopicPartition tp = partition.topicPartition();
        PartitionState state = versioned.state();
        boolean leadsAlready = partition.isLeader() && partition.leaderEpoch() == state.leaderEpoch();
        if (state.leader() == brokerId && !leadsAlready) {
            // No append of a fetcher may land once this node leads (it would mix two leaders' records).
            fetchers.stopFollowing(List.of(tp));
        }
        boolean ledBefore = partition.isLeader();
        if (!sessionLost && storeFailure == null) {
            partition.fence(false);
        }
        Partition.RoleChange change = partition.applyState(state, versioned.zkVersion(), replicas, now);
        if (change == Partition.RoleChange.BECAME_LEADER && partition.isLeader()) {
            LOG.info(
                    "Leading {} in epoch {} from offset {}, isr {}",
                    tp,
                    state.leaderEpoch(),
                    partition.log().logEndOffset(),
                    state.isr());
        } else if (change == Partition.RoleChange.BECAME_FOLLOWER) {
            LOG.info("Following {} in epoch {}: leader {}", tp, state.leaderEpoch(), state.leader());
        }
        // Listeners hear of leadership only while this node may act on it: a lifted fence (a new ZooKeeper
        // session, same epoch) counts as a new leadership, a leadership won while fenced waits for the fence.
        boolean leadsNow = partition.isLeader();
        if (leadsNow && (change == Partition.RoleChange.BECAME_LEADER || !ledBefore)) {
            notifyRole(partition, true);
        } else if (!leadsNow && (ledBefore || change == Partition.RoleChange.BECAME_FOLLOWER)) {
            notifyRole(partition, false);
        }
        if (state.leader() != brokerId) {
            BrokerRegistration leader = state.hasLeader() ? snapshot.brokers().get(state.leader()) : null;
            if (leader != null) {
                fetchers.follow(partition, state.leaderEpoch(), leader.id(), leader.host(), leader.port());
            } else {
                fetchers.stopFollowing(List.of(tp));
            }
        }
        afterStateChange(partition);
    }

    /** The high watermark may move and acks=all waiters may be answered after a change of ISR or role. */
    private void afterStateChange(Partition partition) {
        if (partition.maybeAdvanceHighWatermark()) {
            delayedFetches.wake(partition.topicPartition());
        }
        delayedProduces.check(partition.topicPartition());
        deleteRecordsWaiters.check(partition.topicPartition());
    }

    private void onAppend(Partition partition) {
        if (partition.maybeAdvanceHighWatermark()) {
            delayedProduces.check(partition.topicPartition());
        }
        // Followers wait for appends; consumers for the high watermark. Both are worth a retry.
        delayedFetches.wake(partition.topicPartition());
    }

    /**
     * A follower fetched from {@code fetchOffset}: its log reaches there. Advances the high watermark and
     * proposes the follower for the ISR when it has caught up.
     */
    public void onFollowerFetch(Partition partition, int replicaId, long fetchOffset, long followerLogStartOffset) {
        Partition.FollowerFetch result =
                partition.onFollowerFetch(replicaId, fetchOffset, followerLogStartOffset, time.milliseconds());
        deleteRecordsWaiters.check(partition.topicPartition());
        if (result.highWatermarkAdvanced()) {
            delayedFetches.wake(partition.topicPartition());
            delayedProduces.check(partition.topicPartition());
        }
        if (eligibleForIsr.contains(replicaId)) {
            result.expandedIsr().ifPresent(isr -> writeIsr(partition, isr));
        }
    }

    /**
     * DeleteRecords: completes once every in-sync replica's log start has reached {@code offset} (the leader moved
     * its own first), with the partition's low watermark; see {@link DelayedDeleteRecords}.
     */
    public CompletableFuture<DelayedDeleteRecords.Outcome> awaitLowWatermark(
            Partition partition, int leaderEpoch, long offset, long timeoutMs) {
        return deleteRecordsWaiters.await(partition, leaderEpoch, offset, timeoutMs);
    }

    /**
     * Appends {@code records} to {@code partition} as its leader in {@code leaderEpoch} and, when {@code
     * waitForIsr} (acks=all), completes once the ISR holds them, as Kafka's {@code appendRecords}: the produce
     * path and the group coordinator's writes both go through here. Fails with the append's error, or with the
     * one that ended the wait for the ISR (see {@link DelayedProduces}).
     */
    public CompletableFuture<AppendResult> appendRecords(
            Partition partition, int leaderEpoch, MemoryRecords records, boolean waitForIsr, long timeoutMs) {
        CompletableFuture<AppendResult> append = partition.log().appendAsLeader(records, leaderEpoch);
        if (!waitForIsr) {
            return append;
        }
        return append.thenCompose(result -> awaitReplication(partition, leaderEpoch, result.lastOffset() + 1, timeoutMs)
                .thenApply(outcome -> {
                    if (outcome != Errors.NONE) {
                        throw new CompletionException(outcome.exception("The ISR of " + partition.topicPartition()
                                + " did not confirm the append: " + outcome.message()));
                    }
                    return result;
                }));
    }

    /**
     * acks=all: completes with NONE once the ISR holds everything below {@code requiredOffset}, or with the
     * error Kafka gives (see {@link DelayedProduces}).
     */
    public CompletableFuture<Errors> awaitReplication(
            Partition partition, int leaderEpoch, long requiredOffset, long timeoutMs) {
        return delayedProduces.await(partition, leaderEpoch, requiredOffset, timeoutMs);
    }

    private void shrinkIsrs() {
        long now = time.milliseconds();
        for (Partition partition : partitions.values()) {
            try {
                partition.shrunkIsr(now, settings.lagTimeMaxMs()).ifPresent(isr -> {
                    LOG.info(
                            "Shrinking the ISR of {} from {} to {}: followers behind for over {} ms",
                            partition.topicPartition(),
                            partition.isr(),
                            isr,
                            settings.lagTimeMaxMs());
                    writeIsr(partition, isr);
                });
            } catch (RuntimeException e) {
                LOG.warn("ISR check of {} failed", partition.topicPartition(), e);
            }
        }
    }

    /**
     * Writes a new ISR to the partition's state znode, conditional on the version this leader last saw (Kafka's
     * ZooKeeper-era leader-driven ISR change). A controller change in between makes it fail; the next
     * metadata brings the new state and, if still needed, another attempt.
     */
    private void writeIsr(Partition partition, List<Integer> isr) {
        partition.proposeIsr(isr).ifPresent(proposal -> {
            try {
                isrThread.execute(() -> {
                    TopicPartition tp = partition.topicPartition();
                    try {
                        int version =
                                clusterStore.writePartitionState(tp, proposal.state(), proposal.expectedVersion());
                        LOG.info("ISR of {} is now {}", tp, proposal.state().isr());
                        partition.onIsrWritten(proposal, version);
                        afterStateChange(partition);
                    } catch (KeeperException.BadVersionException | KeeperException.NoNodeException stale) {
                        LOG.debug("ISR change of {} lost a race: {}", tp, stale.toString());
                        partition.onIsrWriteFailed();
                    } catch (Exception e) {
                        LOG.warn("Could not write the ISR of {}: {}", tp, e.toString());
                        partition.onIsrWriteFailed();
                    }
                });
            } catch (RejectedExecutionException stopping) {
                partition.onIsrWriteFailed();
            }
        });
    }

    /**
     * This node's ZooKeeper session expired: the controller has given its leaderships to others (or will),
     * so it stops acting as leader until metadata read over a new session says otherwise.
     */
    public void onSessionLost() {
        sessionLost = true;
        LOG.warn("Node {} lost its ZooKeeper session: not leading any partition until it has rejoined", brokerId);
        for (Partition partition : partitions.values()) {
            partition.fence(true);
            notifyRole(partition, false);
        }
        delayedProduces.checkAll();
        deleteRecordsWaiters.checkAll();
    }

    /**
     * The log store failed for good: this node leads and follows nothing any more. Its partitions answer
     * KAFKA_STORAGE_ERROR, as Kafka's do when their log directory goes offline; waiting appends are answered.
     */
    public void onStoreFailed(String reason) {
        storeFailure = reason;
        fetchers.stopFollowing(List.copyOf(partitions.keySet()));
        for (Partition partition : partitions.values()) {
            partition.fence(true);
            notifyRole(partition, false);
        }
        delayedProduces.checkAll();
        deleteRecordsWaiters.checkAll();
    }

    /** A new session is up; the next metadata (rebuilt over it) lifts the fence. */
    public void onSessionRestored() {
        sessionLost = false;
    }

    private void dropPartition(Partition partition) {
        partitions.remove(partition.topicPartition(), partition);
        notifyRole(partition, false);
        PartitionLog partitionLog = partition.log();
        delayedProduces.check(partition.topicPartition());
        deleteRecordsWaiters.check(partition.topicPartition());
        logStore.deletePartition(partitionLog.key()).whenComplete((v, e) -> {
            if (e != null) {
                LOG.error("Could not delete the log of {}", partition.topicPartition(), e);
            } else {
                LOG.info("Deleted the local log of {}", partition.topicPartition());
            }
        });
    }

    /**
     * Logs on disk whose topic is gone (deleted while this node was down), or whose partition was moved to
     * other nodes meanwhile, are removed once, at start-up.
     */
    private void deleteOrphanedLogs(ClusterSnapshot snapshot) {
        for (PartitionKey key : logStore.storedPartitions()) {
            TopicPartition tp = new TopicPartition(key.topic(), key.partition());
            boolean known = snapshot.topic(key.topic())
                    .map(t -> t.topicId().equals(key.topicId().toString())
                            && t.partitions().containsKey(key.partition())
                            && (t.replicas(key.partition()).contains(brokerId)
                                    || snapshot.versionedState(tp).isEmpty()))
                    .orElse(false);
            if (!known) {
                LOG.info(
                        "Deleting the orphaned log of {}-{} (topic id {})",
                        key.topic(),
                        key.partition(),
                        key.topicId());
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
        Partition partition = hostedPartition(tp, snapshot);
        if (!partition.isLeader()) {
            throw new NotLeaderOrFollowerException("This node is not the leader of " + tp);
        }
        return partition;
    }

    /**
     * The partition if this node has a replica of it, leader or follower (for requests Kafka lets any replica
     * answer, such as a debugging ListOffsets), else the error Kafka gives.
     */
    public Partition hostedPartition(TopicPartition tp, ClusterSnapshot snapshot) throws ApiException {
        String failed = storeFailure;
        if (failed != null) {
            throw new KafkaStorageException("The log store of node " + brokerId + " failed: " + failed);
        }
        Partition partition = partitions.get(tp);
        if (partition == null) {
            if (snapshot.topic(tp.topic())
                    .map(t -> t.partitions().containsKey(tp.partition()))
                    .orElse(false)) {
                throw new NotLeaderOrFollowerException("This node does not host " + tp);
            }
            throw new UnknownTopicOrPartitionException("This server does not host this topic-partition.");
        }
        return partition;
    }

    public static ApiException storageError(Throwable e) {
        return e instanceof ApiException api ? api : new KafkaStorageException(e.getMessage(), e);
    }
}
