package io.partita.broker.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The writes a node makes to ZooKeeper on behalf of clients: topics, configs, deletion requests and
 * producer-id blocks, and, as a partition's leader, its ISR. Blocking calls: never on a network thread.
 * Partition states are otherwise the controller's ({@link Controller}): it creates them and elects leaders.
 */
public final class ClusterStore {
    private static final int PRODUCER_ID_BLOCK_SIZE = 1000;

    private final CuratorFramework client;

    public ClusterStore(CuratorFramework client) {
        this.client = client;
    }

    /** Creates the persistent parents of the layout, once per cluster (idempotent). */
    public void ensureLayout() throws Exception {
        for (String path : List.of(
                ZkPaths.BROKER_IDS,
                ZkPaths.TOPICS,
                ZkPaths.TOPIC_CONFIGS,
                ZkPaths.BROKER_CONFIGS,
                ZkPaths.DELETE_TOPICS,
                ZkPaths.ELECT_LEADERS,
                ZkPaths.REASSIGN_PARTITIONS,
                ZkPaths.ROOT + "/seq")) {
            try {
                client.create().creatingParentsIfNeeded().forPath(path);
            } catch (KeeperException.NodeExistsException alreadyThere) {
                // another node made it first
            }
        }
    }

    /** Writes the topic and its config in one transaction; the controller then creates partition states. */
    public void createTopic(String name, TopicAssignment assignment, Map<String, String> configs) throws Exception {
        try {
            client.transaction()
                    .forOperations(
                            client.transactionOp()
                                    .create()
                                    .forPath(ZkPaths.topicConfig(name), Json.write(new ConfigOverrides(configs))),
                            client.transactionOp().create().forPath(ZkPaths.topic(name), Json.write(assignment)));
        } catch (KeeperException.NodeExistsException e) {
            throw new TopicExistsException("Topic '" + name + "' already exists.");
        }
    }

    /** Asks the controller to delete a topic (Kafka's /admin/delete_topics). */
    public void markForDeletion(String name) throws Exception {
        if (client.checkExists().forPath(ZkPaths.topic(name)) == null) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist.");
        }
        try {
            client.create().forPath(ZkPaths.deleteTopic(name));
        } catch (KeeperException.NodeExistsException alreadyMarked) {
            // deletion is already under way
        }
    }

    /**
     * Adds partitions by rewriting the assignment read here, conditional on it being unchanged since then. The
     * additions are applied to what ZooKeeper holds (not to the caller's snapshot), so a reassignment step the
     * controller wrote meanwhile is kept.
     */
    public void addPartitions(String name, Map<Integer, List<Integer>> added, int expectedCount) throws Exception {
        Stat stat = new Stat();
        byte[] current;
        try {
            current = client.getData().storingStatIn(stat).forPath(ZkPaths.topic(name));
        } catch (KeeperException.NoNodeException e) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist.");
        }
        TopicAssignment assignment = Json.read(current, TopicAssignment.class);
        if (assignment.partitionCount() != expectedCount) {
            throw new InvalidPartitionsException("Topic '" + name + "' changed its partitions concurrently.");
        }
        TopicAssignment expanded = assignment.withAddedPartitions(added);
        try {
            client.setData().withVersion(stat.getVersion()).forPath(ZkPaths.topic(name), Json.write(expanded));
        } catch (KeeperException.BadVersionException e) {
            throw new InvalidPartitionsException("Topic '" + name + "' changed its partitions concurrently.");
        }
    }

    /**
     * Replaces a topic's overrides with {@code change} applied to what ZooKeeper holds now, conditional on
     * the version read (retried on a concurrent change), so two alters through different nodes never lose
     * one another. Returns the overrides written. The config znode is created with the topic; a missing one
     * means the topic is gone, and is not re-created (that would block re-creating the topic).
     */
    public Map<String, String> updateTopicConfig(String name, UnaryOperator<Map<String, String>> change)
            throws Exception {
        while (true) {
            Stat stat = new Stat();
            byte[] current;
            try {
                current = client.getData().storingStatIn(stat).forPath(ZkPaths.topicConfig(name));
            } catch (KeeperException.NoNodeException e) {
                throw new UnknownTopicOrPartitionException("Topic " + name + " does not exist.");
            }
            Map<String, String> updated = change.apply(
                    new TreeMap<>(Json.read(current, ConfigOverrides.class).config()));
            try {
                client.setData()
                        .withVersion(stat.getVersion())
                        .forPath(ZkPaths.topicConfig(name), Json.write(new ConfigOverrides(updated)));
                return updated;
            } catch (KeeperException.BadVersionException raced) {
                // another alter got there first: apply ours to its result
            } catch (KeeperException.NoNodeException e) {
                throw new UnknownTopicOrPartitionException("Topic " + name + " does not exist.");
            }
        }
    }

    /** Queues an ElectLeaders request for the controller; returns the request's znode path. */
    public String submitElection(ElectionRequest request) throws Exception {
        return client.create()
                .withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(ZkPaths.electionRequestPrefix(), Json.write(request));
    }

    /** Queues an AlterPartitionReassignments request for the controller; returns the request's znode path. */
    public String submitReassignment(ReassignmentRequest request) throws Exception {
        return client.create()
                .withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(ZkPaths.reassignmentRequestPrefix(), Json.write(request));
    }

    /**
     * Removes an answered (or abandoned) admin request. Deleting one the controller has not taken yet withdraws
     * it: the controller's write of the results then fails as a whole, so it is either done or not at all.
     */
    public void deleteRequest(String path) throws Exception {
        try {
            client.delete().forPath(path);
        } catch (KeeperException.NoNodeException gone) {
            // already removed
        }
    }

    /**
     * A leader's ISR change (Kafka's ZooKeeper-era path): a write of the whole state, conditional on the version
     * the leader read. Returns the new version; BadVersionException if the controller (or anyone) wrote since.
     */
    public int writePartitionState(TopicPartition tp, PartitionState state, int expectedVersion) throws Exception {
        return client.setData()
                .withVersion(expectedVersion)
                .forPath(ZkPaths.partitionState(tp.topic(), tp.partition()), Json.write(state))
                .getVersion();
    }

    /** Claims the next block of producer ids with a compare-and-set on /partita/seq/producer_id. */
    public ProducerIdBlock allocateProducerIdBlock(int brokerId) throws Exception {
        while (true) {
            Stat stat = new Stat();
            byte[] data;
            try {
                data = client.getData().storingStatIn(stat).forPath(ZkPaths.PRODUCER_ID_BLOCK);
            } catch (KeeperException.NoNodeException e) {
                ProducerIdBlock first = new ProducerIdBlock(brokerId, 0, PRODUCER_ID_BLOCK_SIZE - 1);
                try {
                    client.create().creatingParentsIfNeeded().forPath(ZkPaths.PRODUCER_ID_BLOCK, Json.write(first));
                    return first;
                } catch (KeeperException.NodeExistsException raced) {
                    continue;
                }
            }
            ProducerIdBlock last = Json.read(data, ProducerIdBlock.class);
            ProducerIdBlock next =
                    new ProducerIdBlock(brokerId, last.blockEnd() + 1, last.blockEnd() + PRODUCER_ID_BLOCK_SIZE);
            try {
                client.setData().withVersion(stat.getVersion()).forPath(ZkPaths.PRODUCER_ID_BLOCK, Json.write(next));
                return next;
            } catch (KeeperException.BadVersionException raced) {
                // another node took this block; read again
            }
        }
    }

    /** The cluster id, created by the first node of a new cluster (Kafka's /cluster/id). */
    public String clusterId() throws Exception {
        try {
            return new String(client.getData().forPath(ZkPaths.CLUSTER_ID), StandardCharsets.UTF_8);
        } catch (KeeperException.NoNodeException e) {
            String fresh = Uuid.randomUuid().toString();
            try {
                client.create()
                        .creatingParentsIfNeeded()
                        .forPath(ZkPaths.CLUSTER_ID, fresh.getBytes(StandardCharsets.UTF_8));
                return fresh;
            } catch (KeeperException.NodeExistsException raced) {
                return clusterId();
            }
        }
    }

    /**
     * Keeps a node's ephemeral registration znode in place: Curator re-creates it after a session loss, so a
     * node whose session expired rejoins by itself.
     */
    public PersistentNode registration(BrokerRegistration registration) {
        return new PersistentNode(
                client, CreateMode.EPHEMERAL, false, ZkPaths.broker(registration.id()), Json.write(registration));
    }

    /** Rewrites a node's registration (its state), keeping the znode Curator maintains. */
    public static void updateRegistration(PersistentNode node, BrokerRegistration registration) throws Exception {
        node.setData(Json.write(registration));
    }
}
