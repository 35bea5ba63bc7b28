package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of /partita/topics/&lt;name&gt;: the topic id and each partition's replica list (preferred leader
 * first). While a partition is being reassigned, its replica list is the full set (target replicas first, then
 * the original ones leaving), and {@code adding_replicas} / {@code removing_replicas} say which is which, as in
 * Kafka's topic znode since KIP-455. Both are left out of the JSON when empty, so a topic znode without a
 * reassignment is byte for byte what it was before reassignments existed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TopicAssignment(
        @JsonProperty("topic_id") String topicId,
        @JsonProperty("partitions") Map<Integer, List<Integer>> partitions,

        @JsonProperty("adding_replicas") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<Integer, List<Integer>> addingReplicas,

        @JsonProperty("removing_replicas") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<Integer, List<Integer>> removingReplicas) {

    public TopicAssignment {
        partitions = new TreeMap<>(partitions);
        addingReplicas = addingReplicas == null ? new TreeMap<>() : new TreeMap<>(addingReplicas);
        removingReplicas = removingReplicas == null ? new TreeMap<>() : new TreeMap<>(removingReplicas);
    }

    public TopicAssignment(String topicId, Map<Integer, List<Integer>> partitions) {
        this(topicId, partitions, Map.of(), Map.of());
    }

    public int partitionCount() {
        return partitions.size();
    }

    /** The full replica set: during a reassignment, target and original replicas together. */
    public List<Integer> replicas(int partition) {
        return partitions.getOrDefault(partition, List.of());
    }

    public List<Integer> adding(int partition) {
        return addingReplicas.getOrDefault(partition, List.of());
    }

    public List<Integer> removing(int partition) {
        return removingReplicas.getOrDefault(partition, List.of());
    }

    public boolean isReassigning(int partition) {
        return !adding(partition).isEmpty() || !removing(partition).isEmpty();
    }

    @JsonIgnore
    public boolean isReassigning() {
        return !addingReplicas.isEmpty() || !removingReplicas.isEmpty();
    }

    /** Where a reassignment is going: the full set without the replicas leaving. */
    public List<Integer> targetReplicas(int partition) {
        List<Integer> target = new ArrayList<>(replicas(partition));
        target.removeAll(removing(partition));
        return target;
    }

    /** Where a reassignment came from: the full set without the replicas joining. */
    public List<Integer> originalReplicas(int partition) {
        List<Integer> original = new ArrayList<>(replicas(partition));
        original.removeAll(adding(partition));
        return original;
    }

    /** The replication factor new partitions get: that of partition 0 once its reassignment (if any) is done. */
    @JsonIgnore
    public int replicationFactor() {
        return targetReplicas(partitions.keySet().iterator().next()).size();
    }

    /** This assignment with one partition's replica set (and reassignment state) replaced. */
    public TopicAssignment withPartition(
            int partition, List<Integer> replicas, List<Integer> adding, List<Integer> removing) {
        Map<Integer, List<Integer>> all = new TreeMap<>(partitions);
        Map<Integer, List<Integer>> add = new TreeMap<>(addingReplicas);
        Map<Integer, List<Integer>> remove = new TreeMap<>(removingReplicas);
        all.put(partition, List.copyOf(replicas));
        put(add, partition, adding);
        put(remove, partition, removing);
        return new TopicAssignment(topicId, all, add, remove);
    }

    /** This assignment with partitions added (CreatePartitions), keeping any reassignment in progress. */
    public TopicAssignment withAddedPartitions(Map<Integer, List<Integer>> added) {
        Map<Integer, List<Integer>> all = new TreeMap<>(partitions);
        all.putAll(added);
        return new TopicAssignment(topicId, all, addingReplicas, removingReplicas);
    }

    private static void put(Map<Integer, List<Integer>> map, int partition, List<Integer> replicas) {
        if (replicas.isEmpty()) {
            map.remove(partition);
        } else {
            map.put(partition, List.copyOf(replicas));
        }
    }
}
