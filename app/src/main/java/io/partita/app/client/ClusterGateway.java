package io.partita.app.connection;

import io.partita.app.cluster.BrokerInfo;
import io.partita.app.common.Fx;
import io.partita.app.cluster.ClusterOverview;
import io.partita.app.topics.TopicInfo;
import io.partita.broker.local.LocalCluster;
import io.partita.broker.log.DirectoryLockedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's only door to a cluster: the only class that calls {@code kafka-clients} and {@link LocalCluster}.
 *
 * <p>Every method returns at once. Cluster start/stop and connecting run on one background thread, in order;
 * admin requests use the admin client's own non-blocking futures. Every returned future completes on the
 * {@code ui} executor (the FX Application Thread in the app), so callers may touch JavaFX state in their
 * callbacks. {@link #close()} is the one blocking method, for shutdown.
 */
public final class ClusterGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterGateway.class);
    private static final int REQUEST_TIMEOUT_MS = 10_000;
    /** The periodic reads' deadline: a dead cluster should show as such within seconds, not after a long wait. */
    private static final int READ_TIMEOUT_MS = 5_000;
    private static final int API_TIMEOUT_MS = 15_000;

    private final java.util.concurrent.Executor ui;
    private final ExecutorService lifecycle;

    private volatile Admin admin;
    private volatile MessageReader reader;
    /** The reader's client settings, for the live tails' own consumers. */
    private volatile Properties readerClient;
    private final java.util.Set<Follower> tails = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile MessageWriter writer;
    private volatile LocalCluster localCluster;
    private volatile Connection connection;
    private volatile boolean closed;

    /** A gateway whose results arrive on the FX Application Thread. */
    public ClusterGateway() {
        this(Platform::runLater);
    }

    /** A gateway whose results arrive on {@code ui} (tests without a toolkit pass {@code Runnable::run}). */
    public ClusterGateway(java.util.concurrent.Executor ui) {
        this.ui = ui;
        AtomicInteger n = new AtomicInteger();
        this.lifecycle = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "partita-gateway-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The current connection, or null. */
    public Connection connection() {
        return connection;
    }

    /**
     * Starts a local cluster of {@code nodes} nodes on {@code dataDir} (created if missing, kept afterwards) and
     * connects to it. Any earlier connection is closed first. {@code progress} receives short status lines.
     */
    public CompletableFuture<Connection> startLocalCluster(int nodes, Path dataDir, Consumer<String> progress) {
        ConnectionProfile profile = ConnectionProfile.local(nodes);
        return onLifecycle(() -> {
            disconnectNow();
            report(progress, nodes == 1 ? "Starting ZooKeeper and one broker node…"
                    : "Starting ZooKeeper and " + nodes + " broker nodes…");
            log.info("Starting a local cluster of {} node(s) in {}", nodes, dataDir);
            // Kafka's ports when free, so kcat and the user's own code find the cluster at the same address
            // every launch; free ports when something else (a real Kafka, another Partita) holds them.
            LocalCluster cluster;
            try {
                cluster = LocalCluster.startFallingBackToFreePorts(LocalCluster.Settings.of(nodes, dataDir)
                        .withPreferredBasePort(LocalCluster.DEFAULT_BASE_PORT));
            } catch (DirectoryLockedException inUse) {
                throw new LocalClusterInUseException(dataDir,
                        inUse.holder().getOrDefault(LocalCluster.BOOTSTRAP_SERVERS, ""), inUse);
            }
            localCluster = cluster;
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
        return onLifecycle(() -> {
            disconnectNow();
            report(progress, "Connecting to " + profile.bootstrapServers() + "…");
            return open(profile, profile.bootstrapServers());
        });
    }

    // ---- Connect to any cluster securely: Test connection (issue 6, item 1) ----

    /** A cluster that answered a test: its id and how many brokers it has. */
    public record ClusterCheck(String clusterId, int brokers) {
    }

    private static final int TEST_TIMEOUT_MS = 8_000;
    /** Connection tests and work too large for the caller's thread (building requests for every partition). */
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "partita-gateway-work");
        t.setDaemon(true);
        return t;
    });

    /**
     * Tries {@code profile} (describeCluster with a short timeout) with a client of its own, leaving the current
     * connection alone. Bounded by {@value #TEST_TIMEOUT_MS} ms; cancelling the returned future closes the probe.
     */
    public CompletableFuture<ClusterCheck> testConnection(ConnectionProfile profile) {
        CompletableFuture<ClusterCheck> result = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<Admin> probe = new java.util.concurrent.atomic.AtomicReference<>();
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
                    DescribeClusterResult d = a.describeCluster(new DescribeClusterOptions().timeoutMs(TEST_TIMEOUT_MS));
                    String id = d.clusterId().get(TEST_TIMEOUT_MS + 1_000L, TimeUnit.MILLISECONDS);
                    int brokers = d.nodes().get(TEST_TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
                    result.complete(new ClusterCheck(id, brokers));
                } finally {
                    a.close(Duration.ZERO);
                }
            } catch (Throwable t) {
                result.completeExceptionally(failure(t, profile, TEST_TIMEOUT_MS));
            }
        };
        try {
            probes.execute(probeTask);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("Partita is shutting down", e));
        }
        CompletableFuture<ClusterCheck> out = toUi(result);
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
        Connection c = connection;
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
        if (!path.isEmpty() && !java.nio.file.Files.isReadable(Path.of(path))) {
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
        Throwable cause = io.partita.app.common.Fx.rootCause(t);
        if (cause instanceof ConnectionFailedException known) {
            return known;
        }
        return new ConnectionFailedException(ConnectionErrors.explain(t, profile.bootstrapServers(),
                profile.security(), timeoutMs / 1000), t);
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

    // ---- end of secure connections ----

    /** Closes the admin client and stops the local cluster, if any. */
    public CompletableFuture<Void> disconnect() {
        return onLifecycle(() -> {
            disconnectNow();
            return null;
        });
    }

    /** The cluster id and live brokers, controller marked. */
    public CompletableFuture<ClusterOverview> describeCluster() {
        return withAdmin(this::overview);
    }

    /**
     * The cluster map: live brokers, every partition of every topic (internal ones included) with its leader,
     * ISR and offline replicas, and, for a local cluster, its nodes that are down.
     */
    public CompletableFuture<io.partita.app.cluster.ClusterMap> clusterMap() {
        return snapshot().thenApply(ClusterSnapshot::map);
    }

    /**
     * Everything the workspace's periodic refresh shows from one DescribeCluster and one topic description
     * round: the brokers, the cluster map and the topic list. Reading it once for all views, instead of once per
     * view, keeps a refresh of a cluster with thousands of partitions to one copy of its metadata.
     */
    public CompletableFuture<ClusterSnapshot> snapshot() {
        Map<Integer, String> known = localNodeAddresses();
        return withAdmin(a -> overview(a).thenCombine(partitions(a), (overview, descriptions) -> {
            java.util.Set<Integer> live = overview.brokers().stream().map(BrokerInfo::id)
                    .collect(java.util.stream.Collectors.toSet());
            List<io.partita.app.cluster.PartitionRow> rows = new java.util.ArrayList<>();
            for (TopicDescription d : descriptions.values()) {
                boolean internal = d.isInternal() || d.name().startsWith("__");
                for (org.apache.kafka.common.TopicPartitionInfo p : d.partitions()) {
                    List<Integer> replicas = p.replicas().stream().map(Node::id).toList();
                    rows.add(new io.partita.app.cluster.PartitionRow(d.name(), p.partition(), replicas,
                            p.leader() == null || p.leader().isEmpty() ? io.partita.app.cluster.PartitionRow.NO_LEADER
                                    : p.leader().id(),
                            p.isr().stream().map(Node::id).toList(),
                            replicas.stream().filter(r -> !live.contains(r)).toList(), internal));
                }
            }
            var map = io.partita.app.cluster.ClusterMap.of(overview, rows, known).withStopped(stoppedLocalNodes())
                    .withUnreadable(unreadableLocalNodes());
            List<TopicInfo> topics = descriptions.values().stream().map(ClusterGateway::summarize)
                    .sorted(Comparator.comparing(TopicInfo::name)).toList();
            return new ClusterSnapshot(overview, map, topics);
        }));
    }

    /** The nodes of the local cluster (id to address), running or not; empty when connected elsewhere. */
    private Map<Integer, String> localNodeAddresses() {
        LocalCluster cluster = localCluster;
        if (cluster == null) {
            return Map.of();
        }
        Map<Integer, String> nodes = new java.util.TreeMap<>();
        cluster.nodes().forEach(n -> nodes.put(n.id(), "127.0.0.1:" + n.port()));
        return nodes;
    }

    /** The ids of the local cluster's nodes that are not running (stopped or killed here); empty when remote. */
    public java.util.Set<Integer> stoppedLocalNodes() {
        LocalCluster cluster = localCluster;
        if (cluster == null) {
            return java.util.Set.of();
        }
        return cluster.nodes().stream().filter(n -> !n.isRunning()).map(n -> n.id())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The local cluster's nodes that are down because their data did not open, with why; empty when remote. */
    public Map<Integer, String> unreadableLocalNodes() {
        LocalCluster cluster = localCluster;
        return cluster == null ? Map.of() : cluster.unreadableNodes();
    }

    /** Whether the app runs the cluster itself, so it can stop, kill and start its nodes. */
    public boolean controlsNodes() {
        return localCluster != null;
    }

    /** A local node's clean stop: its leaderships move to other replicas first (controlled shutdown). */
    public CompletableFuture<Void> stopNode(int id) {
        return onLocalCluster(id, "Stopping", c -> c.stopNode(id));
    }

    /** A local node's abrupt end, as a crash: the cluster notices when its ZooKeeper session expires. */
    public CompletableFuture<Void> killNode(int id) {
        return onLocalCluster(id, "Killing", c -> c.killNode(id));
    }

    /** Starts a stopped or killed local node again, with its data. */
    public CompletableFuture<Void> startNode(int id) {
        return onLocalCluster(id, "Starting", c -> c.startNode(id));
    }

    /**
     * Starts a stopped local node with no data, for a node whose data does not open: its data directory is moved
     * aside (kept), and the node copies its partitions back from the other replicas.
     */
    public CompletableFuture<Void> startNodeEmpty(int id) {
        return onLocalCluster(id, "Starting with no data", c -> c.startNodeEmpty(id));
    }

    private interface NodeAction {
        void apply(LocalCluster cluster) throws Exception;
    }

    private CompletableFuture<Void> onLocalCluster(int id, String verb, NodeAction action) {
        return onLifecycle(() -> {
            LocalCluster cluster = localCluster;
            if (cluster == null) {
                throw new IllegalStateException("Only the nodes of a local cluster can be started and stopped here");
            }
            log.info("{} node {}", verb, id);
            action.apply(cluster);
            return null;
        });
    }

    private CompletableFuture<ClusterOverview> overview(Admin a) {
        DescribeClusterResult result = a.describeCluster(new DescribeClusterOptions().timeoutMs(READ_TIMEOUT_MS));
        return stage(result.clusterId()).thenCombine(stage(result.controller()), (id, controller) -> Map.entry(
                id == null ? "" : id, controller == null ? -1 : controller.id()))
                .thenCombine(stage(result.nodes()), (idAndController, nodes) -> {
                    int controllerId = idAndController.getValue();
                    List<BrokerInfo> brokers = nodes.stream()
                            .sorted(Comparator.comparingInt(Node::id))
                            .map(n -> new BrokerInfo(n.id(), n.host(), n.port(), n.rack(), n.id() == controllerId))
                            .toList();
                    return new ClusterOverview(idAndController.getKey(), brokers);
                });
    }

    /** Every topic's description, internal ones included. */
    private CompletableFuture<Map<String, TopicDescription>> partitions(Admin a) {
        return stage(a.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(READ_TIMEOUT_MS)).listings())
                .thenCompose(listings -> {
                    List<String> names = listings.stream().map(TopicListing::name).toList();
                    if (names.isEmpty()) {
                        return CompletableFuture.completedFuture(Map.<String, TopicDescription>of());
                    }
                    return stage(a.describeTopics(names, new DescribeTopicsOptions().timeoutMs(READ_TIMEOUT_MS))
                            .allTopicNames());
                });
    }

    /**
     * Every consumer group with its state, member count and, per partition it committed on or owns, the
     * committed offset, the log end and the owning member; sorted by group id.
     */
    public CompletableFuture<List<io.partita.app.groups.GroupInfo>> consumerGroups() {
        return withAdmin(a -> stage(a.listConsumerGroups(
                new org.apache.kafka.clients.admin.ListConsumerGroupsOptions().timeoutMs(READ_TIMEOUT_MS)).all())
                .thenCompose(listings -> {
                    List<String> ids = listings.stream().map(org.apache.kafka.clients.admin.ConsumerGroupListing::groupId)
                            .sorted().toList();
                    if (ids.isEmpty()) {
                        return CompletableFuture.completedFuture(List.<io.partita.app.groups.GroupInfo>of());
                    }
                    Map<String, org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec> specs = new java.util.HashMap<>();
                    ids.forEach(id -> specs.put(id, new org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec()));
                    return stage(a.describeConsumerGroups(ids).all())
                            .thenCombine(stage(a.listConsumerGroupOffsets(specs).all()), Map::entry)
                            .thenCompose(both -> withLogEnds(a, ids, both.getKey(), both.getValue()));
                }));
    }

    private CompletableFuture<List<io.partita.app.groups.GroupInfo>> withLogEnds(Admin a, List<String> ids,
            Map<String, org.apache.kafka.clients.admin.ConsumerGroupDescription> descriptions,
            Map<String, Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>> commits) {
        java.util.Set<org.apache.kafka.common.TopicPartition> partitions = new java.util.HashSet<>();
        commits.values().forEach(c -> partitions.addAll(c.keySet()));
        descriptions.values().forEach(d -> d.members().forEach(m -> partitions.addAll(m.assignment().topicPartitions())));
        // Both ends of each partition's offset axis: the group view draws the committed offset between them.
        return logEdges(a, partitions).thenApply(edges -> ids.stream().map(id -> {
            var description = descriptions.get(id);
            Map<org.apache.kafka.common.TopicPartition, String> owners = new java.util.HashMap<>();
            List<io.partita.app.groups.GroupMember> members = description.members().stream()
                    .map(m -> new io.partita.app.groups.GroupMember(m.consumerId(), m.groupInstanceId().orElse(""),
                            m.clientId(), m.host()))
                    .sorted(Comparator.comparing(io.partita.app.groups.GroupMember::clientId)
                            .thenComparing(io.partita.app.groups.GroupMember::memberId))
                    .toList();
            description.members().forEach(m -> m.assignment().topicPartitions()
                    .forEach(tp -> owners.put(tp, m.consumerId())));
            var committed = commits.getOrDefault(id, Map.of());
            java.util.Set<org.apache.kafka.common.TopicPartition> mine = new java.util.TreeSet<>(
                    Comparator.comparing(org.apache.kafka.common.TopicPartition::topic)
                            .thenComparingInt(org.apache.kafka.common.TopicPartition::partition));
            mine.addAll(committed.keySet());
            mine.addAll(owners.keySet());
            List<io.partita.app.groups.PartitionLag> lags = mine.stream().map(tp -> {
                var commit = committed.get(tp);
                long[] edge = edges.getOrDefault(tp, new long[] {0, 0});
                return new io.partita.app.groups.PartitionLag(tp.topic(), tp.partition(), edge[0],
                        commit == null ? io.partita.app.groups.PartitionLag.NO_COMMIT : commit.offset(),
                        edge[1], owners.getOrDefault(tp, ""));
            }).toList();
            return new io.partita.app.groups.GroupInfo(id, description.groupState().toString(), members, lags);
        }).toList());
    }

    /** Each partition's log start and log end, as {start, end}. */
    private CompletableFuture<Map<org.apache.kafka.common.TopicPartition, long[]>> logEdges(Admin a,
            java.util.Set<org.apache.kafka.common.TopicPartition> partitions) {
        return offsetsAt(a, partitions, org.apache.kafka.clients.admin.OffsetSpec.earliest())
                .thenCombine(offsetsAt(a, partitions, org.apache.kafka.clients.admin.OffsetSpec.latest()), (starts, ends) -> {
                    Map<org.apache.kafka.common.TopicPartition, long[]> edges = new java.util.HashMap<>();
                    ends.forEach((tp, end) -> edges.put(tp, new long[] {Math.min(starts.getOrDefault(tp, 0L), end), end}));
                    return edges;
                });
    }

    /**
     * listOffsets with one spec for every partition; -1 where the cluster knows no such offset. A partition the
     * cluster cannot answer for (a deleted topic the group still has commits on) is left out rather than
     * failing the whole list.
     */
    private CompletableFuture<Map<org.apache.kafka.common.TopicPartition, Long>> offsetsAt(Admin a,
            java.util.Collection<org.apache.kafka.common.TopicPartition> partitions,
            org.apache.kafka.clients.admin.OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> specs = new java.util.HashMap<>();
        partitions.forEach(tp -> specs.put(tp, spec));
        var result = a.listOffsets(specs);
        Map<org.apache.kafka.common.TopicPartition, Long> offsets = new java.util.concurrent.ConcurrentHashMap<>();
        CompletableFuture<?>[] each = partitions.stream().map(tp -> stage(result.partitionResult(tp)).handle((info, e) -> {
            if (info != null) {
                offsets.put(tp, info.offset());
            } else {
                log.debug("No offset for {}: {}", tp, io.partita.app.common.Fx.describe(e));
            }
            return null;
        })).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(each).thenApply(v -> offsets);
    }

    // ---------- Consumer groups: reset offsets, delete a group ----------

    /**
     * The preview of a reset of {@code group}'s committed offsets: its current commits (fresh, not the last
     * refresh's) and, from listOffsets, where {@code request} would move each of them. Changes nothing.
     */
    public CompletableFuture<List<io.partita.app.groups.ResetRow>> previewOffsetReset(String group,
            io.partita.app.groups.ResetRequest request) {
        return withAdmin(a -> stage(a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata())
                .thenCompose(commits -> {
                    List<org.apache.kafka.common.TopicPartition> scope = commits.keySet().stream()
                            .filter(tp -> request.covers(tp.topic())).toList();
                    var atTime = request.strategy() == io.partita.app.groups.ResetStrategy.TIMESTAMP
                            ? offsetsAt(a, scope, org.apache.kafka.clients.admin.OffsetSpec.forTimestamp(request.timestampMillis()))
                            : CompletableFuture.completedFuture(Map.<org.apache.kafka.common.TopicPartition, Long>of());
                    return logEdges(a, new java.util.HashSet<>(scope)).thenCombine(atTime, (edges, found) -> scope.stream()
                            .map(tp -> {
                                long[] edge = edges.getOrDefault(tp, new long[] {0, 0});
                                var commit = commits.get(tp);
                                return new io.partita.app.groups.PartitionOffsets(tp.topic(), tp.partition(),
                                        commit == null ? io.partita.app.groups.PartitionLag.NO_COMMIT : commit.offset(),
                                        edge[0], edge[1], found.getOrDefault(tp, io.partita.app.groups.PartitionOffsets.NONE));
                            }).toList());
                })
                .thenApply(offsets -> io.partita.app.groups.ResetPlanner.plan(request, offsets)))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(explainGroupError(group, e)));
    }

    /** Commits the previewed offsets for {@code group}; the coordinator refuses while the group has members. */
    public CompletableFuture<Void> applyOffsetReset(String group, List<io.partita.app.groups.ResetRow> rows) {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets =
                new java.util.HashMap<>();
        rows.forEach(r -> offsets.put(new org.apache.kafka.common.TopicPartition(r.topic(), r.partition()),
                new org.apache.kafka.clients.consumer.OffsetAndMetadata(r.target())));
        log.info("Resetting the offsets of group {} on {} partition(s)", group, offsets.size());
        return withAdmin(a -> stage(a.alterConsumerGroupOffsets(group, offsets).all()))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(explainGroupError(group, e)));
    }

    /** Deletes a consumer group and its committed offsets; the coordinator refuses while it has members. */
    public CompletableFuture<Void> deleteConsumerGroup(String group) {
        log.info("Deleting consumer group {}", group);
        return withAdmin(a -> stage(a.deleteConsumerGroups(List.of(group)).all()))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(explainGroupError(group, e)));
    }

    /** Kafka's answers to "not while it has members" name protocol details; say what they mean. */
    private static Throwable explainGroupError(String group, Throwable failure) {
        Throwable cause = io.partita.app.common.Fx.rootCause(failure);
        if (cause instanceof org.apache.kafka.common.errors.UnknownMemberIdException
                || cause instanceof org.apache.kafka.common.errors.GroupNotEmptyException
                || cause instanceof org.apache.kafka.common.errors.RebalanceInProgressException) {
            return new IllegalStateException("Group " + group + " has active members now. Kafka changes a group's"
                    + " offsets or deletes it only while the group is Empty: stop its consumers, then try again.", cause);
        }
        if (cause instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
            return new IllegalStateException("Group " + group + " no longer exists.", cause);
        }
        return cause;
    }

    /** Creates a topic; fails with the cluster's own error (topic exists, invalid name, too few brokers…). */
    public CompletableFuture<Void> createTopic(String name, int partitions, short replicationFactor) {
        return withAdmin(a -> {
            log.info("Creating topic {} ({} partitions, replication factor {})", name, partitions, replicationFactor);
            return stage(a.createTopics(List.of(new NewTopic(name, partitions, replicationFactor)),
                    new CreateTopicsOptions().timeoutMs(REQUEST_TIMEOUT_MS)).all());
        });
    }

    // ---- Messages: the browser's reads (MessageReader, its own consumer and thread) ----

    /** Up to {@code limit} records of a partition from {@code start} on. */
    public CompletableFuture<io.partita.app.messages.MessagePage> readMessages(String topic, int partition,
            io.partita.app.messages.StartAt start, int limit) {
        MessageReader r = reader;
        return r == null ? notConnected() : toUi(r.read(topic, partition, start, limit));
    }

    /** Up to {@code limit} records just before offset {@code before}: the previous page. */
    public CompletableFuture<io.partita.app.messages.MessagePage> readMessagesBefore(String topic, int partition,
            long before, int limit) {
        MessageReader r = reader;
        return r == null ? notConnected() : toUi(r.readBefore(topic, partition, before, limit));
    }

    /**
     * A page of up to {@code limit} records across {@code partitions}, merged by timestamp (ties by partition, then
     * offset), each partition read from the same {@code start}.
     */
    public CompletableFuture<io.partita.app.messages.BrowsePage> readMessages(String topic, List<Integer> partitions,
            io.partita.app.messages.StartAt start, int limit) {
        MessageReader r = reader;
        return r == null ? notConnected() : toUi(r.readAll(topic, partitions, start, limit));
    }

    /** The page of up to {@code limit} records from each partition's position on (Newer). */
    public CompletableFuture<io.partita.app.messages.BrowsePage> readMessagesFrom(String topic,
            io.partita.app.messages.PagePositions from, int limit) {
        MessageReader r = reader;
        return r == null ? notConnected() : toUi(r.readAllFrom(topic, from, limit));
    }

    /** The page of up to {@code limit} records just before each partition's position (Older). */
    public CompletableFuture<io.partita.app.messages.BrowsePage> readMessagesBefore(String topic,
            io.partita.app.messages.PagePositions before, int limit) {
        MessageReader r = reader;
        return r == null ? notConnected() : toUi(r.readAllBefore(topic, before, limit));
    }

    /**
     * Starts a search on its own thread and returns its handle at once; {@code found} (batches of matches) and
     * {@code progress} are called on the ui executor, and the handle's {@code done()} completes there too.
     */
    public io.partita.app.messages.SearchControl search(io.partita.app.messages.SearchPlan plan,
            Consumer<io.partita.app.messages.SearchProgress> progress,
            Consumer<List<io.partita.app.messages.Message>> found) {
        io.partita.app.messages.SearchControl control = new io.partita.app.messages.SearchControl();
        MessageReader r = reader;
        if (r == null) {
            control.finish(io.partita.app.messages.SearchProgress.refused("Not connected to a cluster"));
            return control;
        }
        Thread thread = new Thread(() -> {
            var last = new Searcher(r, plan, control, p -> ui.execute(() -> progress.accept(p)),
                    m -> ui.execute(() -> found.accept(m))).search();
            ui.execute(() -> control.finish(last));
        }, "partita-search");
        thread.setDaemon(true);
        thread.start();
        return control;
    }

    /**
     * Starts a live tail of {@code partitions} (from their end, with a consumer of its own) and returns its handle
     * at once; {@code arrived} hears new records on the ui executor. Disconnecting stops it.
     */
    public io.partita.app.messages.FollowControl follow(String topic, List<Integer> partitions,
            Consumer<List<io.partita.app.messages.Message>> arrived) {
        io.partita.app.messages.FollowControl control = new io.partita.app.messages.FollowControl();
        Properties client = readerClient;
        if (reader == null || client == null) {
            IllegalStateException refused = new IllegalStateException("Not connected to a cluster");
            control.listening().completeExceptionally(refused);
            control.stopped().completeExceptionally(refused);
            return control;
        }
        Follower follower = new Follower(client, topic, partitions, control,
                m -> ui.execute(() -> arrived.accept(m)), ui);
        tails.add(follower);
        Thread thread = new Thread(() -> {
            try {
                follower.run();
            } finally {
                tails.remove(follower);
            }
        }, "partita-tail");
        thread.setDaemon(true);
        thread.start();
        return control;
    }

    /** Ends a read that waits for records; it completes with what it has read so far. */
    public void cancelRead() {
        MessageReader r = reader;
        if (r != null) {
            r.cancel();
        }
    }

    /** Sends one record (acks=all, idempotent); completes with the partition and offset it landed at. */
    public CompletableFuture<io.partita.app.messages.Delivery> send(io.partita.app.messages.ProduceRequest request) {
        MessageWriter w = writer;
        Admin a = admin;
        if (w == null || a == null) {
            return notConnected();
        }
        return toUi(requireTarget(a, request.topic(), request.partition()).thenCompose(ok -> w.send(request)));
    }

    /**
     * Whether records can go to {@code topic} (and {@code partition}, when one is chosen). Asked of the admin
     * client first, because a producer's metadata request would let a broker auto-create a deleted topic. Fails
     * with an IllegalArgumentException saying what is wrong and that nothing was sent.
     */
    private static CompletableFuture<Void> requireTarget(Admin a, String topic, Integer partition) {
        return stage(a.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                .allTopicNames())
                .handle((topics, failure) -> {
                    if (failure != null) {
                        if (Fx.rootCause(failure) instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                            throw new IllegalArgumentException("Topic " + topic
                                    + " does not exist (was it deleted?). Nothing was sent.");
                        }
                        throw new java.util.concurrent.CompletionException(failure);
                    }
                    int partitions = topics.get(topic).partitions().size();
                    if (partition != null && (partition < 0 || partition >= partitions)) {
                        throw new IllegalArgumentException("Topic " + topic + " has no partition " + partition
                                + " (it has " + partitions + "). Nothing was sent.");
                    }
                    return null;
                });
    }

    /**
     * Starts a replay on its own thread and returns its handle at once; {@code progress} and {@code shown} (for
     * a replay into the app) are called on the ui executor, and the handle's {@code done()} completes there too.
     * A replay to a topic checks first that the topic exists, so it never creates one.
     */
    public io.partita.app.messages.ReplayControl replay(io.partita.app.messages.ReplayPlan plan,
            Consumer<io.partita.app.messages.ReplayProgress> progress,
            Consumer<io.partita.app.messages.Message> shown) {
        io.partita.app.messages.ReplayControl control = new io.partita.app.messages.ReplayControl();
        MessageReader r = reader;
        MessageWriter w = writer;
        Admin a = admin;
        if (r == null || w == null || a == null) {
            control.finish(io.partita.app.messages.ReplayProgress.refused("Not connected to a cluster"));
            return control;
        }
        Thread thread = new Thread(() -> {
            if (plan.target() instanceof io.partita.app.messages.ReplayPlan.ToTopic to) {
                try {
                    a.describeTopics(List.of(to.topic())).allTopicNames().get(API_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    String why = Fx.rootCause(e) instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException
                            ? "Topic " + to.topic() + " does not exist. Nothing was sent."
                            : Fx.describe(ClusterErrors.explain(e));
                    ui.execute(() -> control.finish(io.partita.app.messages.ReplayProgress.refused(why)));
                    return;
                }
            }
            new Replayer(r, w, plan, control, p -> ui.execute(() -> progress.accept(p)),
                    m -> ui.execute(() -> shown.accept(m)), last -> ui.execute(() -> control.finish(last))).run();
        }, "partita-replay");
        thread.setDaemon(true);
        thread.start();
        return control;
    }

    /**
     * Starts a generated batch on its own thread and returns its handle at once; {@code progress} is called on the
     * ui executor while it runs, and the handle's {@code done()} completes there too. Like {@link #send}, it checks
     * first that the topic (and the chosen partition) exists, so it never creates a topic.
     */
    public io.partita.app.messages.BatchControl sendBatch(io.partita.app.messages.BatchPlan plan,
            Consumer<io.partita.app.messages.BatchProgress> progress) {
        io.partita.app.messages.BatchControl control = new io.partita.app.messages.BatchControl();
        MessageWriter w = writer;
        Admin a = admin;
        if (w == null || a == null) {
            ui.execute(() -> control.finish(io.partita.app.messages.BatchProgress.refused(plan.topic(), plan.count(),
                    "Not connected to a cluster")));
            return control;
        }
        Thread thread = new Thread(() -> {
            String why = null;
            try {
                requireTarget(a, plan.topic(), plan.partition()).get(API_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Throwable cause = Fx.rootCause(e);
                why = cause instanceof IllegalArgumentException ? cause.getMessage() : Fx.describe(ClusterErrors.explain(e));
            }
            if (why != null) {
                String refusal = why;
                ui.execute(() -> control.finish(io.partita.app.messages.BatchProgress.refused(plan.topic(),
                        plan.count(), refusal)));
                return;
            }
            new BatchSender(w, plan, control, p -> ui.execute(() -> progress.accept(p)),
                    last -> ui.execute(() -> control.finish(last))).run();
        }, "partita-batch");
        thread.setDaemon(true);
        thread.start();
        return control;
    }

    /**
     * Reads a file to send as a record's value, off the FX thread; fails with a message naming the file when it is
     * missing, unreadable or larger than {@link MessageFiles#MAX_VALUE_BYTES} (the producer's request limit).
     */
    public CompletableFuture<byte[]> readValueFile(java.nio.file.Path file) {
        return toUi(CompletableFuture.supplyAsync(() -> {
            try {
                return MessageFiles.readValue(file);
            } catch (java.io.IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, backgroundThread("partita-value-file")));
    }

    /**
     * Exports the plan's ranges to {@code file} as JSON Lines on a thread of its own; completes with the number
     * of records written. {@code progress} (on the ui executor) hears the count as it grows; after
     * {@code control.cancel()} it fails with a {@link java.util.concurrent.CancellationException} and no file is
     * left behind (an existing {@code file} is untouched).
     */
    public CompletableFuture<Long> exportMessages(io.partita.app.messages.ExportPlan plan, java.nio.file.Path file,
            io.partita.app.messages.TransferControl control,
            Consumer<io.partita.app.messages.TransferProgress> progress) {
        MessageReader r = reader;
        if (r == null) {
            return notConnected();
        }
        return toUi(CompletableFuture.supplyAsync(() -> {
            try {
                log.info("Exporting {} to {}", plan, file);
                return MessageFiles.export(r, plan, file, control, p -> ui.execute(() -> progress.accept(p)));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, backgroundThread("partita-export")));
    }

    /** Exports the given records (the browser's selection) to {@code file}, as {@link #exportMessages} does a range. */
    public CompletableFuture<Long> exportMessages(List<io.partita.app.messages.Message> records,
            java.nio.file.Path file, io.partita.app.messages.TransferControl control,
            Consumer<io.partita.app.messages.TransferProgress> progress) {
        List<io.partita.app.messages.Message> copy = List.copyOf(records);
        return toUi(CompletableFuture.supplyAsync(() -> {
            try {
                log.info("Exporting {} selected records to {}", copy.size(), file);
                return MessageFiles.export(copy, file, control, p -> ui.execute(() -> progress.accept(p)));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, backgroundThread("partita-export")));
    }

    /**
     * Imports a JSON Lines file into the plan's topic (which must exist: it is never created) on a thread of its
     * own; completes with the final progress, records acknowledged of records in the file (fewer after
     * {@code control.cancel()}). A broken line, or a partition the topic lacks, stops it before anything is sent.
     */
    public CompletableFuture<io.partita.app.messages.TransferProgress> importMessages(java.nio.file.Path file,
            io.partita.app.messages.ImportPlan plan, io.partita.app.messages.TransferControl control,
            Consumer<io.partita.app.messages.TransferProgress> progress) {
        MessageWriter w = writer;
        Admin a = admin;
        if (w == null || a == null) {
            return notConnected();
        }
        return toUi(CompletableFuture.supplyAsync(() -> {
            int partitions;
            try {
                partitions = a.describeTopics(List.of(plan.topic())).allTopicNames()
                        .get(API_TIMEOUT_MS, TimeUnit.MILLISECONDS).get(plan.topic()).partitions().size();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(
                        Fx.rootCause(e) instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException
                                ? new IllegalArgumentException("Topic " + plan.topic() + " does not exist. Nothing was sent.")
                                : e);
            }
            try {
                log.info("Importing {} into {}", file, plan);
                return MessageFiles.importFile(w, file, plan, partitions, control,
                        p -> ui.execute(() -> progress.accept(p)));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, backgroundThread("partita-import")));
    }

    /** A one-off daemon thread per long task (export, import): each is rare and may run for minutes. */
    private static java.util.concurrent.Executor backgroundThread(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** The partition the default partitioner picks for {@code key} in a topic of {@code partitions}. */
    public static int partitionForKey(byte[] key, int partitions) {
        return MessageWriter.partitionForKey(key, partitions);
    }

    private <T> CompletableFuture<T> notConnected() {
        return toUi(CompletableFuture.failedFuture(new IllegalStateException("Not connected to a cluster")));
    }

    // ---- Topics tab: sizes and record counts, topic detail, delete, add partitions, configs ----

    /**
     * Per topic of {@code partitions} (a snapshot just read, so every topic is not described again), its size (the
     * leader replicas' sizes from DescribeLogDirs) and record count (latest minus
     * earliest offset from ListOffsets). Each half may fail alone (a cluster that denies DescribeLogDirs still
     * counts records); a topic with any partition unaccounted for gets {@link io.partita.app.topics.TopicStats#UNKNOWN}.
     */
    public CompletableFuture<Map<String, io.partita.app.topics.TopicStats>> topicStats(
            List<io.partita.app.cluster.PartitionRow> partitions) {
        // Thousands of partitions make thousands of request entries and per-partition futures: build them on a
        // background thread, not on the caller's (the FX thread).
        return withAdmin(a -> CompletableFuture.supplyAsync(() -> partitionStats(a, partitions), probes)
                .thenCompose(stats -> stats));
    }

    private CompletableFuture<Map<String, io.partita.app.topics.TopicStats>> partitionStats(Admin a,
            List<io.partita.app.cluster.PartitionRow> partitions) {
        Map<org.apache.kafka.common.TopicPartition, Integer> leaders = new java.util.HashMap<>();
        Map<String, List<org.apache.kafka.common.TopicPartition>> byTopic = new java.util.HashMap<>();
        for (io.partita.app.cluster.PartitionRow row : partitions) {
            var tp = new org.apache.kafka.common.TopicPartition(row.topic(), row.partition());
            byTopic.computeIfAbsent(row.topic(), t -> new java.util.ArrayList<>()).add(tp);
            if (row.leader() != io.partita.app.cluster.PartitionRow.NO_LEADER) {
                leaders.put(tp, row.leader());
            }
        }
        return leaderSizes(a, leaders).thenCombine(offsetRanges(a, leaders.keySet()), (sizes, ranges) -> {
            Map<String, io.partita.app.topics.TopicStats> stats = new java.util.HashMap<>();
            byTopic.forEach((topic, tps) -> {
                long size = 0;
                long records = 0;
                for (var tp : tps) {
                    Long s = sizes.get(tp);
                    long[] range = ranges.get(tp);
                    size = size < 0 || s == null ? -1 : size + s;
                    records = records < 0 || range == null ? -1 : records + (range[1] - range[0]);
                }
                stats.put(topic, new io.partita.app.topics.TopicStats(size, records));
            });
            return stats;
        });
    }

    /** One topic's partitions (leader, replicas, ISR, offsets, size) and configs; configs may fail alone. */
    public CompletableFuture<io.partita.app.topics.TopicDetail> topicDetail(String topic) {
        return withAdmin(a -> stage(a.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                .allTopicNames()).thenCompose(found -> {
            TopicDescription d = found.get(topic);
            CompletableFuture<Map.Entry<List<io.partita.app.topics.TopicConfig>, String>> configs = topicConfigs(a, topic)
                    .<Map.Entry<List<io.partita.app.topics.TopicConfig>, String>>thenApply(c -> Map.entry(c, ""))
                    .exceptionally(e -> Map.entry(List.of(), io.partita.app.common.Fx.describe(e)));
            Map<org.apache.kafka.common.TopicPartition, Integer> leaders = leaders(d);
            return leaderSizes(a, leaders).thenCombine(offsetRanges(a, leaders.keySet()), (sizes, ranges) ->
                    d.partitions().stream().map(p -> {
                        var tp = new org.apache.kafka.common.TopicPartition(topic, p.partition());
                        long[] range = ranges.get(tp);
                        return new io.partita.app.topics.PartitionDetail(p.partition(),
                                p.leader() == null || p.leader().isEmpty() ? io.partita.app.topics.PartitionDetail.NO_LEADER
                                        : p.leader().id(),
                                p.replicas().stream().map(Node::id).toList(), p.isr().stream().map(Node::id).toList(),
                                range == null ? -1 : range[0], range == null ? -1 : range[1], sizes.getOrDefault(tp, -1L));
                    }).toList())
                    .thenCombine(configs, (rows, c) -> new io.partita.app.topics.TopicDetail(topic,
                            d.isInternal() || topic.startsWith("__"), rows, c.getKey(), c.getValue()));
        }));
    }

    /** Deletes a topic and all its records. */
    public CompletableFuture<Void> deleteTopic(String topic) {
        return withAdmin(a -> {
            log.info("Deleting topic {}", topic);
            return stage(a.deleteTopics(List.of(topic),
                    new org.apache.kafka.clients.admin.DeleteTopicsOptions().timeoutMs(REQUEST_TIMEOUT_MS)).all());
        });
    }

    /** Raises a topic's partition count to {@code newTotal} (Kafka never lowers it). */
    public CompletableFuture<Void> addPartitions(String topic, int newTotal) {
        return withAdmin(a -> {
            log.info("Raising topic {} to {} partitions", topic, newTotal);
            return stage(a.createPartitions(Map.of(topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(newTotal)),
                    new org.apache.kafka.clients.admin.CreatePartitionsOptions().timeoutMs(REQUEST_TIMEOUT_MS)).all());
        });
    }

    /** Sets some topic configs and resets others to their inherited value (IncrementalAlterConfigs). */
    public CompletableFuture<Void> alterTopicConfigs(String topic, Map<String, String> set, java.util.Collection<String> reset) {
        var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        List<org.apache.kafka.clients.admin.AlterConfigOp> ops = new java.util.ArrayList<>();
        set.forEach((k, v) -> ops.add(new org.apache.kafka.clients.admin.AlterConfigOp(
                new org.apache.kafka.clients.admin.ConfigEntry(k, v), org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)));
        reset.forEach(k -> ops.add(new org.apache.kafka.clients.admin.AlterConfigOp(
                new org.apache.kafka.clients.admin.ConfigEntry(k, null), org.apache.kafka.clients.admin.AlterConfigOp.OpType.DELETE)));
        return withAdmin(a -> {
            log.info("Altering configs of topic {}: set {}, reset {}", topic, set, reset);
            return stage(a.incrementalAlterConfigs(Map.of(resource, ops),
                    new org.apache.kafka.clients.admin.AlterConfigsOptions().timeoutMs(REQUEST_TIMEOUT_MS)).all());
        });
    }

    /** Creates a topic with config overrides (e.g. retention.ms); fails with the cluster's own error. */
    public CompletableFuture<Void> createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        return withAdmin(a -> {
            log.info("Creating topic {} ({} partitions, replication factor {}, configs {})", name, partitions,
                    replicationFactor, configs);
            return stage(a.createTopics(List.of(new NewTopic(name, partitions, replicationFactor).configs(configs)),
                    new CreateTopicsOptions().timeoutMs(REQUEST_TIMEOUT_MS)).all());
        });
    }

    private CompletableFuture<List<io.partita.app.topics.TopicConfig>> topicConfigs(Admin a, String topic) {
        var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        return stage(a.describeConfigs(List.of(resource), new org.apache.kafka.clients.admin.DescribeConfigsOptions()
                .includeDocumentation(true).timeoutMs(REQUEST_TIMEOUT_MS)).all()).thenApply(all -> all.get(resource).entries()
                .stream().map(e -> new io.partita.app.topics.TopicConfig(e.name(), e.value(),
                        e.source() == org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG,
                        describeSource(e.source()), e.isReadOnly(), e.isSensitive(),
                        e.documentation() == null ? "" : e.documentation()))
                .sorted(Comparator.comparing((io.partita.app.topics.TopicConfig c) -> !c.overridden())
                        .thenComparing(io.partita.app.topics.TopicConfig::name))
                .toList());
    }

    private static String describeSource(org.apache.kafka.clients.admin.ConfigEntry.ConfigSource source) {
        return switch (source) {
            case DYNAMIC_TOPIC_CONFIG -> "topic override";
            case DYNAMIC_BROKER_CONFIG, DYNAMIC_DEFAULT_BROKER_CONFIG, STATIC_BROKER_CONFIG -> "broker config";
            case DEFAULT_CONFIG -> "default";
            default -> source.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    /** The partitions of {@code d} that have a leader, with its id. */
    private static Map<org.apache.kafka.common.TopicPartition, Integer> leaders(TopicDescription d) {
        Map<org.apache.kafka.common.TopicPartition, Integer> leaders = new java.util.HashMap<>();
        d.partitions().stream().filter(p -> p.leader() != null && !p.leader().isEmpty())
                .forEach(p -> leaders.put(new org.apache.kafka.common.TopicPartition(d.name(), p.partition()), p.leader().id()));
        return leaders;
    }

    /**
     * Each partition's size on its leader, from DescribeLogDirs sent to the leaders. A broker that fails to answer
     * leaves its partitions out (unknown) instead of failing the whole map.
     */
    private CompletableFuture<Map<org.apache.kafka.common.TopicPartition, Long>> leaderSizes(Admin a,
            Map<org.apache.kafka.common.TopicPartition, Integer> leaders) {
        if (leaders.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        var perBroker = a.describeLogDirs(java.util.Set.copyOf(leaders.values()),
                new org.apache.kafka.clients.admin.DescribeLogDirsOptions().timeoutMs(REQUEST_TIMEOUT_MS)).descriptions();
        Map<org.apache.kafka.common.TopicPartition, Long> sizes = new java.util.concurrent.ConcurrentHashMap<>();
        CompletableFuture<?>[] answers = perBroker.entrySet().stream().map(e -> stage(e.getValue()).handle((dirs, failure) -> {
            if (failure != null) {
                log.debug("No log dirs from broker {}: {}", e.getKey(), io.partita.app.common.Fx.describe(failure));
                return null;
            }
            // A JBOD broker lists a partition under one dir (plus a "future" copy while it moves): count the current one.
            dirs.values().forEach(dir -> dir.replicaInfos().forEach((tp, info) -> {
                if (!info.isFuture() && e.getKey().equals(leaders.get(tp))) {
                    sizes.merge(tp, info.size(), Long::sum);
                }
            }));
            return null;
        })).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(answers).thenApply(v -> sizes);
    }

    /**
     * Each partition's earliest and latest offset ({@code [start, end]}); for a client, Kafka's "latest" is the high
     * watermark. Partitions without a leader or whose request failed are left out (unknown).
     */
    private CompletableFuture<Map<org.apache.kafka.common.TopicPartition, long[]>> offsetRanges(Admin a,
            java.util.Collection<org.apache.kafka.common.TopicPartition> led) {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> earliest = new java.util.HashMap<>();
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        led.forEach(tp -> {
            earliest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.earliest());
            latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest());
        });
        if (earliest.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        var options = new org.apache.kafka.clients.admin.ListOffsetsOptions().timeoutMs(REQUEST_TIMEOUT_MS);
        var starts = a.listOffsets(earliest, options);
        var ends = a.listOffsets(latest, options);
        Map<org.apache.kafka.common.TopicPartition, long[]> ranges = new java.util.concurrent.ConcurrentHashMap<>();
        CompletableFuture<?>[] answers = earliest.keySet().stream().map(tp -> stage(starts.partitionResult(tp))
                .thenCombine(stage(ends.partitionResult(tp)), (s, e) -> ranges.put(tp, new long[] {s.offset(), e.offset()}))
                .handle((v, failure) -> null)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(answers).thenApply(v -> ranges);
    }

    /**
     * What the admin client (the periodic refresh's client) has sent and received since it connected, from its
     * own metrics; {@link AdminTraffic#NONE} while not connected. For diagnostics and the refresh benchmark.
     */
    public AdminTraffic adminTraffic() {
        Admin a = admin;
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
        if (closed) {
            return;
        }
        closed = true;
        lifecycle.shutdown();
        probes.shutdownNow();
        try {
            if (!lifecycle.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("A cluster operation was still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnectNow();
    }

    /** The same as {@link #close()}, but on the background thread; completes on the ui executor. */
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                close();
                ui.execute(() -> done.complete(null));
            } catch (RuntimeException | Error e) {
                ui.execute(() -> done.completeExceptionally(e));
            }
        }, "partita-shutdown");
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
                    .clusterId().get(API_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            admin = fresh;
            // The browser's consumer and the producer reach the cluster as the admin client does, security included.
            Properties client = new Properties();
            client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            client.putAll(ClientSecurity.properties(profile.security()));
            reader = new MessageReader(client);
            readerClient = client;
            writer = new MessageWriter(client);
            Connection c = new Connection(profile, bootstrapServers, clusterId);
            connection = c;
            log.info("Connected to {} (cluster id {}, {})", bootstrapServers, clusterId, profile.security());
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
        Admin a = admin;
        admin = null;
        connection = null;
        MessageReader r = reader;
        reader = null;
        readerClient = null;
        tails.forEach(Follower::stop); // each closes its own consumer on its own thread
        if (r != null) {
            r.close();
        }
        MessageWriter w = writer;
        writer = null;
        if (w != null) {
            w.close();
        }
        if (a != null) {
            a.close(Duration.ofSeconds(5));
        }
        LocalCluster cluster = localCluster;
        localCluster = null;
        if (cluster != null) {
            log.info("Stopping the local cluster");
            cluster.close();
            log.info("Local cluster stopped");
        }
    }

    private void report(Consumer<String> progress, String line) {
        if (progress != null) {
            ui.execute(() -> progress.accept(line));
        }
    }

    private interface Task<T> {
        T run() throws Exception;
    }

    private <T> CompletableFuture<T> onLifecycle(Task<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("Partita is shutting down"));
            return toUi(result);
        }
        try {
            lifecycle.execute(() -> {
                try {
                    result.complete(task.run());
                } catch (Throwable t) {
                    log.warn("Cluster operation failed: {}", io.partita.app.common.Fx.describe(t));
                    log.debug("Cluster operation failed", t);
                    result.completeExceptionally(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("Partita is shutting down", e));
        }
        return toUi(result);
    }

    private <T> CompletableFuture<T> withAdmin(java.util.function.Function<Admin, CompletionStage<T>> call) {
        Admin a = admin;
        if (a == null) {
            return notConnected();
        }
        CompletableFuture<T> result;
        try {
            result = call.apply(a).toCompletableFuture();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return toUi(result);
    }

    private static <T> CompletableFuture<T> stage(KafkaFuture<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }

    /** A future that completes on the ui executor with the same outcome as {@code source}. */
    private <T> CompletableFuture<T> toUi(CompletableFuture<T> source) {
        CompletableFuture<T> out = new CompletableFuture<>();
        source.whenComplete((value, error) -> ui.execute(() -> {
            if (error != null) {
                out.completeExceptionally(ClusterErrors.explain(error));
            } else {
                out.complete(value);
            }
        }));
        return out;
    }

    private static TopicInfo summarize(TopicDescription d) {
        int rf = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
        int underReplicated = (int) d.partitions().stream().filter(p -> p.isr().size() < p.replicas().size()).count();
        return new TopicInfo(d.name(), d.partitions().size(), rf, underReplicated,
                d.isInternal() || d.name().startsWith("__"));
    }
}
