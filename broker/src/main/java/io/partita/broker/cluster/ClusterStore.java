package io.partita.broker.cluster;

import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
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
        for (String path : List.of(ZkPaths.BROKER_IDS, ZkPaths.TOPICS, ZkPaths.TOPIC_CONFIGS, ZkPaths.BROKER_CONFIGS,
                ZkPaths.DELETE_TOPICS, ZkPaths.ROOT + "/seq")) {
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
            client.transaction().forOperations(
                    client.transactionOp().create().forPath(ZkPaths.topicConfig(name),
                            Json.write(new ConfigOverrides(configs))),
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

    /** Adds partitions by rewriting the assignment, conditional on it being unchanged since it was read. */
    public void addPartitions(String name, TopicAssignment expanded, int expectedCount) throws Exception {
        Stat stat = new Stat();
        byte[] current;
        try {
            current = client.getData().storingStatIn(stat).forPath(ZkPaths.topic(name));
        } catch (KeeperException.NoNodeException e) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist.");
        }
        if (Json.read(current, TopicAssignment.class).partitionCount() != expectedCount) {
            throw new InvalidPartitionsException("Topic '" + name + "' changed its partitions concurrently.");
        }
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
    public Map<String, String> updateTopicConfig(String name,
                                                 java.util.function.UnaryOperator<Map<String, String>> change)
            throws Exception {
        while (true) {
            Stat stat = new Stat();
            byte[] current;
            try {
                current = client.getData().storingStatIn(stat).forPath(ZkPaths.topicConfig(name));
            } catch (KeeperException.NoNodeException e) {
                throw new UnknownTopicOrPartitionException("Topic " + name + " does not exist.");
            }
            Map<String, String> updated = change.apply(new java.util.TreeMap<>(
                    Json.read(current, ConfigOverrides.class).config()));
            try {
                client.setData().withVersion(stat.getVersion())
                        .forPath(ZkPaths.topicConfig(name), Json.write(new ConfigOverrides(updated)));
                return updated;
            } catch (KeeperException.BadVersionException raced) {
                // another alter got there first: apply ours to its result
            } catch (KeeperException.NoNodeException e) {
                throw new UnknownTopicOrPartitionException("Topic " + name + " does not exist.");
            }
        }
    }

    /**
     * A leader's ISR change (Kafka's ZooKeeper-era path): a write of the whole state, conditional on the version
     * the leader read. Returns the new version; BadVersionException if the controller (or anyone) wrote since.
     */
    public int writePartitionState(org.apache.kafka.common.TopicPartition tp, PartitionState state, int expectedVersion)
            throws Exception {
        return client.setData().withVersion(expectedVersion)
                .forPath(ZkPaths.partitionState(tp.topic(), tp.partition()), Json.write(state)).getVersion();
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
            ProducerIdBlock next = new ProducerIdBlock(brokerId, last.blockEnd() + 1,
                    last.blockEnd() + PRODUCER_ID_BLOCK_SIZE);
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
            return new String(client.getData().forPath(ZkPaths.CLUSTER_ID), java.nio.charset.StandardCharsets.UTF_8);
        } catch (KeeperException.NoNodeException e) {
            String fresh = org.apache.kafka.common.Uuid.randomUuid().toString();
            try {
                client.create().creatingParentsIfNeeded().forPath(ZkPaths.CLUSTER_ID,
                        fresh.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
    public org.apache.curator.framework.recipes.nodes.PersistentNode registration(BrokerRegistration registration) {
        return new org.apache.curator.framework.recipes.nodes.PersistentNode(client, CreateMode.EPHEMERAL, false,
                ZkPaths.broker(registration.id()), Json.write(registration));
    }
}
