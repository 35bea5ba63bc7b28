package io.partita.broker.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster controller, Kafka's ZooKeeper-era design: whoever creates the ephemeral /partita/controller
 * znode is controller, bumps /partita/controller_epoch, and from then on every write it makes is a
 * ZooKeeper transaction that checks the epoch znode's version, so a deposed controller can write nothing.
 *
 * <p>All work happens on one event thread. ZooKeeper notifications reach it only as queued "reconcile"
 * events (from {@link ClusterView}); each reconcile compares the latest snapshot with what should be and
 * makes the missing writes: partition states for new partitions, leader elections for partitions whose
 * leader is gone, and topic deletions. Writes are conditional on the versions the snapshot saw, so acting
 * on a slightly stale snapshot is harmless: the write fails and the next snapshot brings a new reconcile.
 */
public final class Controller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Controller.class);

    private final int brokerId;
    private final CuratorFramework client;
    private final ClusterView view;
    private final Function<String, Boolean> uncleanElectionEnabled;
    private final ExecutorService events;
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    private volatile boolean active;
    private int epoch;
    private int epochZkVersion;

    /**
     * @param uncleanElectionEnabled whether a topic allows electing a leader outside its ISR
     */
    public Controller(int brokerId, CuratorFramework client, ClusterView view,
                      Function<String, Boolean> uncleanElectionEnabled) {
        this.brokerId = brokerId;
        this.client = client;
        this.view = view;
        this.uncleanElectionEnabled = uncleanElectionEnabled;
        this.events = Executors.newSingleThreadExecutor(r -> {
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
            events.execute(() -> {
                try {
                    event.run();
                } catch (RuntimeException e) {
                    log.error("Controller event failed", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            log.debug("Controller closed; event dropped");
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
            for (TopicPartition tp : snapshot.partitions()) {
                if (!snapshot.isBeingDeleted(tp.topic())) {
                    reconcilePartition(snapshot, tp);
                }
            }
        } catch (FencedException e) {
            log.warn("Node {} is no longer controller (epoch {} was superseded)", brokerId, epoch);
            resign();
        }
    }

    private void tryToBecomeController() {
        try {
            client.create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.CONTROLLER,
                    Json.write(new ControllerZnode(brokerId, System.currentTimeMillis())));
        } catch (KeeperException.NodeExistsException someoneElse) {
            return;
        } catch (Exception e) {
            log.warn("Could not run for controller: {}", e.toString());
            return;
        }
        try {
            bumpEpoch();
            active = true;
            log.info("Node {} is now the controller (epoch {})", brokerId, epoch);
            view.scheduleRebuild();
        } catch (Exception e) {
            log.error("Won the controller znode but could not bump the epoch; stepping down", e);
            deleteOwnControllerZnode();
        }
    }

    private void bumpEpoch() throws Exception {
        while (true) {
            Stat stat = new Stat();
            try {
                byte[] data = client.getData().storingStatIn(stat).forPath(ZkPaths.CONTROLLER_EPOCH);
                int next = Integer.parseInt(new String(data, java.nio.charset.StandardCharsets.UTF_8).trim()) + 1;
                Stat written = client.setData().withVersion(stat.getVersion())
                        .forPath(ZkPaths.CONTROLLER_EPOCH, Integer.toString(next).getBytes());
                epoch = next;
                epochZkVersion = written.getVersion();
                return;
            } catch (KeeperException.NoNodeException e) {
                try {
                    client.create().creatingParentsIfNeeded().forPath(ZkPaths.CONTROLLER_EPOCH, "1".getBytes());
                    epoch = 1;
                    epochZkVersion = 0;
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
            log.info("Node {} resigns as controller (epoch {})", brokerId, epoch);
            active = false;
            deleteOwnControllerZnode();
        }
    }

    private void deleteOwnControllerZnode() {
        try {
            Stat stat = client.checkExists().forPath(ZkPaths.CONTROLLER);
            if (stat != null && stat.getEphemeralOwner() == client.getZookeeperClient().getZooKeeper().getSessionId()) {
                client.delete().withVersion(stat.getVersion()).forPath(ZkPaths.CONTROLLER);
            }
        } catch (Exception e) {
            log.debug("Could not remove the controller znode: {}", e.toString());
        }
    }

    private void reconcilePartition(ClusterSnapshot snapshot, TopicPartition tp) {
        List<Integer> replicas = snapshot.topic(tp.topic()).orElseThrow().replicas(tp.partition());
        List<Integer> liveReplicas = replicas.stream().filter(snapshot::isLive).toList();
        var versioned = snapshot.versionedState(tp);
        if (versioned.isEmpty()) {
            if (!liveReplicas.isEmpty()) {
                createState(tp, new PartitionState(liveReplicas.get(0), 0, liveReplicas, epoch));
            }
            return;
        }
        PartitionState state = versioned.get().state();
        boolean leaderAlive = state.hasLeader() && snapshot.isLive(state.leader());
        List<Integer> liveIsr = state.isr().stream().filter(snapshot::isLive).toList();
        PartitionState next = null;
        if (!leaderAlive) {
            List<Integer> candidates = replicas.stream().filter(liveIsr::contains).toList();
            if (!candidates.isEmpty()) {
                next = new PartitionState(candidates.get(0), state.leaderEpoch() + 1, liveIsr, epoch);
            } else if (!liveReplicas.isEmpty() && uncleanElectionEnabled.apply(tp.topic())) {
                log.warn("Unclean election for {}: {} becomes leader outside the ISR", tp, liveReplicas.get(0));
                next = new PartitionState(liveReplicas.get(0), state.leaderEpoch() + 1,
                        List.of(liveReplicas.get(0)), epoch);
            } else if (state.hasLeader()) {
                // No in-sync replica is alive: the partition goes offline and keeps its last ISR, as in Kafka.
                next = new PartitionState(PartitionState.NO_LEADER, state.leaderEpoch() + 1, state.isr(), epoch);
            }
        } else if (liveIsr.size() < state.isr().size()) {
            next = new PartitionState(state.leader(), state.leaderEpoch(), liveIsr, epoch);
        }
        if (next != null) {
            log.info("Partition {}: leader {} -> {}, isr {} -> {}", tp, state.leader(), next.leader(), state.isr(),
                    next.isr());
            updateState(tp, next, versioned.get().zkVersion());
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
            ops.add(client.transactionOp().create().forPath(ZkPaths.partitionState(tp.topic(), tp.partition()),
                    Json.write(state)));
            fencedWrite(ops);
        } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException stale) {
            log.debug("Partition state of {} changed meanwhile: {}", tp, stale.toString());
        } catch (FencedException e) {
            throw e;
        } catch (Exception e) {
            log.warn("Could not create the state of {}: {}", tp, e.toString());
        }
    }

    /** A leader-and-ISR change conditional on the version the controller read. */
    private void updateState(TopicPartition tp, PartitionState state, int expectedZkVersion) {
        try {
            fencedWrite(List.of(client.transactionOp().setData().withVersion(expectedZkVersion)
                    .forPath(ZkPaths.partitionState(tp.topic(), tp.partition()), Json.write(state))));
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException stale) {
            log.debug("Partition state of {} changed meanwhile: {}", tp, stale.toString());
        } catch (FencedException e) {
            throw e;
        } catch (Exception e) {
            log.warn("Could not update the state of {}: {}", tp, e.toString());
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
                fencedWrite(ops);
                log.info("Deleted topic {}", topic);
            } catch (FencedException e) {
                throw e;
            } catch (KeeperException.NoNodeException | KeeperException.NotEmptyException stale) {
                log.debug("Topic {} changed during deletion; will retry: {}", topic, stale.toString());
            } catch (Exception e) {
                log.warn("Could not delete topic {}: {}", topic, e.toString());
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

    private void fencedWrite(List<CuratorOp> ops) throws Exception {
        List<CuratorOp> fenced = new ArrayList<>(ops.size() + 1);
        fenced.add(client.transactionOp().check().withVersion(epochZkVersion).forPath(ZkPaths.CONTROLLER_EPOCH));
        fenced.addAll(ops);
        try {
            var results = client.transaction().forOperations(fenced);
            if (log.isTraceEnabled()) {
                log.trace("Controller wrote {}", results);
            }
        } catch (KeeperException e) {
            // A multi-op reports the first failing op; if it is the epoch check, we have been deposed.
            List<org.apache.zookeeper.OpResult> results = e.getResults();
            if (results != null && !results.isEmpty()
                    && results.get(0) instanceof org.apache.zookeeper.OpResult.ErrorResult error
                    && error.getErr() != 0) {
                throw new FencedException();
            }
            throw e;
        }
    }

    /** Thrown when the controller epoch moved on: this node must stop acting as controller. */
    private static final class FencedException extends RuntimeException {
        FencedException() {
            super(null, null, false, false);
        }
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
