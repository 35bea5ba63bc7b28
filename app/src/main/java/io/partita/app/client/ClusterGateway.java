package io.partita.app.client;

import static io.partita.app.client.core.ClientSession.API_TIMEOUT_MS;
import static io.partita.app.client.core.ClientSession.REQUEST_TIMEOUT_MS;

import io.partita.app.client.browse.BrowseClient;
import io.partita.app.client.cluster.ClusterClient;
import io.partita.app.client.core.AdminTraffic;
import io.partita.app.client.core.ClientSecurity;
import io.partita.app.client.core.ClientSession;
import io.partita.app.client.core.Connection;
import io.partita.app.client.core.ConnectionErrors;
import io.partita.app.client.core.ConnectionProfile;
import io.partita.app.client.core.Failures;
import io.partita.app.client.core.LocalClusterInUseException;
import io.partita.app.client.core.SecuritySettings;
import io.partita.app.client.groups.GroupsClient;
import io.partita.app.client.produce.ProduceClient;
import io.partita.app.client.replay.ReplayClient;
import io.partita.app.client.timeline.TimelineClient;
import io.partita.app.client.topics.TopicsClient;
import io.partita.app.client.transfer.TransferClient;
import io.partita.broker.local.LocalCluster;
import io.partita.broker.log.DirectoryLockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's door to a cluster: connects (or starts the local cluster and connects), tests a connection,
 * disconnects and shuts down, and hands out one client per feature ({@link #cluster()}, {@link #topics()}, …),
 * which share the connection's clients through a {@link ClientSession}. Only this package and the feature
 * clients under it call {@code kafka-clients} and {@link LocalCluster}.
 *
 * <p>Every method returns at once. Cluster start/stop and connecting run on one background thread, in order;
 * admin requests use the admin client's own non-blocking futures. Every returned future completes on the
 * {@code ui} executor (the FX Application Thread in the app), so callers may touch JavaFX state in their
 * callbacks. {@link #close()} is the one blocking method, for shutdown.
 */
public final class ClusterGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterGateway.class);

    private final ClientSession session;
    private final ClusterClient cluster;
    private final TopicsClient topics;
    private final GroupsClient groups;
    private final BrowseClient browse;
    private final ProduceClient produce;
    private final ReplayClient replay;
    private final TransferClient transfer;
    private final TimelineClient timeline;

    /**
     * A gateway whose results arrive on {@code ui}: the app passes {@code Platform::runLater}, tests without a
     * toolkit {@code Runnable::run}.
     */
    public ClusterGateway(Executor ui) {
        this.session = new ClientSession(ui);
        this.cluster = new ClusterClient(session);
        this.topics = new TopicsClient(session);
        this.groups = new GroupsClient(session);
        this.browse = new BrowseClient(session);
        this.produce = new ProduceClient(session);
        this.replay = new ReplayClient(session, browse, produce);
        this.transfer = new TransferClient(session, browse, produce);
        this.timeline = new TimelineClient(session);
    }

    /** Brokers, the cluster map, the topic list, and a local cluster's nodes. */
    public ClusterClient cluster() {
        return cluster;
    }

    public TopicsClient topics() {
        return topics;
    }

    public GroupsClient groups() {
        return groups;
    }

    public BrowseClient browse() {
        return browse;
    }

    public ProduceClient produce() {
        return produce;
    }

    public ReplayClient replay() {
        return replay;
    }

    public TransferClient transfer() {
        return transfer;
    }

    /** Timelines kept as files and opened again, connected or not. */
    public TimelineClient timeline() {
        return timeline;
    }

    /** The current connection, or null. */
    public Connection connection() {
        return session.connection();
    }

    /**
     * Starts a local cluster of {@code nodes} nodes on {@code dataDir} (created if missing, kept afterwards) and
     * connects to it. Any earlier connection is closed first. {@code progress} receives short status lines.
     */
    public CompletableFuture<Connection> startLocalCluster(int nodes, Path dataDir, Consumer<String> progress) {
        ConnectionProfile profile = ConnectionProfile.local(nodes);
        return session.onLifecycle(() -> {
            disconnectNow();
            report(
                    progress,
                    nodes == 1
                            ? "Starting ZooKeeper and one broker node…"
                            : "Starting ZooKeeper and " + nodes + " broker nodes…");
            LOG.info("Starting a local cluster of {} node(s) in {}", nodes, dataDir);
            // Kafka's ports when free, so kcat and the user's own code find the cluster at the same address
            // every launch; free ports when something else (a real Kafka, another Partita) holds them.
            LocalCluster cluster;
            try {
                cluster = LocalCluster.startFallingBackToFreePorts(
                        LocalCluster.Settings.of(nodes, dataDir).withPreferredBasePort(LocalCluster.DEFAULT_BASE_PORT));
            } catch (DirectoryLockedException inUse) {
                throw new LocalClusterInUseException(
                        dataDir, inUse.holder().getOrDefault(LocalCluster.BOOTSTRAP_SERVERS, ""), inUse);
            }
            session.localCluster(cluster);
            report(progress, "Connecting to " + cluster.bootstrapServers() + "…");
            try {
                return open(profile, cluster.bootstrapServers());
            } catch (Exception e) {
                disconnectNow(); // never leave a cluster running that the app cannot reach
                throw e;
            }
        });
    }

    /** Connects to an existing cluster without security (PLAINTEXT). */
    public CompletableFuture<Connection> connect(String bootstrapServers, Consumer<String> progress) {
        return connect(ConnectionProfile.remote(bootstrapServers), progress);
    }

    /**
     * Connects to an existing cluster with the profile's security settings. Any earlier connection (and local
     * cluster) is closed first. Fails with a {@link ConnectionFailedException} whose message a user can act on.
     */
    public CompletableFuture<Connection> connect(ConnectionProfile profile, Consumer<String> progress) {
        return session.onLifecycle(() -> {
            disconnectNow();
            report(progress, "Connecting to " + profile.bootstrapServers() + "…");
            return open(profile, profile.bootstrapServers());
        });
    }

    /** A cluster that answered a test: its id and how many brokers it has. */
    public record ClusterCheck(String clusterId, int brokers) {}

    private static final int TEST_TIMEOUT_MS = 8_000;

    /**
     * Tries {@code profile} (describeCluster with a short timeout) with a client of its own, leaving the current
     * connection alone. Bounded by {@value #TEST_TIMEOUT_MS} ms; cancelling the returned future closes the probe.
     */
    public CompletableFuture<ClusterCheck> testConnection(ConnectionProfile profile) {
        CompletableFuture<ClusterCheck> result = new CompletableFuture<>();
        AtomicReference<Admin> probe = new AtomicReference<>();
        Runnable probeTask = () -> {
            try {
                checkStoreFiles(profile.security());
                Admin a = createAdmin(clientProperties(profile, profile.bootstrapServers(), TEST_TIMEOUT_MS));
                probe.set(a);
                if (result.isDone()) {
                    a.close(Duration.ZERO);
                    return;
                }
                try {
                    DescribeClusterResult d =
                            a.describeCluster(new DescribeClusterOptions().timeoutMs(TEST_TIMEOUT_MS));
                    String id = d.clusterId().get(TEST_TIMEOUT_MS + 1_000L, TimeUnit.MILLISECONDS);
                    int brokers = d.nodes()
                            .get(TEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                            .size();
                    result.complete(new ClusterCheck(id, brokers));
                } finally {
                    a.close(Duration.ZERO);
                }
            } catch (Throwable t) {
                result.completeExceptionally(failure(t, profile, TEST_TIMEOUT_MS));
            }
        };
        try {
            session.work().execute(probeTask);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("Partita is shutting down", e));
        }
        CompletableFuture<ClusterCheck> out = session.toUi(result);
        out.whenComplete((v, e) -> {
            if (out.isCancelled()) {
                result.cancel(false);
                Admin a = probe.get();
                if (a != null) {
                    // Closing waits for the client's thread: not on the FX thread.
                    Thread closer = new Thread(() -> a.close(Duration.ZERO), "partita-connection-test-close");
                    closer.setDaemon(true);
                    closer.start();
                }
            }
        });
        return out;
    }

    /**
     * The client properties of the current connection (bootstrap servers and security), for consumers and producers
     * that the gateway creates; empty when not connected.
     */
    public Properties connectionProperties() {
        Connection c = session.connection();
        return c == null ? new Properties() : clientProperties(c.profile(), c.bootstrapServers(), REQUEST_TIMEOUT_MS);
    }

    private static Properties clientProperties(ConnectionProfile profile, String bootstrapServers, int timeoutMs) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "partita-app");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Math.max(API_TIMEOUT_MS, timeoutMs));
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        props.putAll(ClientSecurity.properties(profile.security()));
        return props;
    }

    /** A missing store file gets its own message before the client library reports it its way. */
    private static void checkStoreFiles(SecuritySettings s) {
        if (!s.protocol().usesTls()) {
            return;
        }
        checkReadable("truststore", s.truststorePath());
        checkReadable("keystore", s.keystorePath());
    }

    private static void checkReadable(String what, String path) {
        if (!path.isEmpty() && !Files.isReadable(Path.of(path))) {
            throw new ConnectionFailedException("The " + what + " file " + path + " does not exist or cannot be read.");
        }
    }

    private static Admin createAdmin(Properties props) {
        try {
            return Admin.create(props);
        } catch (KafkaException e) {
            // "Failed to create new KafkaAdminClient" says nothing; its cause says what is wrong.
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static ConnectionFailedException failure(Throwable t, ConnectionProfile profile, int timeoutMs) {
        Throwable cause = Failures.rootCause(t);
        if (cause instanceof ConnectionFailedException known) {
            return known;
        }
        return new ConnectionFailedException(
                ConnectionErrors.explain(t, profile.bootstrapServers(), profile.security(), timeoutMs / 1000), t);
    }

    /** A connection attempt that failed; the message is written for the user. */
    public static final class ConnectionFailedException extends RuntimeException {
        public ConnectionFailedException(String message) {
            super(message);
        }

        public ConnectionFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Closes the admin client and stops the local cluster, if any. */
    public CompletableFuture<Void> disconnect() {
        return session.onLifecycle(() -> {
            disconnectNow();
            return null;
        });
    }

    /**
     * What the admin client (the periodic refresh's client) has sent and received since it connected, from its
     * own metrics; {@link AdminTraffic#NONE} while not connected. For diagnostics and the refresh benchmark.
     */
    public AdminTraffic adminTraffic() {
        Admin a = session.admin();
        if (a == null) {
            return AdminTraffic.NONE;
        }
        long[] totals = new long[3];
        a.metrics().forEach((name, metric) -> {
            if (!name.group().equals("admin-client-metrics")) {
                return; // the per-node group repeats the same traffic broken down by broker
            }
            int slot = switch (name.name()) {
                case "request-total" -> 0;
                case "outgoing-byte-total" -> 1;
                case "incoming-byte-total" -> 2;
                default -> -1;
            };
            if (slot >= 0 && metric.metricValue() instanceof Number n) {
                totals[slot] += n.longValue();
            }
        });
        return new AdminTraffic(totals[0], totals[1], totals[2]);
    }

    /** Stops everything and waits (bounded) for it: for application shutdown, off the FX thread if possible. */
    @Override
    public void close() {
        if (session.closed()) {
            return;
        }
        session.markClosed();
        session.lifecycle().shutdown();
        session.work().shutdownNow();
        try {
            if (!session.lifecycle().awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("A cluster operation was still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnectNow();
    }

    /** The same as {@link #close()}, but on the background thread; completes on the ui executor. */
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        close();
                        session.ui().execute(() -> done.complete(null));
                    } catch (RuntimeException | Error e) {
                        session.ui().execute(() -> done.completeExceptionally(e));
                    }
                },
                "partita-shutdown");
        t.setDaemon(false); // the JVM waits for a clean stop of the local cluster
        t.start();
        return done;
    }

    private Connection open(ConnectionProfile profile, String bootstrapServers) throws Exception {
        Admin fresh = null;
        try {
            checkStoreFiles(profile.security());
            fresh = createAdmin(clientProperties(profile, bootstrapServers, REQUEST_TIMEOUT_MS));
            String clusterId = fresh.describeCluster(new DescribeClusterOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                    .clusterId()
                    .get(API_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            // The browser's consumer and the producer reach the cluster as the admin client does, security included.
            Properties client = new Properties();
            client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            client.putAll(ClientSecurity.properties(profile.security()));
            Connection c = new Connection(profile, bootstrapServers, clusterId);
            session.opened(c, fresh, client);
            LOG.info("Connected to {} (cluster id {}, {})", bootstrapServers, clusterId, profile.security());
            return c;
        } catch (Exception e) {
            if (fresh != null) {
                fresh.close(Duration.ZERO);
            }
            throw failure(e, profile, API_TIMEOUT_MS);
        }
    }

    /** Runs on the lifecycle thread. */
    private void disconnectNow() {
        LocalCluster cluster = session.closeClients();
        if (cluster != null) {
            LOG.info("Stopping the local cluster");
            cluster.close();
            LOG.info("Local cluster stopped");
        }
    }

    private void report(Consumer<String> progress, String line) {
        if (progress != null) {
            session.ui().execute(() -> progress.accept(line));
        }
    }
}
