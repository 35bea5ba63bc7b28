package io.partita.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.partita.app.client.cluster.PartitionPositions;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.cluster.ReplicaState;
import io.partita.app.cluster.PartitionLogPicture.GroupMark;
import io.partita.app.cluster.PartitionLogPicture.ReplicaMark;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The partition log view's geometry and words, from a partition's positions. */
class PartitionLogPictureTest {

    private static PartitionRow row(List<Integer> isr, List<Integer> offline, PartitionPositions positions) {
        return new PartitionRow("orders", 2, List.of(1, 2, 3), 1, isr, offline, false, positions);
    }

    @Test
    void replicasHighWatermarkAndGroupsSitOnOneAxisFromLogStartToTheFurthestOffset() {
        PartitionPositions positions = new PartitionPositions(200, 1_000, Map.of(1, 1_200L, 2, 1_000L, 3, 700L));
        PartitionLogPicture picture = PartitionLogPicture.of(
                row(List.of(1, 2), List.of(), positions), Map.of("audit", 600L, "billing", 1_000L));

        assertThat(picture.axisEnd()).isEqualTo(1_200);
        assertThat(picture.replicas())
                .extracting(ReplicaMark::broker, ReplicaMark::state, ReplicaMark::logEnd, ReplicaMark::behind)
                .containsExactly(
                        tuple(1, ReplicaState.LEADER, 1_200L, -1L),
                        tuple(2, ReplicaState.IN_SYNC, 1_000L, 200L),
                        tuple(3, ReplicaState.OUT_OF_SYNC, 700L, 500L));
        assertThat(picture.replicas().get(0).at()).isEqualTo(1.0);
        assertThat(picture.replicas().get(2).at()).isCloseTo(0.5, within(1e-9));
        assertThat(picture.highWatermarkAt()).isCloseTo(0.8, within(1e-9));
        assertThat(picture.groups())
                .extracting(GroupMark::group, GroupMark::committed, GroupMark::lag)
                .containsExactly(tuple("audit", 600L, 400L), tuple("billing", 1_000L, 0L));
        assertThat(picture.unreplicated()).isEqualTo(200);
        assertThat(picture.summary())
                .isEqualTo("leader broker 1  ·  in sync [1, 2]  ·  log start 200  ·  high watermark 1,000"
                        + "  ·  200 not yet on every in-sync replica");
        assertThat(PartitionLogPicture.replicaFigure(picture.replicas().get(2))).isEqualTo("700  (−500)");
        assertThat(PartitionLogPicture.groupFigure(picture.groups().get(0))).isEqualTo("600  (lag 400)");
    }

    @Test
    void aReplicaOnABrokerThatIsDownHasNoPositionAndAnEmptyLogSitsAtTheEnd() {
        PartitionPositions positions = new PartitionPositions(0, 0, Map.of(1, 0L, 2, 0L));
        PartitionLogPicture picture = PartitionLogPicture.of(row(List.of(1, 2), List.of(3), positions), Map.of());

        ReplicaMark down = picture.replicas().get(2);
        assertThat(down.state()).isEqualTo(ReplicaState.OFFLINE);
        assertThat(down.known()).isFalse();
        assertThat(PartitionLogPicture.replicaFigure(down)).isEqualTo("down");
        assertThat(picture.highWatermarkAt()).isEqualTo(1.0);
        assertThat(picture.unreplicated()).isZero();
        assertThat(picture.summary()).doesNotContain("not yet");
    }

    @Test
    void positionsNotKnownLeaveTheHighWatermarkUndrawn() {
        PartitionLogPicture picture =
                PartitionLogPicture.of(row(List.of(1, 2, 3), List.of(), PartitionPositions.UNKNOWN), Map.of());

        assertThat(picture.highWatermarkAt()).isEqualTo(-1);
        assertThat(picture.replicas()).noneMatch(ReplicaMark::known);
        assertThat(PartitionLogPicture.replicaFigure(picture.replicas().get(0))).isEqualTo("not known");
        assertThat(picture.summary()).isEqualTo("leader broker 1  ·  in sync [1, 2, 3]");
    }
}
