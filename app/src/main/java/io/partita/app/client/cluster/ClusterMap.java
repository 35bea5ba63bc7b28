package io.partita.app.client.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the cluster map draws: brokers (live or down) as columns, partitions as rows, and the local nodes
 * that are down because their data does not open (id to why).
 */
public record ClusterMap(List<BrokerColumn> brokers, List<PartitionRow> rows, Map<Integer, String> unreadable) {
    public static final ClusterMap EMPTY = new ClusterMap(List.of(), List.of());

    public ClusterMap {
        brokers = List.copyOf(brokers);
        rows = List.copyOf(rows);
        unreadable = Map.copyOf(new TreeMap<>(unreadable));
    }

    public ClusterMap(List<BrokerColumn> brokers, List<PartitionRow> rows) {
        this(brokers, rows, Map.of());
    }

    /** The same map with the replica positions read (by partition key); rows not in it stay unknown. */
    public ClusterMap withPositions(Map<String, PartitionPositions> positions) {
        if (positions.isEmpty()) {
            return this;
        }
        List<PartitionRow> placed = rows.stream()
                .map(row -> positions.containsKey(row.key()) ? row.withPositions(positions.get(row.key())) : row)
                .toList();
        return new ClusterMap(brokers, placed, unreadable);
    }

    /**
     * This map with what a read of a few of its partitions says ({@code narrowed}): that read's brokers, and its
     * rows in place of theirs. Partitions it does not hold stay as they are.
     */
    public ClusterMap merging(ClusterMap narrowed) {
        Map<String, PartitionRow> fresh = new HashMap<>();
        narrowed.rows().forEach(r -> fresh.put(r.key(), r));
        List<PartitionRow> merged =
                rows.stream().map(r -> fresh.getOrDefault(r.key(), r)).toList();
        return new ClusterMap(narrowed.brokers().isEmpty() ? brokers : narrowed.brokers(), merged, unreadable);
    }

    /** The same map, with the local nodes whose data did not open at their last start. */
    public ClusterMap withUnreadable(Map<Integer, String> nodes) {
        return nodes.equals(unreadable) ? this : new ClusterMap(brokers, rows, nodes);
    }

    /**
     * Builds the map from what the cluster says: its live brokers and its partitions. Brokers named as replicas
     * but not live, and brokers the app knows of otherwise ({@code knownBrokers}, e.g. the nodes of a local
     * cluster with their addresses), become columns marked down. Rows are sorted by topic, then partition.
     */
    public static ClusterMap of(
            ClusterOverview overview, Collection<PartitionRow> partitions, Map<Integer, String> knownBrokers) {
        Map<Integer, BrokerColumn> columns = new TreeMap<>();
        for (BrokerInfo broker : overview.brokers()) {
            columns.put(
                    broker.id(),
                    new BrokerColumn(broker.id(), broker.address(), broker.rack(), broker.controller(), true));
        }
        knownBrokers.forEach(
                (id, address) -> columns.putIfAbsent(id, new BrokerColumn(id, address, null, false, false)));
        for (PartitionRow row : partitions) {
            for (int replica : row.replicas()) {
                columns.putIfAbsent(replica, new BrokerColumn(replica, "", null, false, false));
            }
        }
        List<PartitionRow> rows = new ArrayList<>(partitions);
        rows.sort(Comparator.comparing(PartitionRow::topic).thenComparingInt(PartitionRow::partition));
        return new ClusterMap(new ArrayList<>(columns.values()), rows);
    }

    /**
     * The same map with the nodes in {@code stopped} marked down: a local node the app stopped or killed is
     * down at once, while the cluster only notices when its ZooKeeper session expires (or, with every node
     * down, cannot say anything at all).
     */
    public ClusterMap withStopped(Set<Integer> stopped) {
        if (stopped.isEmpty()) {
            return this;
        }
        List<BrokerColumn> columns = brokers.stream()
                .map(b -> stopped.contains(b.id()) ? new BrokerColumn(b.id(), b.address(), b.rack(), false, false) : b)
                .toList();
        return new ClusterMap(columns, rows, unreadable);
    }
}
