package io.partita.broker.cluster;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many partition replicas each node holds, against the limit it published in its registration
 * ({@code partita.max.partitions}: what its LMDB environment has databases for). Admin requests that would pass
 * a node's limit are refused up front: before, CreateTopics reported success and the partitions past the limit
 * never got a leader, because the node could not open their logs.
 */
public final class PartitionLimits {
    /** A node warns in its log once it holds this share of its limit. */
    public static final double WARNING_SHARE = 0.8;

    private PartitionLimits() {}

    /** Replicas each node holds now: full replica sets, so a partition being reassigned counts on both ends. */
    public static Map<Integer, Integer> replicaCounts(ClusterSnapshot snapshot) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (TopicAssignment topic : snapshot.topics().values()) {
            for (List<Integer> replicas : topic.partitions().values()) {
                replicas.forEach(id -> counts.merge(id, 1, Integer::sum));
            }
        }
        return counts;
    }

    /**
     * Why adding these replicas (node ids, one entry per new replica) would pass a node's limit, or empty when
     * they fit. Nodes that published no limit (an older registration) are not checked.
     */
    public static Optional<String> exceeded(ClusterSnapshot snapshot, Collection<Integer> addedReplicas) {
        Map<Integer, Integer> added = new TreeMap<>();
        addedReplicas.forEach(id -> added.merge(id, 1, Integer::sum));
        Map<Integer, Integer> now = replicaCounts(snapshot);
        for (Map.Entry<Integer, Integer> entry : added.entrySet()) {
            int node = entry.getKey();
            BrokerRegistration registration = snapshot.brokers().get(node);
            int limit = registration == null ? 0 : registration.maxPartitions();
            int holds = now.getOrDefault(node, 0);
            if (limit > 0 && holds + entry.getValue() > limit) {
                return Optional.of(String.format(
                        "Broker %d would hold %,d partitions, more than its"
                                + " partita.max.partitions of %,d (it holds %,d now and this request adds %,d). Raise the"
                                + " limit on that node, or place the partitions on other brokers.",
                        node, holds + entry.getValue(), limit, holds, entry.getValue()));
            }
        }
        return Optional.empty();
    }

    /** The replicas of a set of new or changed partitions, flattened for {@link #exceeded}. */
    public static List<Integer> replicasOf(Collection<List<Integer>> replicaSets) {
        return replicaSets.stream().flatMap(List::stream).toList();
    }
}
