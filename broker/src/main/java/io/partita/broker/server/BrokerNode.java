package io.partita.broker.server;

import io.partita.broker.api.ApiContext;
import io.partita.broker.api.ApiDispatcher;
import io.partita.broker.api.ProducerIdManager;
import io.partita.broker.cluster.BrokerRegistration;
import io.partita.broker.cluster.ClusterStore;
import io.partita.broker.cluster.ClusterView;
import io.partita.broker.cluster.Controller;
import io.partita.broker.cluster.Elections;
import io.partita.broker.cluster.PartitionLimitWatch;
import io.partita.broker.config.BrokerConfig;
import io.partita.broker.group.GroupCoordinator;
import io.partita.broker.log.DirectoryLock;
import io.partita.broker.log.LogConfig;
import io.partita.broker.log.LogStore;
import io.partita.broker.log.LogStoreSettings;
import io.partita.broker.network.KafkaServer;
import io.partita.broker.replication.ReplicaManager;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker node: its LMDB log store, its view of the cluster in ZooKeeper, its replicas, the Kafka
 * listener, its registration, and its candidacy for controller. {@link #start()} brings them up in
 * dependency order; {@link #close()} takes them down in reverse.
 */
public final class BrokerNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerNode.class);

    private final BrokerConfig config;
    private final Time time;
    private CuratorFramework zk;
    private volatile LogStore logStore;
    private ClusterView clusterView;
    private ReplicaManager replicaManager;
    private GroupCoordinator groupCoordinator;
    private KafkaServer server;
    private PersistentNode registration;
    private BrokerRegistration registered;
    private Controller controller;
    private ExecutorService io;
    private ScheduledExecutorService timer;
    private int boundPort = -1;
    private String clusterId;
    /**
     * Set by {@link #close()} before it waits for the monitor that a start in progress holds, so that a start
     * waiting for the cluster metadata gives up and a Ctrl-C during a slow start is not ignored.
     */
    private volatile boolean stopRequested;

    private DirectoryLock dataDirLock;

    public BrokerNode(BrokerConfig config) {
        this(config, Time.SYSTEM);
    }

    /**
     * A node whose replication, controller and group coordinator read {@code time} (a test's clock, moved instead
     * of waited for).
     */
    public BrokerNode(BrokerConfig config, Time time) {
        this.config = config;
        this.time = time;
    }

    public BrokerConfig config() {
        return config;
    }

    public int brokerId() {
        return config.brokerId();
    }

    public synchronized void start() throws Exception {
        stopRequested = false;
        config.logUnknown(LOG);
        String name = "node-" + config.brokerId();
        try {
            // First, before anything is written there: a second process on this directory stops here.
            dataDirLock = DirectoryLock.acquire(config.dataDir());
            zk = CuratorFrameworkFactory.builder()
                    .connectString(config.zookeeperConnect())
                    .sessionTimeoutMs(config.zookeeperSessionTimeoutMs())
                    .connectionTimeoutMs(config.zookeeperConnectionTimeoutMs())
                    .retryPolicy(new ExponentialBackoffRetry(100, 10, 2_000))
                    .build();
            zk.start();
            if (!zk.blockUntilConnected(config.zookeeperConnectionTimeoutMs(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("Could not reach ZooKeeper at " + config.zookeeperConnect() + " within "
                        + config.zookeeperConnectionTimeoutMs() + " ms");
            }
            ClusterStore store = new ClusterStore(zk);
            store.ensureLayout();
            clusterId = store.clusterId();
            NodeMetadata.checkOrWrite(config.dataDir(), clusterId, config.brokerId());

            logStore = LogStore.open(LogStoreSettings.defaults(config.dataDir())
                    .withMaxDatabases(LogStoreSettings.databasesFor(config.maxPartitions()))
                    .withMapSizeBytes(config.lmdbMapSizeBytes())
                    .withWritebackIntervalMs(config.lmdbWritebackIntervalMs())
                    .withCheckpointIntervalMs(config.lmdbCheckpointIntervalMs())
                    .withFlushIntervalMessages(config.flushIntervalMessages())
                    .withFlushIntervalMs(config.flushIntervalMs())
                    .withRetentionCheckIntervalMs(config.retentionCheckIntervalMs())
                    .withCleaner(config.cleaner()));

            // Not on the writer's thread, which found it: leaving the cluster waits for ZooKeeper.
            logStore.onFailure(
                    reason -> new Thread(() -> leaveClusterAfterStoreFailure(reason), name + "-store-failure").start());

            io = Executors.newFixedThreadPool(config.ioThreads(), daemon(name + "-io"));
            ScheduledThreadPoolExecutor timerExecutor = new ScheduledThreadPoolExecutor(1, daemon(name + "-timer"));
            // Long-poll and request timeouts are mostly cancelled before they fire: drop them at once.
            timerExecutor.setRemoveOnCancelPolicy(true);
            timer = timerExecutor;
            clusterView = new ClusterView(zk, name);
            replicaManager = new ReplicaManager(
                    config.brokerId(), logStore, this::topicConfig, store, config.replication(), time);
            // Before the first metadata: leaderships of __consumer_offsets found at start-up load their groups.
            ClusterView view = clusterView;
            groupCoordinator = new GroupCoordinator(config.groups(), replicaManager, timer, io, view::snapshot, time);
            replicaManager.addRoleListener(groupCoordinator);
            groupCoordinator.start();
            clusterView.addListener(replicaManager::onMetadata);
            clusterView.addListener(new PartitionLimitWatch(config.brokerId(), config.maxPartitions()));
            zk.getConnectionStateListenable().addListener((client, state) -> {
                // Curator's thread: only flags and a queued rebuild here.
                if (state == ConnectionState.LOST) {
                    replicaManager.onSessionLost();
                } else if (state == ConnectionState.RECONNECTED) {
                    replicaManager.onSessionRestored();
                    clusterView.scheduleRebuild();
                }
            });
            // Unbounded, as Kafka's start: opening thousands of partitions on a busy laptop takes what it takes.
            clusterView.start(() -> stopRequested);

            ApiContext api = new ApiContext(
                    config,
                    clusterId,
                    clusterView,
                    store,
                    replicaManager,
                    logStore,
                    new ProducerIdManager(config.brokerId(), store),
                    io,
                    timer);
            BrokerConfig.Listener listener = config.listener();
            server = new KafkaServer(
                            listener.host(),
                            listener.port(),
                            config.networkThreads(),
                            config.socketRequestMaxBytes(),
                            new ApiDispatcher(api, groupCoordinator))
                    .socketBuffers(config.socketSendBufferBytes(), config.socketReceiveBufferBytes())
                    .connectionLimits(
                            config.maxConnections(), config.maxConnectionsPerIp(), config.connectionsMaxIdleMs());
            boundPort = server.start(name);

            BrokerConfig.Listener advertised = config.advertisedListener();
            String host =
                    advertised.host().isEmpty() ? InetAddress.getLocalHost().getCanonicalHostName() : advertised.host();
            int port = advertised.port() == 0 ? boundPort : advertised.port();
            registered = new BrokerRegistration(
                    config.brokerId(),
                    host,
                    port,
                    config.rack().orElse(null),
                    // Wall-clock time, not the node's clock: whoever starts a node compares it with its own start.
                    System.currentTimeMillis(),
                    BrokerRegistration.State.RUNNING,
                    config.maxPartitions());
            registration = store.registration(registered);
            registration.start();
            if (!registration.waitForInitialCreate(config.zookeeperSessionTimeoutMs() * 2L, TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("Could not register node " + config.brokerId()
                        + " in ZooKeeper: is another node using this broker.id?");
            }
            controller = new Controller(
                    config.brokerId(),
                    zk,
                    clusterView,
                    new Controller.Settings(
                            topic -> topicConfig(topic).uncleanLeaderElectionEnable(),
                            config.autoLeaderRebalanceEnable(),
                            config.leaderImbalanceCheckIntervalMs(),
                            config.leaderImbalancePerBrokerPercentage()),
                    time);
            controller.start();
            LOG.info(
                    "Node {} started: listening on {}:{}, data in {}, cluster {}",
                    config.brokerId(),
                    host,
                    port,
                    config.dataDir(),
                    clusterId);
        } catch (Exception | Error e) {
            closeNow(); // a node that never fully started has nothing to hand over
            throw e;
        }
    }

    /**
     * The log store failed for good (a full or failing disk, a dead writer thread, an unusable environment): the
     * node says so in one line and leaves the cluster. It resigns as controller and deletes its registration, so
     * the controller moves its leaderships to in-sync replicas elsewhere, instead of staying registered while
     * every append to it hangs or fails. It keeps its listener: what still reaches it is answered
     * KAFKA_STORAGE_ERROR (produce, fetch) or with metadata that no longer names it.
     */
    private void leaveClusterAfterStoreFailure(String reason) {
        synchronized (this) {
            if (logStore == null || replicaManager == null) {
                return; // stopped meanwhile
            }
            LOG.error(
                    "Node {} has left the cluster because its log store in {} failed: {}. Its partitions move to"
                            + " their other replicas; fix the cause and restart the node.",
                    config.brokerId(),
                    config.dataDir(),
                    reason);
            replicaManager.onStoreFailed(reason);
            closeQuietly(controller);
            controller = null;
            if (registration != null) {
                closeQuietly(registration::close);
                registration = null;
            }
        }
    }

    /** Why this node's log store failed for good, or empty while it works. */
    public Optional<String> storeFailure() {
        LogStore store = logStore;
        return store == null ? Optional.empty() : store.failure();
    }

    /** Test hook: see {@link LogStore#injectWriterFailureForTesting}. */
    public void injectStoreFailureForTesting(Throwable t) {
        logStore.injectWriterFailureForTesting(t);
    }

    private LogConfig topicConfig(String topic) {
        return LogConfig.from(
                config.topicDefaults(),
                clusterView.snapshot().topicConfig(topic).config());
    }

    private static ThreadFactory daemon(String prefix) {
        var counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The port the listener is bound to. */
    public int port() {
        return boundPort;
    }

    public String clusterId() {
        return clusterId;
    }

    public boolean isController() {
        return controller != null && controller.isActive();
    }

    public ClusterView clusterView() {
        return clusterView;
    }

    public ReplicaManager replicaManager() {
        return replicaManager;
    }

    /**
     * Stops serving, leaves the cluster and closes the store so every committed append is on disk; first, with
     * controlled.shutdown.enable, hands this node's leaderships over (see {@link #controlledShutdown()}).
     */
    @Override
    public void close() {
        stopRequested = true;
        synchronized (this) {
            closeStarted();
        }
    }

    private void closeStarted() {
        if (config.controlledShutdownEnable()) {
            controlledShutdown();
        }
        closeNow();
    }

    /** Stops at once, without handing leaderships over: the cluster notices when the registration goes. */
    public void closeWithoutControlledShutdown() {
        stopRequested = true;
        synchronized (this) {
            closeNow();
        }
    }

    /**
     * Kafka's controlled shutdown, through ZooKeeper: the node marks its registration SHUTTING_DOWN; the
     * controller then moves every leadership this node holds to another in-sync replica and takes the node out
     * of the ISRs it follows in; the node waits (at most partita.controlled.shutdown.timeout.ms) until its own metadata
     * shows that it leads nothing another live in-sync replica could lead. It keeps serving meanwhile, so
     * clients move to the new leaders without errors; a partition with no other in-sync replica stays with it
     * until the end.
     */
    private void controlledShutdown() {
        if (registration == null || clusterView == null || registered == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            ClusterStore.updateRegistration(registration, registered.withState(BrokerRegistration.State.SHUTTING_DOWN));
            clusterView.scheduleRebuild();
            int id = config.brokerId();
            clusterView
                    .await(
                            s -> s.isShuttingDown(id) && !Elections.leadsWhatOthersCouldLead(s, id),
                            config.controlledShutdownTimeoutMs())
                    .get();
            LOG.info(
                    "Node {}: controlled shutdown moved its leaderships in {} ms",
                    id,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn(
                    "Node {}: controlled shutdown did not complete ({}); stopping anyway",
                    config.brokerId(),
                    e.getCause() != null ? e.getCause().toString() : e.toString());
        }
    }

    private void closeNow() {
        closeQuietly(controller);
        if (registration != null) {
            closeQuietly(registration::close);
        }
        closeQuietly(server);
        closeQuietly(groupCoordinator);
        groupCoordinator = null;
        if (io != null) {
            io.shutdownNow();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        closeQuietly(clusterView);
        if (replicaManager != null) {
            replicaManager.close();
        }
        closeQuietly(logStore);
        if (zk != null) {
            closeQuietly(zk::close);
        }
        closeQuietly(dataDirLock); // last: the store is closed, another process may open it now
        dataDirLock = null;
        controller = null;
        registration = null;
        registered = null;
        server = null;
        clusterView = null;
        logStore = null;
        zk = null;
        LOG.info("Node {} stopped", config.brokerId());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Error while stopping: {}", e.toString());
        }
    }

    /**
     * Test hook (LocalCluster.expireSession): makes ZooKeeper expire this node's session now, as a partition
     * longer than {@code zookeeper.session.timeout.ms} would. Curator then opens a new session and the node must
     * recover its registration, watches and controller candidacy, which is what tests of that path check.
     */
    public void expireZooKeeperSessionForTesting() throws Exception {
        CuratorFramework client = zk;
        if (client == null) {
            throw new IllegalStateException("node " + config.brokerId() + " is not running");
        }
        client.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
    }
}
