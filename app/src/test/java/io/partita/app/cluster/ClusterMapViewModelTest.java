package io.partita.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.BrokerColumn;
import io.partita.app.client.cluster.BrokerInfo;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.ClusterOverview;
import io.partita.app.client.cluster.PartitionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** Updates touch only what changed, in place, so the map redraws only those rows. */
class ClusterMapViewModelTest {
    private static final ClusterOverview LIVE = new ClusterOverview(
            "id", List.of(new BrokerInfo(0, "h", 1, null, true), new BrokerInfo(1, "h", 2, null, false)));

    private static PartitionRow row(String topic, int partition, int leader, List<Integer> isr, boolean internal) {
        return new PartitionRow(topic, partition, List.of(0, 1), leader, isr, List.of(), internal);
    }

    @Test
    void aLeaderChangeUpdatesOneRowInPlaceAndLeavesTheRestAlone() {
        ClusterMapViewModel model = new ClusterMapViewModel(new ClusterGateway(Runnable::run).cluster());
        model.apply(ClusterMap.of(
                LIVE, List.of(row("t", 0, 0, List.of(0, 1), false), row("t", 1, 1, List.of(1, 0), false)), Map.of()));
        List<String> changes = new ArrayList<>();
        model.rows().addListener((ListChangeListener<MapRow>) c -> changes.add("rows"));
        model.brokers().addListener((ListChangeListener<BrokerColumn>) c -> changes.add("brokers"));
        model.rows().get(0).partitionProperty().addListener((o, was, is) -> changes.add("row 0"));
        model.rows().get(1).partitionProperty().addListener((o, was, is) -> changes.add("row 1"));

        model.apply(ClusterMap.of(
                LIVE, List.of(row("t", 0, 1, List.of(1), false), row("t", 1, 1, List.of(1, 0), false)), Map.of()));

        assertThat(changes).containsExactly("row 0");
        assertThat(model.rows().get(0).get().leader()).isEqualTo(1);

        // A new partition changes the list itself.
        model.apply(ClusterMap.of(
                LIVE,
                List.of(
                        row("t", 0, 1, List.of(1), false),
                        row("t", 1, 1, List.of(1, 0), false),
                        row("t", 2, 0, List.of(0, 1), false)),
                Map.of()));
        assertThat(changes).containsExactly("row 0", "rows");
        assertThat(model.partitions()).extracting(PartitionRow::partition).containsExactly(0, 1, 2);
    }

    @Test
    void internalTopicsShowOnlyWhenAskedFor() {
        ClusterMapViewModel model = new ClusterMapViewModel(new ClusterGateway(Runnable::run).cluster());
        model.apply(ClusterMap.of(
                LIVE,
                List.of(
                        row("__consumer_offsets", 0, 0, List.of(0, 1), true),
                        row("orders", 0, 0, List.of(0, 1), false)),
                Map.of()));
        assertThat(model.partitions()).extracting(PartitionRow::topic).containsExactly("orders");
        model.showInternalProperty().set(true);
        assertThat(model.partitions()).extracting(PartitionRow::topic).containsExactly("__consumer_offsets", "orders");
    }

    @Test
    void startingANodeEmptySaysWhichPartitionsHaveNoOtherInSyncCopy() {
        assertThat(ClusterMapViewModel.emptyStartRisk(1, List.of(row("t", 0, 0, List.of(0, 1), false))))
                .isEmpty();
        assertThat(ClusterMapViewModel.emptyStartRisk(
                        1, List.of(row("t", 0, -1, List.of(1), false), row("t", 1, 0, List.of(0), false))))
                .isEqualTo(
                        "Partition t 0 has no in-sync copy but broker 1's:"
                                + " started empty, it leads it with no records, and the copies that were behind are cut back to match.");
        List<PartitionRow> five = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            five.add(row("t", p, -1, List.of(1), false));
        }
        assertThat(ClusterMapViewModel.emptyStartRisk(1, five))
                .startsWith("5 partitions (t 0, t 1, t 2 and 2 more) have"
                        + " no in-sync copy but broker 1's: started empty, it leads them");
    }
}
