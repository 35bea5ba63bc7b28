package io.partita.broker.cluster;

import static io.partita.broker.cluster.Snapshots.tp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ElectionsTest {

    @Test
    void preferredElectionMovesLeadershipBackOnlyToAnEligibleInSyncPreferredReplica() {
        ClusterSnapshot moved = Snapshots.cluster(0, 1, 2)
                .partition(0, List.of(0, 1, 2), 1, List.of(1, 2, 0))
                .build();
        Elections.Outcome outcome = Elections.preferred(moved, tp(0), 7);
        assertThat(outcome.error()).isEqualTo(Errors.NONE);
        assertThat(outcome.next()).isEqualTo(new PartitionState(0, 6, List.of(1, 2, 0), 7));

        ClusterSnapshot already = Snapshots.cluster(0, 1)
                .partition(0, List.of(0, 1), 0, List.of(0, 1))
                .build();
        assertThat(Elections.preferred(already, tp(0), 7).error()).isEqualTo(Errors.ELECTION_NOT_NEEDED);

        ClusterSnapshot outOfSync = Snapshots.cluster(0, 1)
                .partition(0, List.of(0, 1), 1, List.of(1))
                .build();
        assertThat(Elections.preferred(outOfSync, tp(0), 7).error()).isEqualTo(Errors.PREFERRED_LEADER_NOT_AVAILABLE);

        ClusterSnapshot down = Snapshots.cluster(1)
                .partition(0, List.of(0, 1), 1, List.of(1, 0))
                .build();
        assertThat(Elections.preferred(down, tp(0), 7).error()).isEqualTo(Errors.PREFERRED_LEADER_NOT_AVAILABLE);

        ClusterSnapshot stopping = Snapshots.cluster(0, 1)
                .shuttingDown(0)
                .partition(0, List.of(0, 1), 1, List.of(1, 0))
                .build();
        assertThat(Elections.preferred(stopping, tp(0), 7).error()).isEqualTo(Errors.PREFERRED_LEADER_NOT_AVAILABLE);

        assertThat(Elections.preferred(moved, tp(9), 7).error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void uncleanElectionPrefersTheIsrThenAnyLiveReplica() {
        ClusterSnapshot led = Snapshots.cluster(0, 1)
                .partition(0, List.of(0, 1), 0, List.of(0))
                .build();
        assertThat(Elections.unclean(led, tp(0), 7).error()).isEqualTo(Errors.ELECTION_NOT_NEEDED);

        ClusterSnapshot isrLeft = Snapshots.cluster(1, 2)
                .partition(0, List.of(0, 1, 2), -1, List.of(0))
                .build();
        assertThat(Elections.unclean(isrLeft, tp(0), 7).next()).isEqualTo(new PartitionState(1, 6, List.of(1), 7));

        ClusterSnapshot isrAlive = Snapshots.cluster(1, 2)
                .partition(0, List.of(0, 1, 2), -1, List.of(0, 2))
                .build();
        assertThat(Elections.unclean(isrAlive, tp(0), 7).next()).isEqualTo(new PartitionState(2, 6, List.of(2), 7));

        ClusterSnapshot nobody =
                Snapshots.cluster(2).partition(0, List.of(0, 1), -1, List.of(0)).build();
        assertThat(Elections.unclean(nobody, tp(0), 7).error()).isEqualTo(Errors.ELIGIBLE_LEADERS_NOT_AVAILABLE);
    }

    @Test
    void aShuttingDownLeaderHandsOverToAnInSyncReplicaAndLeavesTheIsr() {
        ClusterSnapshot s = Snapshots.cluster(0, 1, 2)
                .shuttingDown(0)
                .partition(0, List.of(0, 1, 2), 0, List.of(0, 1, 2))
                .build();
        assertThat(Elections.standing(s, List.of(0, 1, 2), s.state(tp(0)).orElseThrow(), false, 7))
                .contains(new PartitionState(1, 6, List.of(1, 2), 7));
        assertThat(Elections.leadsWhatOthersCouldLead(s, 0)).isTrue();
    }

    @Test
    void aLoneShuttingDownReplicaKeepsLeading() {
        ClusterSnapshot s = Snapshots.cluster(0, 1)
                .shuttingDown(0)
                .partition(0, List.of(0, 1), 0, List.of(0))
                .build();
        assertThat(Elections.standing(s, List.of(0, 1), s.state(tp(0)).orElseThrow(), false, 7))
                .isEmpty();
        assertThat(Elections.leadsWhatOthersCouldLead(s, 0)).isFalse();
    }

    @Test
    void aShuttingDownFollowerLeavesTheIsrWithoutALeaderChange() {
        ClusterSnapshot s = Snapshots.cluster(0, 1, 2)
                .shuttingDown(2)
                .partition(0, List.of(0, 1, 2), 0, List.of(0, 1, 2))
                .build();
        assertThat(Elections.standing(s, List.of(0, 1, 2), s.state(tp(0)).orElseThrow(), false, 7))
                .contains(new PartitionState(0, 5, List.of(0, 1), 7));
    }

    @Test
    void aDeadLeaderIsReplacedFromTheLiveIsrButNotByANodeShuttingDown() {
        ClusterSnapshot s = Snapshots.cluster(1, 2)
                .shuttingDown(1)
                .partition(0, List.of(0, 1, 2), 0, List.of(0, 1, 2))
                .build();
        assertThat(Elections.standing(s, List.of(0, 1, 2), s.state(tp(0)).orElseThrow(), false, 7))
                .contains(new PartitionState(2, 6, List.of(2), 7));

        ClusterSnapshot offline =
                Snapshots.cluster(1).partition(0, List.of(0, 1), 0, List.of(0)).build();
        assertThat(Elections.standing(
                        offline, List.of(0, 1), offline.state(tp(0)).orElseThrow(), false, 7))
                .contains(new PartitionState(-1, 6, List.of(0), 7));
        assertThat(Elections.standing(
                        offline, List.of(0, 1), offline.state(tp(0)).orElseThrow(), true, 7))
                .contains(new PartitionState(1, 6, List.of(1), 7));
    }

    @Test
    void newPartitionsAvoidANodeShuttingDownAsLeader() {
        ClusterSnapshot s = Snapshots.cluster(0, 1).shuttingDown(0).build();
        assertThat(Elections.initial(s, List.of(0, 1, 2), 3)).contains(new PartitionState(1, 0, List.of(0, 1), 3));
    }
}
