package io.partita.app.client.cluster;

import static io.partita.app.client.core.ClientSession.READ_TIMEOUT_MS;
import static io.partita.app.client.core.ClientSession.stage;

import io.partita.app.client.core.ClientSession;
import io.partita.app.client.core.Connection;
import io.partita.app.client.core.PerConnection;
import io.partita.app.client.core.SecuritySettings;
import io.partita.broker.local.LocalCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's metadata as the workspace shows it (brokers, every partition, the topic list, in one read per
 * refresh) and, for a local cluster, its nodes: which are down, and stopping, killing and starting them.
 */
public final class ClusterClient {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterClient.class);

    private final ClientSession session;

    /** The connections to each broker for replica positions, one set per connection. */
    private final PerConnection<PositionReader> positions;

    public ClusterClient(ClientSession session) {
        this.session = session;
        this.positions = new PerConnection<>(session, settings -> new PositionReader());
    }

    /** The cluster id and live brokers, controller marked. */
    public CompletableFuture<ClusterOverview> describeCluster() {
        return session.withAdmin(this::overview);
    }

    /**
     * The cluster map: live brokers, every partition of every topic (internal ones included) with its leader,
     * ISR, offline replicas and replica positions, and, for a local cluster, its nodes that are down.
     */
    public CompletableFuture<ClusterMap> clusterMap() {
        return snapshot(true).thenApply(ClusterSnapshot::map);
    }

    /**
     * Everything the workspace's periodic refresh shows from one DescribeCluster and one topic description
     * round: the brokers, the cluster map and the topic list. Reading it once for all views, instead of once per
     * view, keeps a refresh of a cluster with thousands of partitions to one copy of its metadata.
     *
     * @param withPositions also read where each replica's log ends, which costs requests to every broker: only
     *     the map shows them
     */
    public CompletableFuture<ClusterSnapshot> snapshot(boolean withPositions) {
        Map<Integer, String> known = localNodeAddresses();
        // The positions are read inside the admin call, so that the whole snapshot completes on the ui executor.
        return session.withAdmin(a -> {
            CompletableFuture<ClusterSnapshot> snapshot = overview(a)
                    .thenCombine(partitions(a), (overview, descriptions) -> assemble(overview, descriptions, known));
            return withPositions ? snapshot.thenCompose(this::withPositions) : snapshot;
        });
    }

    /**
     * The map narrowed to one partition, with where each of its replicas is: the brokers, and the partition's row
     * with its leader, ISR and positions. It costs one topic's description and a ListOffsets per replica, so the
     * partition log view can read it several times a second; empty when the partition does not exist (any more).
     */
    public CompletableFuture<Optional<ClusterMap>> partitionMap(String topic, int partition) {
        Map<Integer, String> known = localNodeAddresses();
        String key = PartitionRow.key(topic, partition);
        return session.withAdmin(a -> overview(a)
                .thenCombine(
                        stage(a.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(READ_TIMEOUT_MS))
                                .allTopicNames()),
                        (overview, descriptions) -> assemble(overview, descriptions, known))
                .thenCompose(snapshot -> {
                    ClusterMap whole = snapshot.map();
                    Optional<PartitionRow> row = whole.rows().stream()
                            .filter(r -> r.key().equals(key))
                            .findFirst();
                    if (row.isEmpty()) {
                        return CompletableFuture.completedFuture(Optional.<ClusterMap>empty());
                    }
                    ClusterMap one = new ClusterMap(whole.brokers(), List.of(row.get()), whole.unreadable());
                    return withPositions(new ClusterSnapshot(snapshot.overview(), one, List.of()))
                            .thenApply(placed -> Optional.of(placed.map()));
                }));
    }

    private ClusterSnapshot assemble(
            ClusterOverview overview, Map<String, TopicDescription> descriptions, Map<Integer, String> known) {
        Set<Integer> live = overview.brokers().stream().map(BrokerInfo::id).collect(Collectors.toSet());
        List<PartitionRow> rows = new ArrayList<>();
        for (TopicDescription d : descriptions.values()) {
            boolean internal = d.isInternal() || d.name().startsWith("__");
            for (TopicPartitionInfo p : d.partitions()) {
                List<Integer> replicas = p.replicas().stream().map(Node::id).toList();
                rows.add(new PartitionRow(
                        d.name(),
                        p.partition(),
                        replicas,
                        p.leader() == null || p.leader().isEmpty()
                                ? PartitionRow.NO_LEADER
                                : p.leader().id(),
                        p.isr().stream().map(Node::id).toList(),
                        replicas.stream().filter(r -> !live.contains(r)).toList(),
                        internal));
            }
        }
        var map = ClusterMap.of(overview, rows, known)
                .withStopped(stoppedLocalNodes())
                .withUnreadable(unreadableLocalNodes());
        List<TopicInfo> topics = descriptions.values().stream()
                .map(ClusterClient::summarize)
                .sorted(Comparator.comparing(TopicInfo::name))
                .toList();
        return new ClusterSnapshot(overview, map, topics);
    }

    /**
     * The snapshot with each replica's position, read off the FX thread from the brokers themselves; on a
     * secured connection (the reader speaks plain Kafka only) the positions stay unknown.
     */
    private CompletableFuture<ClusterSnapshot> withPositions(ClusterSnapshot snapshot) {
        Connection connection = session.connection();
        if (connection == null || connection.profile().security().protocol() != SecuritySettings.Protocol.PLAINTEXT) {
            return CompletableFuture.completedFuture(snapshot);
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    PositionReader reader = positions.get();
                    return reader == null
                            ? snapshot
                            : new ClusterSnapshot(
                                    snapshot.overview(),
                                    snapshot.map().withPositions(reader.read(snapshot.map())),
                                    snapshot.topics());
                },
                session.work());
    }

    /** The nodes of the local cluster (id to address), running or not; empty when connected elsewhere. */
    private Map<Integer, String> localNodeAddresses() {
        LocalCluster cluster = session.localCluster();
        if (cluster == null) {
            return Map.of();
        }
        Map<Integer, String> nodes = new TreeMap<>();
        cluster.nodes().forEach(n -> nodes.put(n.id(), "127.0.0.1:" + n.port()));
        return nodes;
    }

    /** The ids of the local cluster's nodes that are not running (stopped or killed here); empty when remote. */
    public Set<Integer> stoppedLocalNodes() {
        LocalCluster cluster = session.localCluster();
        if (cluster == null) {
            return Set.of();
        }
        return cluster.nodes().stream()
                .filter(n -> !n.isRunning())
                .map(n -> n.id())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The local cluster's nodes that are down because their data did not open, with why; empty when remote. */
    public Map<Integer, String> unreadableLocalNodes() {
        LocalCluster cluster = session.localCluster();
        return cluster == null ? Map.of() : cluster.unreadableNodes();
    }

    /** Whether the app runs the cluster itself, so it can stop, kill and start its nodes. */
    public boolean controlsNodes() {
        return session.localCluster() != null;
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
        return session.onLifecycle(() -> {
            LocalCluster cluster = session.localCluster();
            if (cluster == null) {
                throw new IllegalStateException("Only the nodes of a local cluster can be started and stopped here");
            }
            LOG.info("{} node {}", verb, id);
            action.apply(cluster);
            return null;
        });
    }

    private CompletableFuture<ClusterOverview> overview(Admin a) {
        DescribeClusterResult result = a.describeCluster(new DescribeClusterOptions().timeoutMs(READ_TIMEOUT_MS));
        return stage(result.clusterId())
                .thenCombine(
                        stage(result.controller()),
                        (id, controller) -> Map.entry(id == null ? "" : id, controller == null ? -1 : controller.id()))
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
        return stage(a.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(READ_TIMEOUT_MS))
                        .listings())
                .thenCompose(listings -> {
                    List<String> names =
                            listings.stream().map(TopicListing::name).toList();
                    if (names.isEmpty()) {
                        return CompletableFuture.completedFuture(Map.<String, TopicDescription>of());
                    }
                    return stage(a.describeTopics(names, new DescribeTopicsOptions().timeoutMs(READ_TIMEOUT_MS))
                            .allTopicNames());
                });
    }

    private static TopicInfo summarize(TopicDescription d) {
        int rf = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
        int underReplicated = (int) d.partitions().stream()
                .filter(p -> p.isr().size() < p.replicas().size())
                .count();
        return new TopicInfo(
                d.name(),
                d.partitions().size(),
                rf,
                underReplicated,
                d.isInternal() || d.name().startsWith("__"));
    }
}
