package io.partita.app.client.cluster;

import java.util.List;

/**
 * One read of a cluster's metadata for every view that shows it: the brokers, the cluster map and the topic
 * list (sorted by name, internal topics included).
 */
public record ClusterSnapshot(ClusterOverview overview, ClusterMap map, List<TopicInfo> topics) {
    public ClusterSnapshot {
        topics = List.copyOf(topics);
    }
}
