package io.partita.broker.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's automatic preferred-leader rebalance decision ({@code auto.leader.rebalance.enable}): for each node,
 * the share of the partitions it is preferred leader of (first replica) that some other node leads; where that
 * share exceeds {@code leader.imbalance.per.broker.percentage}, its partitions go back to it, if it is eligible
 * and in sync. Partitions being reassigned or deleted are left alone, as Kafka leaves them.
 */
public final class LeaderImbalance {

    private LeaderImbalance() {}

    public static List<TopicPartition> partitionsToRebalance(ClusterSnapshot snapshot, int percentage) {
        Map<Integer, Integer> preferredCount = new TreeMap<>();
        Map<Integer, List<TopicPartition>> notLed = new TreeMap<>();
        for (TopicPartition tp : snapshot.partitions()) {
            TopicAssignment topic = snapshot.topic(tp.topic()).orElseThrow();
            PartitionState state = snapshot.state(tp).orElse(null);
            if (state == null || snapshot.isBeingDeleted(tp.topic()) || topic.isReassigning(tp.partition())) {
                continue;
            }
            int preferred = topic.replicas(tp.partition()).get(0);
            preferredCount.merge(preferred, 1, Integer::sum);
            if (state.leader() != preferred) {
                notLed.computeIfAbsent(preferred, b -> new ArrayList<>()).add(tp);
            }
        }
        List<TopicPartition> moves = new ArrayList<>();
        notLed.forEach((broker, partitions) -> {
            double ratio = (double) partitions.size() / preferredCount.get(broker);
            if (ratio > percentage / 100.0 && snapshot.isEligibleLeader(broker)) {
                for (TopicPartition tp : partitions) {
                    if (snapshot.state(tp).orElseThrow().isr().contains(broker)) {
                        moves.add(tp);
                    }
                }
            }
        });
        return moves;
    }
}
