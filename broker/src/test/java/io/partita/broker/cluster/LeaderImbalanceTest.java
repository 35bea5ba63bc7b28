package io.partita.broker.cluster;

import static io.partita.broker.cluster.Snapshots.tp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderImbalanceTest {

    @Test
    void movesLeadershipsBackToANodeAboveTheAllowedImbalance() {
        // Node 0 is preferred for partitions 0 and 1 and leads neither (100% > 10%); node 1 leads its own.
        ClusterSnapshot s = Snapshots.cluster(0, 1)
                .partition(0, List.of(0, 1), 1, List.of(1, 0))
                .partition(1, List.of(0, 1), 1, List.of(1))
                .partition(2, List.of(1, 0), 1, List.of(1, 0))
                .build();
        // Partition 1's preferred replica is not in sync, so only partition 0 moves.
        assertThat(LeaderImbalance.partitionsToRebalance(s, 10)).containsExactly(tp(0));
    }

    @Test
    void leavesAnImbalanceWithinThePercentageAlone() {
        Snapshots snapshots = Snapshots.cluster(0, 1);
        for (int p = 0; p < 10; p++) {
            snapshots.partition(p, List.of(0, 1), p == 0 ? 1 : 0, List.of(0, 1));
        }
        assertThat(LeaderImbalance.partitionsToRebalance(snapshots.build(), 10)).isEmpty();
        assertThat(LeaderImbalance.partitionsToRebalance(snapshots.build(), 5)).containsExactly(tp(0));
    }

    @Test
    void skipsANodeShuttingDownAndPartitionsBeingReassigned() {
        ClusterSnapshot stopping = Snapshots.cluster(0, 1)
                .shuttingDown(0)
                .partition(0, List.of(0, 1), 1, List.of(1, 0))
                .build();
        assertThat(LeaderImbalance.partitionsToRebalance(stopping, 10)).isEmpty();

        Snapshots moving = Snapshots.cluster(0, 1, 2).partition(0, List.of(0, 1), 1, List.of(1, 0));
        TopicAssignment topic =
                moving.build().topic("t").orElseThrow().withPartition(0, List.of(0, 1, 2), List.of(0), List.of(2));
        assertThat(LeaderImbalance.partitionsToRebalance(
                        moving.topic(topic, "t").build(), 10))
                .isEmpty();
    }
}
