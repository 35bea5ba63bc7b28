package io.partita.broker.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster controller, Kafka's ZooKeeper-era design: whoever creates the ephemeral /partita/controller
 * znode is controller, bumps /partita/controller_epoch, and from then on every write it makes is a
 * ZooKeeper transaction that checks the epoch znode's version ({@link FencedWriter}), so a deposed controller
 * can write nothing.
 *
 * <p>All work happens on one event thread. ZooKeeper notifications reach it only as queued "reconcile"
 * events (from {@link ClusterView}); each reconcile compares the latest snapshot with what should be and
 * makes the missing writes: topic deletions, admin requests (leader elections, reassignments), partition
 * states for new partitions, leader elections for partitions whose leader is gone or shutting down, ISR
 * without dead replicas, and the completion of reassignments whose targets are in sync. Writes are
 * conditional on the versions the snapshot saw, so acting on a slightly stale snapshot is harmless: the write
 * fails and the next snapshot brings a new reconcile. The automatic preferred-leader rebalance is a timed
 * event on the same thread.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private final int brokerId;
    private final CuratorFramework client;
    private final ClusterView view;
    private final Settings settings;
    private final Time time;
    private final ScheduledExecutorService events;
    private final FencedWriter writer;
    private final AdminRequestProcessor adminRequests;
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    private volatile boolean active;
    private int epoch;

    /**
     * @param uncleanElectionEnabled   whether a topic allows electing a leader outside its ISR
     * @param autoLeaderRebalance      Kafka's auto.leader.rebalance.enable
     * @param imbalanceCheckIntervalMs Kafka's leader.imbalance.check.interval.seconds, in ms
     * @param imbalancePercentage      Kafka's leader.imbalance.per.broker.percentage
     */
    public record Settings(
            Function<String, Boolean> uncleanElectionEnabled,
            boolean autoLeaderRebalance,
            long imbalanceCheckIntervalMs,
            int imbalancePercentage) {}

    public Controller(int brokerId, CuratorFramework client, ClusterView view, Settings settings, Time time) {
        this.brokerId = brokerId;
        this.time = time;
        this.client = client;
        this.view = view;
        this.settings = settings;
        this.writer = new FencedWriter(client);
        this.adminRequests = new AdminRequestProcessor(writer, time);
        this.events = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "controller-event-thread-" + brokerId);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        view.addListener(snapshot -> enqueueReconcile());
        client.getConnectionStateListenable().addListener((c, state) -> {
            if (state == ConnectionState.LOST || state == ConnectionState.SUSPENDED) {
                enqueue(this::resign);
            } else if (state == ConnectionState.RECONNECTED) {
                enqueueReconcile();
            }
        });
        if (settings.autoLeaderRebalance()) {
            long interval = settings.imbalanceCheckIntervalMs();
            events.scheduleWithFixedDelay(
                    () -> guarded(this::checkLeaderImbalance), interval, interval, TimeUnit.MILLISECONDS);
        }
        enqueueReconcile();
    }

    public boolean isActive() {
        return active;
    }

    public int epoch() {
        return epoch;
    }

    private void enqueueReconcile() {
        if (reconcileQueued.compareAndSet(false, true)) {
            enqueue(() -> {
                reconcileQueued.set(false);
                reconcile(view.snapshot());
            });
        }
    }

    private void enqueue(Runnable event) {
        try {
            events.execute(() -> guarded(event));
        } catch (RejectedExecutionException closed) {
            LOG.debug("Controller closed; event dropped");
        }
    }

    private static void guarded(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.error("Controller event failed", e);
        }
    }

    private void reconcile(ClusterSnapshot snapshot) {
        if (active && snapshot.controllerId() != -1 && snapshot.controllerId() != brokerId) {
            resign();
        }
        if (!active && snapshot.controllerId() == -1) {
            tryToBecomeController();
        }
        if (!active) {
            return;
        }
        try {
            deleteTopics(snapshot);
            adminRequests.process(snapshot, epoch);
            Map<String, List<TopicPartition>> completing = new LinkedHashMap<>();
            for (TopicPartition tp : snapshot.partitions()) {
                if (!snapshot.isBeingDeleted(tp.topic())
                        && !reconcilePartition(snapshot, tp)
                        && snapshot.topic(tp.topic()).orElseThrow().isReassigning(tp.partition())) {
                    completing
                            .computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                            .add(tp);
                }
            }
            completing.forEach((topic, partitions) -> completeReassignments(snapshot, topic, partitions));
        } catch (FencedWriter.FencedException e) {
            LOG.warn("Node {} is no longer controller (epoch {} was superseded)", brokerId, epoch);
            resign();
        } catch (Exception e) {
            LOG.warn("Controller could not finish a reconcile: {}", e.toString());
        }
    }

    private void tryToBecomeController() {
        try {
            client.create()
                    .withMode(CreateMode.EPHEMERAL)
                    .forPath(ZkPaths.CONTROLLER, Json.write(new ControllerZnode(brokerId, time.milliseconds())));
        } catch (KeeperException.NodeExistsException someoneElse) {
            return;
        } catch (Exception e) {
            LOG.warn("Could not run for controller: {}", e.toString());
            return;
        }
        try {
            bumpEpoch();
            active = true;
            LOG.info("Node {} is now the controller (epoch {})", brokerId, epoch);
            view.scheduleRebuild();
        } catch (Exception e) {
            LOG.error("Won the controller znode but could not bump the epoch; stepping down", e);
            deleteOwnControllerZnode();
        }
    }

    private void bumpEpoch() throws Exception {
        while (true) {
            Stat stat = new Stat();
            try {
                byte[] data = client.getData().storingStatIn(stat).forPath(ZkPaths.CONTROLLER_EPOCH);
                int next = Integer.parseInt(new String(data, StandardCharsets.UTF_8).trim()) + 1;
                Stat written = client.setData()
                        .withVersion(stat.getVersion())
                        .forPath(
                                ZkPaths.CONTROLLER_EPOCH, Integer.toString(next).getBytes());
                epoch = next;
                writer.fenceWith(written.getVersion());
                return;
            } catch (KeeperException.NoNodeException e) {
                try {
                    client.create().creatingParentsIfNeeded().forPath(ZkPaths.CONTROLLER_EPOCH, "1".getBytes());
                    epoch = 1;
                    writer.fenceWith(0);
                    return;
                } catch (KeeperException.NodeExistsException raced) {
                    // read it again
                }
            } catch (KeeperException.BadVersionException raced) {
                // read it again
            }
        }
    }

    private void resign() {
        if (active) {
            LOG.info("Node {} resigns as controller (epoch {})", brokerId, epoch);
            active = false;
            deleteOwnControllerZnode();
        }
    }

    private void deleteOwnControllerZnode() {
        try {
            Stat stat = client.checkExists().forPath(ZkPaths.CONTROLLER);
            if (stat != null
                    && stat.getEphemeralOwner()
                            == client.getZookeeperClient().getZooKeeper().getSessionId()) {
                client.delete().withVersion(stat.getVersion()).forPath(ZkPaths.CONTROLLER);
            }
        } catch (Exception e) {
            LOG.debug("Could not remove the controller znode: {}", e.toString());
        }
    }

    /** Applies the standing rules ({@link Elections#standing}); true if it wrote (or tried to write) a state. */
    private boolean reconcilePartition(ClusterSnapshot snapshot, TopicPartition tp) {
        List<Integer> replicas = snapshot.topic(tp.topic()).orElseThrow().replicas(tp.partition());
        var versioned = snapshot.versionedState(tp);
        if (versioned.isEmpty()) {
            Elections.initial(snapshot, replicas, epoch).ifPresent(state -> createState(tp, state));
            return true;
        }
        PartitionState state = versioned.get().state();
        Optional<PartitionState> next = Elections.standing(
                snapshot, replicas, state, settings.uncleanElectionEnabled().apply(tp.topic()), epoch);
        if (next.isEmpty()) {
            return false;
        }
        if (write(
                tp.toString(),
                List.of(uncheckedOp(
                        () -> writer.setState(tp, next.get(), versioned.get().zkVersion()))))) {
            LOG.info(
                    "Partition {}: leader {} -> {}, isr {} -> {}",
                    tp,
                    state.leader(),
                    next.get().leader(),
                    state.isr(),
                    next.get().isr());
        }
        return true;
    }

    /** Ends the reassignments of a topic's partitions whose target replicas are all in sync, in one write. */
    private void completeReassignments(ClusterSnapshot snapshot, String topic, List<TopicPartition> partitions) {
        TopicAssignment assignment = snapshot.topic(topic).orElseThrow();
        List<CuratorOp> stateOps = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            var versioned = snapshot.versionedState(tp).orElseThrow();
            var step = Reassignments.complete(assignment, tp.partition(), versioned.state(), snapshot, epoch);
            if (step.isPresent()) {
                changes.add("Reassignment of " + tp + " complete: replicas " + assignment.replicas(tp.partition())
                        + " -> " + step.get().assignment().replicas(tp.partition()));
                assignment = step.get().assignment();
                if (step.get().state() != null) {
                    PartitionState next = step.get().state();
                    stateOps.add(uncheckedOp(() -> writer.setState(tp, next, versioned.zkVersion())));
                }
            }
        }
        if (!changes.isEmpty()) {
            List<CuratorOp> ops = new ArrayList<>();
            TopicAssignment completed = assignment;
            ops.add(uncheckedOp(() -> writer.setTopic(topic, completed, snapshot.topicVersion(topic))));
            ops.addAll(stateOps);
            if (write("the reassignments of " + topic, ops)) {
                changes.forEach(LOG::info);
            }
        }
    }

    private void createState(TopicPartition tp, PartitionState state) {
        List<CuratorOp> ops = new ArrayList<>();
        try {
            if (client.checkExists().forPath(ZkPaths.partitions(tp.topic())) == null) {
                ops.add(client.transactionOp().create().forPath(ZkPaths.partitions(tp.topic())));
            }
            if (client.checkExists().forPath(ZkPaths.partition(tp.topic(), tp.partition())) == null) {
                ops.add(client.transactionOp().create().forPath(ZkPaths.partition(tp.topic(), tp.partition())));
            }
            ops.add(client.transactionOp()
                    .create()
                    .forPath(ZkPaths.partitionState(tp.topic(), tp.partition()), Json.write(state)));
            writer.write(ops);
        } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException stale) {
            LOG.debug("Partition state of {} changed meanwhile: {}", tp, stale.toString());
        } catch (FencedWriter.FencedException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("Could not create the state of {}: {}", tp, e.toString());
        }
    }

    /**
     * A fenced write whose stale versions are expected now and then (the next reconcile retries); true if it
     * was written.
     */
    private boolean write(String what, List<CuratorOp> ops) {
        try {
            writer.write(ops);
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException stale) {
            LOG.debug("{} changed meanwhile: {}", what, stale.toString());
        } catch (FencedWriter.FencedException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("Could not update {}: {}", what, e.toString());
        }
        return false;
    }

    private interface OpBuilder {
        CuratorOp build() throws Exception;
    }

    private static CuratorOp uncheckedOp(OpBuilder builder) {
        try {
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("could not build a ZooKeeper operation", e);
        }
    }

    /** Kafka's automatic preferred-leader rebalance; a timed event on the controller's thread. */
    private void checkLeaderImbalance() {
        if (!active) {
            return;
        }
        ClusterSnapshot snapshot = view.snapshot();
        try {
            for (TopicPartition tp : LeaderImbalance.partitionsToRebalance(snapshot, settings.imbalancePercentage())) {
                Elections.Outcome outcome = Elections.preferred(snapshot, tp, epoch);
                if (outcome.next() != null) {
                    int version = snapshot.versionedState(tp).orElseThrow().zkVersion();
                    if (write(
                            tp.toString(), List.of(uncheckedOp(() -> writer.setState(tp, outcome.next(), version))))) {
                        LOG.info(
                                "Leader rebalance: {} goes back to its preferred leader {}",
                                tp,
                                outcome.next().leader());
                    }
                }
            }
        } catch (FencedWriter.FencedException e) {
            LOG.warn("Node {} is no longer controller (epoch {} was superseded)", brokerId, epoch);
            resign();
        }
    }

    private void deleteTopics(ClusterSnapshot snapshot) {
        for (String topic : snapshot.topicsBeingDeleted()) {
            try {
                List<CuratorOp> ops = new ArrayList<>();
                if (client.checkExists().forPath(ZkPaths.topic(topic)) != null) {
                    deleteRecursively(ZkPaths.topic(topic), ops);
                }
                if (client.checkExists().forPath(ZkPaths.topicConfig(topic)) != null) {
                    ops.add(client.transactionOp().delete().forPath(ZkPaths.topicConfig(topic)));
                }
                ops.add(client.transactionOp().delete().forPath(ZkPaths.deleteTopic(topic)));
                writer.write(ops);
                LOG.info("Deleted topic {}", topic);
            } catch (FencedWriter.FencedException e) {
                throw e;
            } catch (KeeperException.NoNodeException | KeeperException.NotEmptyException stale) {
                LOG.debug("Topic {} changed during deletion; will retry: {}", topic, stale.toString());
            } catch (Exception e) {
                LOG.warn("Could not delete topic {}: {}", topic, e.toString());
            }
        }
    }

    /** Children before parents, as a transaction needs them. */
    private void deleteRecursively(String path, List<CuratorOp> ops) throws Exception {
        for (String child : client.getChildren().forPath(path)) {
            deleteRecursively(path + "/" + child, ops);
        }
        ops.add(client.transactionOp().delete().forPath(path));
    }

    @Override
    public void close() {
        events.execute(this::resign);
        events.shutdown();
        try {
            events.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdownNow();
    }
}
