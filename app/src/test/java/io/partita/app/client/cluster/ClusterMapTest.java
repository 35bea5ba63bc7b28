package io.partita.app.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterMapTest {
    private static final ClusterOverview TWO_LIVE = new ClusterOverview(
            "id",
            List.of(
                    new BrokerInfo(0, "127.0.0.1", 9092, null, true),
                    new BrokerInfo(2, "127.0.0.1", 9094, "b", false)));

    @Test
    void eachReplicaHasTheStateItsBrokerAndTheIsrGiveIt() {
        PartitionRow row = new PartitionRow("t", 0, List.of(0, 1, 2), 2, List.of(2, 0), List.of(1), false);
        assertThat(row.replicaOn(2)).contains(ReplicaState.LEADER);
        assertThat(row.replicaOn(0)).contains(ReplicaState.IN_SYNC);
        assertThat(row.replicaOn(1)).contains(ReplicaState.OFFLINE);
        assertThat(row.replicaOn(3)).isEmpty();
        assertThat(row.underReplicated()).isTrue();
        PartitionRow behind = new PartitionRow("t", 1, List.of(0, 2), 0, List.of(0), List.of(), false);
        assertThat(behind.replicaOn(2)).contains(ReplicaState.OUT_OF_SYNC);
    }

    @Test
    void brokersThatAreDownStayColumnsAndRowsAreSortedByTopicThenPartition() {
        List<PartitionRow> rows = List.of(
                new PartitionRow("b", 1, List.of(0, 1), 0, List.of(0), List.of(1), false),
                new PartitionRow("a", 0, List.of(2), 2, List.of(2), List.of(), false),
                new PartitionRow("b", 0, List.of(0, 5), 0, List.of(0), List.of(5), false));
        ClusterMap map = ClusterMap.of(TWO_LIVE, rows, Map.of(1, "127.0.0.1:9093"));
        assertThat(map.brokers())
                .containsExactly(
                        new BrokerColumn(0, "127.0.0.1:9092", null, true, true),
                        new BrokerColumn(1, "127.0.0.1:9093", null, false, false),
                        new BrokerColumn(2, "127.0.0.1:9094", "b", false, true),
                        new BrokerColumn(5, "", null, false, false));
        assertThat(map.rows()).extracting(PartitionRow::key).containsExactly("a-0", "b-0", "b-1");
    }
}
