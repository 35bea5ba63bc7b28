package io.partita.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReassignmentsTest {
    private static final TopicAssignment TOPIC = new TopicAssignment("id", Map.of(0, List.of(0, 1)));

    @Test
    void startRecordsTheFullSetWithAddingAndRemovingReplicas() {
        ClusterSnapshot s = Snapshots.cluster(0, 1, 2, 3).build();
        PartitionState state = new PartitionState(0, 4, List.of(0, 1), 1);
        Reassignments.Step step = Reassignments.start(TOPIC, 0, List.of(2, 1), state, s, 2);
        assertThat(step.assignment().replicas(0)).containsExactly(2, 1, 0);
        assertThat(step.assignment().adding(0)).containsExactly(2);
        assertThat(step.assignment().removing(0)).containsExactly(0);
        assertThat(step.assignment().targetReplicas(0)).containsExactly(2, 1);
        // As in Kafka, the original set is the full set without the replicas joining, in the full set's order.
        assertThat(step.assignment().originalReplicas(0)).containsExactly(1, 0);
        assertThat(step.state()).isNull();

        // Not yet: 2 is not in sync.
        assertThat(Reassignments.complete(step.assignment(), 0, state, s, 2)).isEmpty();
        // Once it is, the leader (leaving) hands over to the target's first in-sync replica.
        PartitionState caughtUp = new PartitionState(0, 4, List.of(0, 1, 2), 1);
        Reassignments.Step done =
                Reassignments.complete(step.assignment(), 0, caughtUp, s, 2).orElseThrow();
        assertThat(done.assignment().replicas(0)).containsExactly(2, 1);
        assertThat(done.assignment().isReassigning()).isFalse();
        assertThat(done.state()).isEqualTo(new PartitionState(2, 5, List.of(1, 2), 2));
    }

    @Test
    void aLeaderThatStaysKeepsItsEpoch() {
        ClusterSnapshot s = Snapshots.cluster(0, 1, 2).build();
        Reassignments.Step step =
                Reassignments.start(TOPIC, 0, List.of(0, 2), new PartitionState(0, 4, List.of(0, 1), 1), s, 2);
        Reassignments.Step done = Reassignments.complete(
                        step.assignment(), 0, new PartitionState(0, 4, List.of(0, 1, 2), 1), s, 2)
                .orElseThrow();
        assertThat(done.state()).isEqualTo(new PartitionState(0, 4, List.of(0, 2), 2));
    }

    @Test
    void aTargetAlreadyInSyncCompletesAtOnce() {
        ClusterSnapshot s = Snapshots.cluster(0, 1).build();
        Reassignments.Step shrink =
                Reassignments.start(TOPIC, 0, List.of(1), new PartitionState(0, 4, List.of(0, 1), 1), s, 2);
        assertThat(shrink.assignment().replicas(0)).containsExactly(1);
        assertThat(shrink.assignment().isReassigning()).isFalse();
        assertThat(shrink.state()).isEqualTo(new PartitionState(1, 5, List.of(1), 2));

        Reassignments.Step reorder =
                Reassignments.start(TOPIC, 0, List.of(1, 0), new PartitionState(0, 4, List.of(0, 1), 1), s, 2);
        assertThat(reorder.assignment().replicas(0)).containsExactly(1, 0);
        assertThat(reorder.state()).isNull();
    }

    @Test
    void cancelRevertsToTheOriginalReplicas() {
        ClusterSnapshot s = Snapshots.cluster(0, 1, 2).build();
        PartitionState state = new PartitionState(0, 4, List.of(0, 1), 1);
        assertThat(Reassignments.cancel(TOPIC, 0, state, s, 2)).isEmpty();
        TopicAssignment moving =
                Reassignments.start(TOPIC, 0, List.of(2), state, s, 2).assignment();
        PartitionState withNew = new PartitionState(0, 4, List.of(0, 1), 1);
        Reassignments.Step back = Reassignments.cancel(moving, 0, withNew, s, 2).orElseThrow();
        assertThat(back.assignment()).isEqualTo(TOPIC);
        assertThat(back.state()).isNull();
    }

    @Test
    void aNewTargetReplacesTheOneInProgressFromTheOriginalReplicas() {
        ClusterSnapshot s = Snapshots.cluster(0, 1, 2, 3).build();
        PartitionState state = new PartitionState(0, 4, List.of(0, 1), 1);
        TopicAssignment first =
                Reassignments.start(TOPIC, 0, List.of(2, 1), state, s, 2).assignment();
        // 2 has caught up meanwhile, but the new target no longer wants it: it leaves the ISR at once.
        Reassignments.Step second =
                Reassignments.start(first, 0, List.of(3, 1), new PartitionState(0, 4, List.of(0, 1, 2), 1), s, 2);
        assertThat(second.assignment().replicas(0)).containsExactly(3, 1, 0);
        assertThat(second.assignment().adding(0)).containsExactly(3);
        assertThat(second.assignment().removing(0)).containsExactly(0);
        assertThat(second.state()).isEqualTo(new PartitionState(0, 4, List.of(0, 1), 2));
    }

    @Test
    void targetsAreChecked() {
        ClusterSnapshot s = Snapshots.cluster(0, 1).build();
        assertThat(Reassignments.invalidTarget(List.of(), s)).isPresent();
        assertThat(Reassignments.invalidTarget(List.of(0, 0), s)).isPresent();
        assertThat(Reassignments.invalidTarget(List.of(0, 7), s)).isPresent();
        assertThat(Reassignments.invalidTarget(List.of(1, 0), s)).isEmpty();
        assertThat(Reassignments.replicationFactorChange(TOPIC, 0, List.of(1))).isPresent();
        assertThat(Reassignments.replicationFactorChange(TOPIC, 0, List.of(1, 0)))
                .isEmpty();
    }

    @Test
    void topicJsonWithoutAReassignmentIsUnchanged() {
        String json = new String(Json.write(TOPIC));
        assertThat(json).isEqualTo("{\"topic_id\":\"id\",\"partitions\":{\"0\":[0,1]}}");
        TopicAssignment moving = TOPIC.withPartition(0, List.of(2, 0, 1), List.of(2), List.of(0));
        assertThat(Json.read(Json.write(moving), TopicAssignment.class)).isEqualTo(moving);
        assertThat(Json.read(json.getBytes(), TopicAssignment.class)).isEqualTo(TOPIC);
    }
}
