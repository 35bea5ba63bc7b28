package io.partita.broker.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * One consistent, immutable picture of the cluster's metadata as ZooKeeper holds it: live brokers, the
 * controller, topics with their ids and assignments, partition states and topic config overrides. Readers
 * take a snapshot and never see it change under them.
 */
public final class ClusterSnapshot {

    public static final ClusterSnapshot EMPTY = new ClusterSnapshot(Map.of(), -1, Map.of(), Map.of(), Map.of(), Set.of());

    private final Map<Integer, BrokerRegistration> brokers;
    private final int controllerId;
    private final Map<String, TopicAssignment> topics;
    private final Map<TopicPartition, VersionedState> states;
    private final Map<String, ConfigOverrides> topicConfigs;
    private final Set<String> topicsBeingDeleted;
    private final Map<Uuid, String> topicNamesById;

    /** A partition state with the znode version that conditional writes must name. */
    public record VersionedState(PartitionState state, int zkVersion) {
    }

    public ClusterSnapshot(Map<Integer, BrokerRegistration> brokers, int controllerId,
                           Map<String, TopicAssignment> topics, Map<TopicPartition, VersionedState> states,
                           Map<String, ConfigOverrides> topicConfigs, Set<String> topicsBeingDeleted) {
        this.brokers = Collections.unmodifiableMap(new TreeMap<>(brokers));
        this.controllerId = controllerId;
        this.topics = Collections.unmodifiableMap(new TreeMap<>(topics));
        this.states = Map.copyOf(states);
        this.topicConfigs = Map.copyOf(topicConfigs);
        this.topicsBeingDeleted = Set.copyOf(topicsBeingDeleted);
        Map<Uuid, String> byId = new java.util.HashMap<>();
        this.topics.forEach((name, assignment) -> byId.put(Uuid.fromString(assignment.topicId()), name));
        this.topicNamesById = Map.copyOf(byId);
    }

    /** Live (registered) brokers by id. */
    public Map<Integer, BrokerRegistration> brokers() {
        return brokers;
    }

    /** Each live broker's rack (null where a broker has none), for replica placement. */
    public Map<Integer, String> brokerRacks() {
        Map<Integer, String> racks = new TreeMap<>();
        brokers.forEach((id, registration) -> racks.put(id, registration.rack()));
        return racks;
    }

    public boolean isLive(int brokerId) {
        return brokers.containsKey(brokerId);
    }

    public int controllerId() {
        return controllerId;
    }

    public Map<String, TopicAssignment> topics() {
        return topics;
    }

    public Optional<TopicAssignment> topic(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    public Optional<String> topicName(Uuid topicId) {
        return Optional.ofNullable(topicNamesById.get(topicId));
    }

    public Uuid topicId(String name) {
        TopicAssignment assignment = topics.get(name);
        return assignment == null ? Uuid.ZERO_UUID : Uuid.fromString(assignment.topicId());
    }

    public Optional<PartitionState> state(TopicPartition tp) {
        VersionedState versioned = states.get(tp);
        return versioned == null ? Optional.empty() : Optional.of(versioned.state());
    }

    public Optional<VersionedState> versionedState(TopicPartition tp) {
        return Optional.ofNullable(states.get(tp));
    }

    public ConfigOverrides topicConfig(String name) {
        return topicConfigs.getOrDefault(name, ConfigOverrides.EMPTY);
    }

    public boolean isBeingDeleted(String topic) {
        return topicsBeingDeleted.contains(topic);
    }

    public Set<String> topicsBeingDeleted() {
        return topicsBeingDeleted;
    }

    /** Every partition of every topic, in topic then partition order. */
    public List<TopicPartition> partitions() {
        List<TopicPartition> all = new ArrayList<>();
        topics.forEach((name, assignment) -> assignment.partitions().keySet()
                .forEach(p -> all.add(new TopicPartition(name, p))));
        return all;
    }

    /** True when the topic exists and each of its partitions has a state with a live leader. */
    public boolean isTopicReady(String name) {
        TopicAssignment assignment = topics.get(name);
        if (assignment == null) {
            return false;
        }
        for (int p : assignment.partitions().keySet()) {
            PartitionState state = states.get(new TopicPartition(name, p)) == null
                    ? null : states.get(new TopicPartition(name, p)).state();
            if (state == null || !state.hasLeader()) {
                return false;
            }
        }
        return true;
    }
}
