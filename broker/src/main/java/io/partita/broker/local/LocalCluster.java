package io.partita.broker.local;

import io.partita.broker.cluster.BrokerRegistration;
import io.partita.broker.cluster.ZkPaths;
import io.partita.broker.config.BrokerConfig;
import io.partita.broker.log.DirectoryLock;
import io.partita.broker.log.DirectoryLockedException;
import io.partita.broker.log.UnreadableStoreException;
import io.partita.broker.server.BrokerNode;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.kafka.common.utils.Time;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole cluster on this machine: an embedded ZooKeeper plus N nodes on loopback ports, in this JVM or as
 * child JVMs. One directory holds it all ({@code zookeeper/}, {@code node-<id>/}), so a cluster started again
 * on the same directory comes back with its topics and data. Used by the app, the {@code local} command and
 * the tests.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

    /** Laptop-sized timings: a dead node is noticed in seconds (ARCHITECTURE.md, "Deliberate differences"). */
    public static final int TICK_TIME_MS = 200;

    public static final int SESSION_TIMEOUT_MS = 3_000;
    public static final long LEADER_IMBALANCE_CHECK_SECONDS = 10;
    private static final long START_TIMEOUT_MS = 60_000;
    /** How many free ports a node tries at its first start before its start fails. */
    private static final int FREE_PORT_ATTEMPTS = 3;

    /** Kafka's port: the first node's where it is free, so tools on this machine find the cluster where they look. */
    public static final int DEFAULT_BASE_PORT = 9092;
    /**
     * The key under which a running cluster writes its address into its directory's lock file, so that a second
     * process that finds the directory locked ({@link DirectoryLockedException#holder()}) can connect instead.
     */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    private final Settings settings;
    private final IntSupplier freePorts;
    /** Read from other threads (the app asks which nodes run) while nodes are added. */
    private final List<LocalNode> nodes = new CopyOnWriteArrayList<>();
    /** Node id to why its data did not open at its last start (see {@link #unreadableNodes()}). */
    private final Map<Integer, String> unreadableNodes = new ConcurrentHashMap<>();

    private EmbeddedZooKeeper zookeeper;
    private CuratorFramework zk;
    private DirectoryLock directoryLock;

    /**
     * @param nodes           how many nodes (ids 0..n-1)
     * @param basePort        the first node's port (the next ones follow), or 0 for free ports
     * @param dataDir         the cluster's directory
     * @param childJvms       run nodes as child JVMs instead of in this JVM
     * @param overrides       extra broker properties for every node
     * @param childJvmOptions JVM options of a child-JVM node (heap, GC, ...); ignored for in-process nodes
     * @param time            the clock of in-process nodes (a test's, to move time instead of waiting); child JVMs
     *                        keep the system clock
     */
    public record Settings(
            int nodes,
            int basePort,
            Path dataDir,
            boolean childJvms,
            Map<String, String> overrides,
            List<String> childJvmOptions,
            Time time) {
        /** Small enough for three nodes next to a test JVM on a laptop. */
        public static final List<String> DEFAULT_CHILD_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");

        /**
         * What the cluster gives each node on its own; one value for every node would make them collide (the
         * same id, port or LMDB environment) or leave the cluster's ZooKeeper.
         */
        public static final Set<String> PER_NODE_PROPERTIES = Set.of(
                BrokerConfig.BROKER_ID,
                BrokerConfig.LISTENERS,
                BrokerConfig.ADVERTISED_LISTENERS,
                BrokerConfig.LOG_DIRS,
                BrokerConfig.ZOOKEEPER_CONNECT);

        public Settings {
            if (nodes < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node");
            }
            for (String name : overrides.keySet()) {
                if (PER_NODE_PROPERTIES.contains(name)) {
                    throw new IllegalArgumentException(name + " is set for each node by the local cluster and"
                            + " cannot be overridden for all of them");
                }
            }
            overrides = Map.copyOf(overrides);
            childJvmOptions = List.copyOf(childJvmOptions);
        }

        public Settings(int nodes, int basePort, Path dataDir, boolean childJvms, Map<String, String> overrides) {
            this(nodes, basePort, dataDir, childJvms, overrides, DEFAULT_CHILD_JVM_OPTIONS, Time.SYSTEM);
        }

        public static Settings of(int nodes, Path dataDir) {
            return new Settings(nodes, 0, dataDir, false, Map.of());
        }

        public Settings withBasePort(int port) {
            return new Settings(nodes, port, dataDir, childJvms, overrides, childJvmOptions, time);
        }

        /**
         * Nodes on {@code port}, {@code port + 1}, ... if all of them are free now, else on free ports: the same
         * cluster reachable at the same address launch after launch, unless something else holds that address.
         */
        public Settings withPreferredBasePort(int port) {
            return FreePorts.allFree(port, nodes) ? withBasePort(port) : withBasePort(0);
        }

        public Settings withChildJvms(boolean child) {
            return new Settings(nodes, basePort, dataDir, child, overrides, childJvmOptions, time);
        }

        public Settings withOverrides(Map<String, String> extra) {
            Map<String, String> merged = new HashMap<>(overrides);
            merged.putAll(extra);
            return new Settings(nodes, basePort, dataDir, childJvms, merged, childJvmOptions, time);
        }

        /** Replaces the JVM options of child-JVM nodes (e.g. a benchmark's heap). */
        public Settings withChildJvmOptions(List<String> options) {
            return new Settings(nodes, basePort, dataDir, childJvms, overrides, options, time);
        }

        /** In-process nodes read this clock instead of the system's (tests move it). */
        public Settings withTime(Time clock) {
            return new Settings(nodes, basePort, dataDir, childJvms, overrides, childJvmOptions, clock);
        }
    }

    public LocalCluster(Settings settings) {
        this(settings, FreePorts::pick);
    }

    /** With {@code freePorts} handing out the nodes' free ports (tests hand out a taken one first). */
    LocalCluster(Settings settings, IntSupplier freePorts) {
        this.settings = settings;
        this.freePorts = freePorts;
    }

    /**
     * Starts a cluster whose nodes were given ports ahead (e.g. by {@link Settings#withPreferredBasePort}); if one
     * of those ports was taken by the time its node bound it, the cluster starts again on free ports instead.
     * Checking the ports first narrows that window but cannot close it, and some platforms' checks are looser
     * than the bind itself.
     */
    public static LocalCluster startFallingBackToFreePorts(Settings settings) throws Exception {
        try {
            return new LocalCluster(settings).start();
        } catch (Exception e) {
            if (settings.basePort() == 0 || !causedByTakenPort(e)) {
                throw e;
            }
            LOG.info("A port from {} was taken when the nodes bound; starting on free ports", settings.basePort());
            return new LocalCluster(settings.withBasePort(0)).start();
        }
    }

    private static boolean causedByTakenPort(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** Starts ZooKeeper and every node, and returns once all are registered and a controller is elected. */
    public synchronized LocalCluster start() throws Exception {
        try {
            // One process per cluster directory: a second `local`, or a second app, stops here (its nodes would
            // share this cluster's ZooKeeper data and LMDB environments).
            directoryLock = DirectoryLock.acquire(settings.dataDir());
            zookeeper = EmbeddedZooKeeper.start(
                    settings.dataDir().resolve("zookeeper"), FreePorts.pick(), TICK_TIME_MS, START_TIMEOUT_MS);
            zk = CuratorFrameworkFactory.builder()
                    .connectString(zookeeper.connectString())
                    .sessionTimeoutMs(SESSION_TIMEOUT_MS * 4)
                    .retryPolicy(new ExponentialBackoffRetry(100, 10, 1_000))
                    .build();
            zk.start();
            if (!zk.blockUntilConnected((int) START_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("could not connect to the embedded ZooKeeper");
            }
            for (int id = 0; id < settings.nodes(); id++) {
                nodes.add(newNode(id));
            }
            for (int id = 0; id < settings.nodes(); id++) {
                startFirstTime(id);
            }
            awaitController(START_TIMEOUT_MS);
            directoryLock.describe(
                    Map.of("pid", Long.toString(ProcessHandle.current().pid()), BOOTSTRAP_SERVERS, bootstrapServers()));
            LOG.info("Local cluster of {} node(s) is up: {}", nodes.size(), bootstrapServers());
            return this;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private LocalNode newNode(int id) {
        int port = settings.basePort() == 0 ? freePorts.getAsInt() : settings.basePort() + id;
        Path dir = nodeDirectory(id);
        Map<String, String> props = new HashMap<>();
        props.put(BrokerConfig.BROKER_ID, Integer.toString(id));
        props.put(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:" + port);
        props.put(BrokerConfig.LOG_DIRS, dir.resolve("data").toString());
        props.put(BrokerConfig.ZOOKEEPER_CONNECT, zookeeper.connectString());
        props.put(BrokerConfig.ZOOKEEPER_SESSION_TIMEOUT_MS, Integer.toString(SESSION_TIMEOUT_MS));
        props.put(BrokerConfig.ZOOKEEPER_CONNECTION_TIMEOUT_MS, Long.toString(START_TIMEOUT_MS));
        // A laptop cluster is stopped and started as a whole, and the node stopped last comes back leading
        // everything; Kafka's 5-minute check would leave it so for the user's first minutes.
        props.put(BrokerConfig.LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS, Long.toString(LEADER_IMBALANCE_CHECK_SECONDS));
        // A laptop's groups form at once: nobody waits 3 s for more consumers (ARCHITECTURE.md).
        props.put(BrokerConfig.GROUP_INITIAL_REBALANCE_DELAY_MS, "0");
        props.putAll(settings.overrides());
        return settings.childJvms()
                ? new ChildProcessNode(id, port, dir, props, settings.childJvmOptions())
                : new InProcessNode(id, port, props, settings.time());
    }

    public Path nodeDirectory(int id) {
        return settings.dataDir().resolve("node-" + id);
    }

    /** Adds one more node with the next id and starts it. */
    public synchronized LocalNode addNode() throws Exception {
        LocalNode node = newNode(nodes.size());
        nodes.add(node);
        startNode(node.id());
        return node;
    }

    /**
     * Starts (or restarts) a node and waits until it has registered in ZooKeeper. A node keeps its id, port and
     * data directory for the cluster's life, so a restarted node comes back with the replicas it held.
     */
    public void startNode(int id) throws Exception {
        LocalNode node = node(id);
        long startedAt = System.currentTimeMillis();
        try {
            node.start();
        } catch (Exception e) {
            UnreadableStoreException unreadable = UnreadableStoreException.in(e);
            if (unreadable != null) {
                unreadableNodes.put(id, unreadable.getMessage());
            }
            throw e;
        }
        unreadableNodes.remove(id);
        awaitRegistration(id, startedAt);
    }

    /**
     * A node's first start in this cluster. A free port ({@code basePort} 0) was only free when it was picked: since
     * then an outgoing connection, such as this process's own to ZooKeeper or between nodes, may have been given it
     * as its local port. The node then takes another free port, which stays its own for the cluster's life.
     */
    private void startFirstTime(int id) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                startUnlessUnreadable(id);
                return;
            } catch (Exception e) {
                if (settings.basePort() != 0 || attempt == FREE_PORT_ATTEMPTS || !causedByTakenPort(e)) {
                    throw e;
                }
                LOG.info("Node {}'s port {} was taken before it bound it; it takes another", id, node(id).port());
                nodes.set(id, newNode(id));
            }
        }
    }

    /**
     * At the cluster's start, a node whose data does not open stays down and the others start: its partitions
     * have replicas there, and the user can start it empty ({@link #startNodeEmpty}) to copy them back. Only
     * when no node's data opens does the start fail.
     */
    private void startUnlessUnreadable(int id) throws Exception {
        try {
            startNode(id);
        } catch (Exception e) {
            UnreadableStoreException unreadable = UnreadableStoreException.in(e);
            if (unreadable == null || unreadableNodes.size() == nodes.size()) {
                throw e;
            }
            LOG.warn("Node {} stays down, the others start: {}", id, unreadable.getMessage());
        }
    }

    /**
     * The nodes that are down because their data did not open at their last start, with that error's message;
     * empty when all is well. Cleared for a node when it starts.
     */
    public Map<Integer, String> unreadableNodes() {
        return Map.copyOf(unreadableNodes);
    }

    /**
     * Starts a stopped node with no data: for a node whose data does not open (a disk error, a machine crash with
     * checkpoints off). Its data directory is kept, moved aside to {@code data.unreadable-<time>}; the node starts
     * empty and copies its partitions back from the other replicas. Returns where the old data went.
     */
    public Path startNodeEmpty(int id) throws Exception {
        if (node(id).isRunning()) {
            throw new IllegalStateException("node " + id + " is running; stop it first");
        }
        Path data = nodeDirectory(id).resolve("data");
        Path aside = nodeDirectory(id).resolve("data.unreadable-" + System.currentTimeMillis());
        if (Files.exists(data)) {
            Files.move(data, aside);
            LOG.warn("Node {}: its data was moved aside to {}; it starts empty and re-replicates", id, aside);
        }
        startNode(id);
        return aside;
    }

    /** Controlled stop: the node's own clean close. */
    public void stopNode(int id) {
        node(id).stop();
    }

    /** Abrupt stop: SIGKILL (kill -9) for a child JVM; see {@link LocalNode#kill()} for an in-process node. */
    public void killNode(int id) {
        node(id).kill();
    }

    /** Stops a node cleanly and starts it again with the same id, port and data directory. */
    public void restartNode(int id) throws Exception {
        stopNode(id);
        startNode(id);
    }

    /**
     * Test hook: expires the ZooKeeper session of an in-process node, as a long network partition from ZooKeeper
     * would. Its ephemeral znodes (registration, controllership) vanish at once; the node then gets a new
     * session and must register again. Child JVMs have no such hook: their session handle is in another process
     * (kill them instead).
     */
    public void expireSession(int id) throws Exception {
        if (!(node(id) instanceof InProcessNode inProcess)) {
            throw new UnsupportedOperationException("node " + id + " runs in a child JVM; only in-process nodes"
                    + " can have their ZooKeeper session expired");
        }
        inProcess.expireZooKeeperSession();
    }

    public LocalNode node(int id) {
        return nodes.stream()
                .filter(n -> n.id() == id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    public List<LocalNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The running nodes' addresses, as a client's bootstrap.servers. */
    public String bootstrapServers() {
        return nodes.stream()
                .filter(LocalNode::isRunning)
                .map(n -> "127.0.0.1:" + n.port())
                .collect(Collectors.joining(","));
    }

    public String zookeeperConnect() {
        return zookeeper.connectString();
    }

    public Settings settings() {
        return settings;
    }

    /** The in-process broker of a node, for tests that look inside; empty for child JVMs or stopped nodes. */
    public Optional<BrokerNode> broker(int id) {
        return node(id) instanceof InProcessNode inProcess ? Optional.ofNullable(inProcess.broker()) : Optional.empty();
    }

    /**
     * Waits until the node has registered, for as long as it runs: a node with thousands of partitions on a busy
     * laptop takes as long as it takes to open them (and says so in its log), and one that cannot start exits.
     */
    private void awaitRegistration(int id, long startedAt) throws Exception {
        String path = ZkPaths.broker(id);
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            if (!node(id).isRunning()) {
                throw new IllegalStateException("node " + id + " exited during start-up; see " + nodeDirectory(id));
            }
            // A killed node's znode lingers until its session expires; only a registration made after this
            // start counts.
            if (zk.checkExists().forPath(path) != null) {
                try {
                    if (BrokerRegistration.parse(zk.getData().forPath(path)).startTimeMs() >= startedAt) {
                        return;
                    }
                } catch (KeeperException.NoNodeException gone) {
                    // expired between the two calls
                }
            }
            if (System.nanoTime() - nextReport >= 0) {
                nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                LOG.info("Waiting for node {} to finish starting", id);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private void awaitController(long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (zk.checkExists().forPath(ZkPaths.CONTROLLER) == null) {
            if (System.currentTimeMillis() > deadline) {
                throw new TimeoutException("no controller was elected within " + timeoutMs + " ms");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Stops every node cleanly, then ZooKeeper. */
    @Override
    public synchronized void close() {
        for (LocalNode node : nodes) {
            try {
                node.stop();
            } catch (RuntimeException e) {
                LOG.warn("Could not stop node {}: {}", node.id(), e.toString());
            }
        }
        if (zk != null) {
            zk.close();
            zk = null;
        }
        if (zookeeper != null) {
            zookeeper.close();
            zookeeper = null;
        }
        if (directoryLock != null) {
            try {
                directoryLock.close();
            } catch (IOException e) {
                LOG.warn("Could not release {}: {}", directoryLock.directory(), e.toString());
            }
            directoryLock = null;
        }
    }
}
