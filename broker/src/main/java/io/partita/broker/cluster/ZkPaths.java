package io.partita.broker.cluster;

/** The znode layout of ARCHITECTURE.md: Kafka's pre-KRaft layout under a fixed /partita prefix. */
public final class ZkPaths {
    public static final String ROOT = "/partita";
    public static final String BROKER_IDS = ROOT + "/brokers/ids";
    public static final String CONTROLLER = ROOT + "/controller";
    public static final String CONTROLLER_EPOCH = ROOT + "/controller_epoch";
    public static final String TOPICS = ROOT + "/topics";
    public static final String TOPIC_CONFIGS = ROOT + "/config/topics";
    public static final String BROKER_CONFIGS = ROOT + "/config/brokers";
    public static final String DELETE_TOPICS = ROOT + "/admin/delete_topics";
    public static final String REASSIGN_PARTITIONS = ROOT + "/admin/reassign_partitions";
    public static final String ELECT_LEADERS = ROOT + "/admin/preferred_replica_election";
    public static final String PRODUCER_ID_BLOCK = ROOT + "/seq/producer_id";
    public static final String CLUSTER_ID = ROOT + "/cluster/id";

    private ZkPaths() {}

    public static String broker(int id) {
        return BROKER_IDS + "/" + id;
    }

    public static String topic(String name) {
        return TOPICS + "/" + name;
    }

    public static String partitions(String topic) {
        return topic(topic) + "/partitions";
    }

    public static String partition(String topic, int partition) {
        return partitions(topic) + "/" + partition;
    }

    public static String partitionState(String topic, int partition) {
        return partition(topic, partition) + "/state";
    }

    public static String topicConfig(String name) {
        return TOPIC_CONFIGS + "/" + name;
    }

    public static String deleteTopic(String name) {
        return DELETE_TOPICS + "/" + name;
    }

    /** Prefix of the sequential znodes of ElectLeaders requests. */
    public static String electionRequestPrefix() {
        return ELECT_LEADERS + "/request-";
    }

    /** Prefix of the sequential znodes of AlterPartitionReassignments requests. */
    public static String reassignmentRequestPrefix() {
        return REASSIGN_PARTITIONS + "/request-";
    }

    /** The last path element. */
    public static String leaf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
