package io.partita.broker.cluster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live cache of the cluster metadata in ZooKeeper. Curator's cache threads only mark the view dirty; one
 * thread of our own rebuilds an immutable {@link ClusterSnapshot} (once per burst of changes) and tells the
 * listeners, so no listener ever runs in, or blocks, a Curator thread.
 */
public final class ClusterView implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);
    /** How often a slow start says what it is waiting for. */
    public static final long PROGRESS_INTERVAL_MS = 5_000;

    private static final long STOP_POLL_MS = 100;

    private final CuratorCache cache;
    private final ExecutorService rebuilder;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private final List<Consumer<ClusterSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final CountDownLatch initialized = new CountDownLatch(1);
    /**
     * Set once Curator has loaded the whole tree. Before that a snapshot would be partial, and a partial
     * picture is dangerous: a node would take topics missing from it for deleted ones.
     */
    private volatile boolean loaded;

    /** Set first thing in {@link #close}: no rebuild hands out a snapshot from then on. */
    private volatile boolean closed;

    private volatile ClusterSnapshot snapshot = ClusterSnapshot.EMPTY;

    private record Waiter(Predicate<ClusterSnapshot> condition, CompletableFuture<ClusterSnapshot> future) {}

    public ClusterView(CuratorFramework client, String name) {
        this.cache = CuratorCache.build(client, ZkPaths.ROOT);
        this.rebuilder = Executors.newSingleThreadExecutor(r -> daemon(r, name + "-cluster-view"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-cluster-view-timer"));
        cache.listenable()
                .addListener(CuratorCacheListener.builder()
                        .forAll((type, oldData, data) -> scheduleRebuild())
                        .forInitialized(() -> {
                            loaded = true;
                            scheduleRebuild();
                            rebuilder.execute(initialized::countDown);
                        })
                        .build());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts the cache and waits until the first full snapshot is built and its listeners have run (this node
     * has opened the logs of its partitions), however long that takes: as Kafka's broker, a node on a busy
     * machine with thousands of partitions starts slowly rather than not at all. Only the ZooKeeper connection
     * itself is bounded, by whoever made the client. Every {@link #PROGRESS_INTERVAL_MS} the wait is logged.
     *
     * @param stopRequested polled while waiting: a node asked to stop during its start gives up the wait
     * @throws CancellationException when {@code stopRequested} turned true first
     */
    public void start(BooleanSupplier stopRequested) throws InterruptedException {
        cache.start();
        long started = System.nanoTime();
        long nextReport = started + TimeUnit.MILLISECONDS.toNanos(PROGRESS_INTERVAL_MS);
        while (!initialized.await(STOP_POLL_MS, TimeUnit.MILLISECONDS)) {
            if (stopRequested.getAsBoolean()) {
                throw new CancellationException("stopped before the cluster metadata had loaded");
            }
            long now = System.nanoTime();
            if (now - nextReport >= 0) {
                nextReport = now + TimeUnit.MILLISECONDS.toNanos(PROGRESS_INTERVAL_MS);
                long waitedSeconds = TimeUnit.NANOSECONDS.toSeconds(now - started);
                if (loaded) {
                    LOG.info("Still opening this node's partitions after {} s", waitedSeconds);
                } else {
                    LOG.info(
                            "Still loading the cluster metadata from ZooKeeper after {} s ({} znodes so far)",
                            waitedSeconds,
                            cache.size());
                }
            }
        }
    }

    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    /** Called on the view's own thread after each rebuild. Listeners must be quick and never block. */
    public void addListener(Consumer<ClusterSnapshot> listener) {
        listeners.add(listener);
    }

    /** Completes with the first snapshot that satisfies the condition, or exceptionally with a timeout. */
    public CompletableFuture<ClusterSnapshot> await(Predicate<ClusterSnapshot> condition, long timeoutMs) {
        CompletableFuture<ClusterSnapshot> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(condition, future);
        waiters.add(waiter);
        ClusterSnapshot current = snapshot;
        if (condition.test(current)) {
            waiters.remove(waiter);
            future.complete(current);
            return future;
        }
        var timeout = timer.schedule(
                () -> {
                    waiters.remove(waiter);
                    future.completeExceptionally(
                            new TimeoutException("cluster did not reach the expected state in " + timeoutMs + " ms"));
                },
                timeoutMs,
                TimeUnit.MILLISECONDS);
        future.whenComplete((s, e) -> timeout.cancel(false));
        return future;
    }

    /** Rebuild now (after our own write) rather than wait for the watch. */
    public void scheduleRebuild() {
        if (rebuildPending.compareAndSet(false, true)) {
            try {
                rebuilder.execute(this::rebuild);
            } catch (RejectedExecutionException closed) {
                rebuildPending.set(false);
            }
        }
    }

    private void rebuild() {
        rebuildPending.set(false);
        if (!loaded || closed) {
            return;
        }
        ClusterSnapshot next;
        try {
            next = read();
        } catch (RuntimeException e) {
            LOG.error("Could not rebuild the cluster view", e);
            return;
        }
        if (closed) {
            return; // read while the view closed: it may be partial (see close)
        }
        snapshot = next;
        // Listeners first: a waiter (an admin request) may answer its client, which then expects this node
        // to act on the new metadata (e.g. to have opened the log of a partition it was just given).
        for (Consumer<ClusterSnapshot> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.error("Cluster view listener failed", e);
            }
        }
        for (Waiter waiter : waiters) {
            if (waiter.condition().test(next)) {
                waiters.remove(waiter);
                waiter.future().complete(next);
            }
        }
    }

    private ClusterSnapshot read() {
        Map<Integer, BrokerRegistration> brokers = new HashMap<>();
        Map<String, TopicAssignment> topics = new HashMap<>();
        Map<TopicPartition, ClusterSnapshot.VersionedState> states = new HashMap<>();
        Map<String, ConfigOverrides> configs = new HashMap<>();
        Set<String> deleting = new HashSet<>();
        Map<String, Integer> topicVersions = new HashMap<>();
        Map<String, ElectionRequest> elections = new HashMap<>();
        Map<String, ReassignmentRequest> reassignments = new HashMap<>();
        int controller = -1;
        for (ChildData child : (Iterable<ChildData>) cache.stream()::iterator) {
            String path = child.getPath();
            byte[] data = child.getData();
            if (data == null || data.length == 0) {
                if (path.startsWith(ZkPaths.DELETE_TOPICS + "/")) {
                    deleting.add(ZkPaths.leaf(path));
                }
                continue;
            }
            try {
                String[] parts = path.substring(ZkPaths.ROOT.length() + 1).split("/");
                if (path.startsWith(ZkPaths.BROKER_IDS + "/") && parts.length == 3) {
                    BrokerRegistration registration = Json.read(data, BrokerRegistration.class);
                    brokers.put(registration.id(), registration);
                } else if (path.equals(ZkPaths.CONTROLLER)) {
                    controller = Json.read(data, ControllerZnode.class).brokerId();
                } else if (path.startsWith(ZkPaths.TOPICS + "/") && parts.length == 2) {
                    topics.put(parts[1], Json.read(data, TopicAssignment.class));
                    topicVersions.put(parts[1], child.getStat().getVersion());
                } else if (path.startsWith(ZkPaths.TOPICS + "/") && parts.length == 5 && parts[4].equals("state")) {
                    states.put(
                            new TopicPartition(parts[1], Integer.parseInt(parts[3])),
                            new ClusterSnapshot.VersionedState(
                                    Json.read(data, PartitionState.class),
                                    child.getStat().getVersion()));
                } else if (path.startsWith(ZkPaths.TOPIC_CONFIGS + "/") && parts.length == 3) {
                    configs.put(parts[2], Json.read(data, ConfigOverrides.class));
                } else if (path.startsWith(ZkPaths.DELETE_TOPICS + "/") && parts.length == 3) {
                    deleting.add(parts[2]);
                } else if (path.startsWith(ZkPaths.ELECT_LEADERS + "/") && parts.length == 3) {
                    elections.put(path, Json.read(data, ElectionRequest.class));
                } else if (path.startsWith(ZkPaths.REASSIGN_PARTITIONS + "/") && parts.length == 3) {
                    reassignments.put(path, Json.read(data, ReassignmentRequest.class));
                }
            } catch (RuntimeException e) {
                LOG.warn("Ignoring unreadable znode {}: {}", path, e.getMessage());
            }
        }
        // A partition state of a topic that no longer exists (mid-deletion) is not part of the picture.
        states.keySet().removeIf(tp -> !topics.containsKey(tp.topic()));
        return new ClusterSnapshot(
                brokers, controller, topics, topicVersions, states, configs, deleting, elections, reassignments);
    }

    @Override
    public void close() {
        // The rebuilds stop before the cache closes: closing empties it, and a rebuild reading it then would hand
        // the listeners a cluster without topics, which a node takes for every topic deleted (it deleted its
        // logs on the way out this way, when a rebuild was running as the last node of a cluster stopped).
        closed = true;
        rebuilder.shutdownNow();
        timer.shutdownNow();
        try {
            // A listener still running would work on subsystems the node closes next (its log store).
            if (!rebuilder.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The cluster view's listeners did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cache.close();
        waiters.forEach(w -> w.future().completeExceptionally(new IllegalStateException("cluster view closed")));
        waiters.clear();
    }
}
