package io.partita.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.connection.ClusterGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** Updates touch only what changed, so the map redraws only those rows. */
class ClusterMapViewModelTest {
    private static final ClusterOverview LIVE = new ClusterOverview("id", List.of(
            new BrokerInfo(0, "h", 1, null, true), new BrokerInfo(1, "h", 2, null, false)));

    private static PartitionRow row(String topic, int partition, int leader, List<Integer> isr, boolean internal) {
        return new PartitionRow(topic, partition, List.of(0, 1), leader, isr, List.of(), internal);
    }

    @Test
    void aLeaderChangeReplacesOneRowAndLeavesTheRestAlone() {
        ClusterMapViewModel model = new ClusterMapViewModel(new ClusterGateway(Runnable::run));
        model.apply(ClusterMap.of(LIVE, List.of(row("t", 0, 0, List.of(0, 1), false), row("t", 1, 1, List.of(1, 0), false)),
                Map.of()));
        List<String> changes = new ArrayList<>();
        model.rows().addListener((ListChangeListener<PartitionRow>) c -> {
            while (c.next()) {
                changes.add(c.wasReplaced() ? "replaced " + c.getFrom() + "-" + c.getTo() : c.toString());
            }
        });
        model.brokers().addListener((ListChangeListener<BrokerColumn>) c -> changes.add("brokers"));

        model.apply(ClusterMap.of(LIVE, List.of(row("t", 0, 1, List.of(1), false), row("t", 1, 1, List.of(1, 0), false)),
                Map.of()));

        assertThat(changes).containsExactly("replaced 0-1");
        assertThat(model.rows().get(0).leader()).isEqualTo(1);
    }

    @Test
    void internalTopicsShowOnlyWhenAskedFor() {
        ClusterMapViewModel model = new ClusterMapViewModel(new ClusterGateway(Runnable::run));
        model.apply(ClusterMap.of(LIVE, List.of(row("__consumer_offsets", 0, 0, List.of(0, 1), true),
                row("orders", 0, 0, List.of(0, 1), false)), Map.of()));
        assertThat(model.rows()).extracting(PartitionRow::topic).containsExactly("orders");
        model.showInternalProperty().set(true);
        assertThat(model.rows()).extracting(PartitionRow::topic).containsExactly("__consumer_offsets", "orders");
    }
}
