package io.partita.broker.group;

import java.util.Map;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.utils.Utils;

/** The internal topic holding committed offsets and group metadata, and which of its partitions holds a group. */
public final class OffsetsTopic {
    public static final String NAME = Topic.GROUP_METADATA_TOPIC_NAME;

    /** Compacted, as Kafka creates it: only the latest offset per partition and the latest metadata per group matter. */
    public static final Map<String, String> CONFIGS = Map.of("cleanup.policy", "compact");

    private OffsetsTopic() {}

    /** Kafka's mapping, so a group lands on the same partition number as it would in Kafka. */
    public static int partitionFor(String groupId, int partitions) {
        return Utils.abs(groupId.hashCode()) % partitions;
    }

    /** The replication factor to create the topic with: configured, or the smaller of 3 and the live node count. */
    public static short replicationFactor(GroupConfig config, int liveNodes) {
        if (config.offsetsTopicReplicationFactor() > 0) {
            return config.offsetsTopicReplicationFactor();
        }
        return (short) Math.max(1, Math.min(3, liveNodes));
    }
}
