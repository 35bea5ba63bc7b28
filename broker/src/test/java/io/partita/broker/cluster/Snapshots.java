package io.partita.broker.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/** Small hand-made cluster snapshots for the controller's decision functions. */
final class Snapshots {
    private final Map<Integer, BrokerRegistration> brokers = new HashMap<>();
    private final Map<String, TopicAssignment> topics = new HashMap<>();
    private final Map<TopicPartition, ClusterSnapshot.VersionedState> states = new HashMap<>();

    static Snapshots cluster(int... liveBrokers) {
        Snapshots s = new Snapshots();
        for (int id : liveBrokers) {
            s.brokers.put(id, registration(id, BrokerRegistration.State.RUNNING));
        }
        return s;
    }

    Snapshots shuttingDown(int id) {
        brokers.put(id, registration(id, BrokerRegistration.State.SHUTTING_DOWN));
        return this;
    }

    Snapshots topic(TopicAssignment assignment, String name) {
        topics.put(name, assignment);
        return this;
    }

    /** Partition p of topic "t" with the given replicas, leader and ISR. */
    Snapshots partition(int p, List<Integer> replicas, int leader, List<Integer> isr) {
        TopicAssignment topic =
                topics.getOrDefault("t", new TopicAssignment(Uuid.randomUuid().toString(), Map.of()));
        topics.put("t", topic.withPartition(p, replicas, List.of(), List.of()));
        return state(p, leader, isr);
    }

    Snapshots state(int p, int leader, List<Integer> isr) {
        states.put(
                new TopicPartition("t", p),
                new ClusterSnapshot.VersionedState(new PartitionState(leader, 5, isr, 1), 3));
        return this;
    }

    ClusterSnapshot build() {
        return new ClusterSnapshot(brokers, 0, topics, Map.of(), states, Map.of(), Set.of(), Map.of(), Map.of());
    }

    static BrokerRegistration registration(int id, BrokerRegistration.State state) {
        return new BrokerRegistration(id, "localhost", 9092 + id, null, 0, state);
    }

    static TopicPartition tp(int p) {
        return new TopicPartition("t", p);
    }
}
