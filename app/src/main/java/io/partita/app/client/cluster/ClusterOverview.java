package io.partita.app.client.cluster;

import java.util.List;

/** What DescribeCluster says: the cluster id and its live brokers, sorted by id. */
public record ClusterOverview(String clusterId, List<BrokerInfo> brokers) {
    public ClusterOverview {
        brokers = List.copyOf(brokers);
    }
}
