package io.partita.broker.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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

    public static final ClusterSnapshot EMPTY =
            new ClusterSnapshot(Map.of(), -1, Map.of(), Map.of(), Map.of(), Set.of());
    /** Stands for "no znode version known": a conditional write with it always fails. */
    public static final int UNKNOWN_VERSION = -2;

    private final Map<Integer, BrokerRegistration> brokers;
    private final int controllerId;
    private final Map<String, TopicAssignment> topics;
    private final Map<TopicPartition, VersionedState> states;
    private final Map<String, ConfigOverrides> topicConfigs;
    private final Set<String> topicsBeingDeleted;
    private final Map<Uuid, String> topicNamesById;
    private final Map<String, Integer> topicVersions;
    private final Map<String, ElectionRequest> electionRequests;
    private final Map<String, ReassignmentRequest> reassignmentRequests;

    /** A partition state with the znode version that conditional writes must name. */
    public record VersionedState(PartitionState state, int zkVersion) {}

    public ClusterSnapshot(
            Map<Integer, BrokerRegistration> brokers,
            int controllerId,
            Map<String, TopicAssignment> topics,
            Map<TopicPartition, VersionedState> states,
            Map<String, ConfigOverrides> topicConfigs,
            Set<String> topicsBeingDeleted) {
        this(brokers, controllerId, topics, Map.of(), states, topicConfigs, topicsBeingDeleted, Map.of(), Map.of());
    }

    /**
     * @param topicVersions        the znode version of each topic's assignment, for conditional rewrites
     * @param electionRequests     pending and answered ElectLeaders requests by znode path
     * @param reassignmentRequests pending and answered AlterPartitionReassignments requests by znode path
     */
    public ClusterSnapshot(
            Map<Integer, BrokerRegistration> brokers,
            int controllerId,
            Map<String, TopicAssignment> topics,
            Map<String, Integer> topicVersions,
            Map<TopicPartition, VersionedState> states,
            Map<String, ConfigOverrides> topicConfigs,
            Set<String> topicsBeingDeleted,
            Map<String, ElectionRequest> electionRequests,
            Map<String, ReassignmentRequest> reassignmentRequests) {
        this.topicVersions = Map.copyOf(topicVersions);
        this.electionRequests = Collections.unmodifiableMap(new TreeMap<>(electionRequests));
        this.reassignmentRequests = Collections.unmodifiableMap(new TreeMap<>(reassignmentRequests));
        this.brokers = Collections.unmodifiableMap(new TreeMap<>(brokers));
        this.controllerId = controllerId;
        this.topics = Collections.unmodifiableMap(new TreeMap<>(topics));
        this.states = Map.copyOf(states);
        this.topicConfigs = Map.copyOf(topicConfigs);
        this.topicsBeingDeleted = Set.copyOf(topicsBeingDeleted);
        Map<Uuid, String> byId = new HashMap<>();
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

    /** Registered: running, or in its controlled shutdown. */
    public boolean isLive(int brokerId) {
        return brokers.containsKey(brokerId);
    }

    public boolean isShuttingDown(int brokerId) {
        BrokerRegistration registration = brokers.get(brokerId);
        return registration != null && registration.isShuttingDown();
    }

    /** May become leader: registered and not shutting down (Kafka's "online" replica). */
    public boolean isEligibleLeader(int brokerId) {
        BrokerRegistration registration = brokers.get(brokerId);
        return registration != null && !registration.isShuttingDown();
    }

    /** The znode version of a topic's assignment ({@link #UNKNOWN_VERSION} if not known). */
    public int topicVersion(String name) {
        return topicVersions.getOrDefault(name, UNKNOWN_VERSION);
    }

    /** ElectLeaders requests in ZooKeeper, by znode path, oldest first. */
    public Map<String, ElectionRequest> electionRequests() {
        return electionRequests;
    }

    /** AlterPartitionReassignments requests in ZooKeeper, by znode path, oldest first. */
    public Map<String, ReassignmentRequest> reassignmentRequests() {
        return reassignmentRequests;
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
        topics.forEach((name, assignment) ->
                assignment.partitions().keySet().forEach(p -> all.add(new TopicPartition(name, p))));
        return all;
    }

    /** True when the topic exists and each of its partitions has a state with a live leader. */
    public boolean isTopicReady(String name) {
        return hasLeaders(name, 0);
    }

    /**
     * True when the topic exists and each of its partitions from {@code firstPartition} on has a state with a
     * leader (CreatePartitions waits for the new ones only: an old one may be offline).
     */
    public boolean hasLeaders(String name, int firstPartition) {
        TopicAssignment assignment = topics.get(name);
        if (assignment == null) {
            return false;
        }
        for (int p : assignment.partitions().keySet()) {
            if (p < firstPartition) {
                continue;
            }
            PartitionState state = states.get(new TopicPartition(name, p)) == null
                    ? null
                    : states.get(new TopicPartition(name, p)).state();
            if (state == null || !state.hasLeader()) {
                return false;
            }
        }
        return true;
    }
}
