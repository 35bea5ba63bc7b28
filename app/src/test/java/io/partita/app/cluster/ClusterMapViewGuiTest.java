package io.partita.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.BrokerInfo;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.ClusterOverview;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.cluster.ReplicaState;
import io.partita.app.timeline.TimelineView;
import io.partita.app.timeline.TimelineViewModel;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The map's view on its own (no cluster): what a broker's death draws, and that drawing it reuses the cells
 * and the header already on screen. Rebuilding them is what made an update with 1,000 partitions cost tens of
 * milliseconds on the FX thread (see ClusterMapBenchmark).
 */
@Tag("integration")
class ClusterMapViewGuiTest {
    private static final ClusterOverview BOTH_UP = new ClusterOverview(
            "id", List.of(new BrokerInfo(0, "h", 1, null, true), new BrokerInfo(1, "h", 2, "east", false)));
    private static final ClusterOverview ONE_DOWN =
            new ClusterOverview("id", List.of(new BrokerInfo(0, "h", 1, null, true)));

    private final FxRobot robot = new FxRobot();
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);
    private final ClusterMapViewModel model = new ClusterMapViewModel(gateway.cluster());

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(
                    new ClusterMapView(
                            model,
                            new PartitionLogViewModel(gateway.cluster(), gateway.groups()),
                            new TimelineView(new TimelineViewModel(gateway.timeline()))),
                    900,
                    500));
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aBrokerDyingRedrawsItsTilesAndHeaderInPlace() throws Exception {
        apply(ClusterMap.of(
                BOTH_UP, List.of(row(0, 0, List.of(0, 1), List.of()), row(1, 1, List.of(1, 0), List.of())), Map.of()));
        assertThat(fx(() -> tiles(0))).containsExactly(ReplicaState.LEADER, ReplicaState.IN_SYNC);
        assertThat(fx(() -> tiles(1))).containsExactly(ReplicaState.IN_SYNC, ReplicaState.LEADER);
        assertThat(fx(() -> text("#broker-state-1"))).isEqualTo("up");
        assertThat(fx(() -> visibleTexts("#broker-column-1"))).contains("rack east", "h:2");
        Set<Node> tilesBefore = fx(this::tileNodes);
        Node headerBefore = fx(() -> column(1).getGraphic());

        // Broker 1 dies: its replicas go offline, broker 0 leads both partitions, and nothing is built anew.
        apply(ClusterMap.of(
                ONE_DOWN,
                List.of(row(0, 0, List.of(0), List.of(1)), row(1, 0, List.of(0), List.of(1))),
                Map.of(1, "h:2")));
        assertThat(fx(() -> tiles(0))).containsExactly(ReplicaState.LEADER, ReplicaState.OFFLINE);
        assertThat(fx(() -> tiles(1))).containsExactly(ReplicaState.LEADER, ReplicaState.OFFLINE);
        assertThat(fx(() -> text("#broker-state-1"))).isEqualTo("down");
        assertThat(fx(() -> robot.lookup("#broker-state-1").query().getStyleClass()))
                .contains("broker-down")
                .doesNotContain("broker-up");
        assertThat(fx(() -> visibleTexts("#broker-column-1"))).doesNotContain("rack east");
        assertThat(fx(this::tileNodes)).isEqualTo(tilesBefore);
        assertThat(fx(() -> column(1).getGraphic())).isSameAs(headerBefore);

        // A broker that joins is a new column.
        ClusterOverview three = new ClusterOverview(
                "id",
                List.of(
                        new BrokerInfo(0, "h", 1, null, false),
                        new BrokerInfo(1, "h", 2, null, true),
                        new BrokerInfo(2, "h", 3, null, false)));
        apply(ClusterMap.of(
                three, List.of(row(0, 0, List.of(0, 1), List.of()), row(1, 1, List.of(1, 0), List.of())), Map.of()));
        assertThat(fx(() -> robot.lookup(".broker-header").queryAll().size())).isEqualTo(3);
        assertThat(fx(() -> text("#broker-state-1"))).isEqualTo("up");
        assertThat(fx(() -> visibleTexts("#broker-column-1"))).contains("controller");
        assertThat(fx(() -> visibleTexts("#broker-column-0"))).doesNotContain("controller");
    }

    private static PartitionRow row(int partition, int leader, List<Integer> isr, List<Integer> offline) {
        return new PartitionRow("orders", partition, List.of(0, 1), leader, isr, offline, false);
    }

    private void apply(ClusterMap map) throws Exception {
        fx(() -> {
            model.apply(map);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The state each broker's tile shows for the partition on {@code rowIndex}, broker by broker. */
    private List<ReplicaState> tiles(int rowIndex) {
        return robot.lookup(".table-row-cell").queryAll().stream()
                .filter(row -> ((javafx.scene.control.TableRow<?>) row).getIndex() == rowIndex)
                .flatMap(row -> row.lookupAll(".replica-tile").stream())
                .filter(Node::isVisible)
                .map(tile -> List.of(ReplicaState.values()).stream()
                        .filter(state ->
                                tile.getPseudoClassStates().contains(PseudoClass.getPseudoClass(state.cssName())))
                        .findFirst()
                        .orElseThrow())
                .toList();
    }

    private Set<Node> tileNodes() {
        Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
        nodes.addAll(robot.lookup("#map-table .replica-tile").queryAll());
        return nodes;
    }

    private javafx.scene.control.TableColumn<?, ?> column(int broker) {
        TableView<?> table = robot.lookup("#map-table").query();
        return table.getColumns().stream()
                .filter(c -> ("broker-column-" + broker).equals(c.getId()))
                .findFirst()
                .orElseThrow();
    }

    private List<String> visibleTexts(String columnId) {
        Node header = column(Integer.parseInt(columnId.substring(columnId.lastIndexOf('-') + 1)))
                .getGraphic();
        return header.lookupAll(".label").stream()
                .filter(n -> n.isVisible() && n instanceof Label)
                .map(n -> ((Label) n).getText())
                .toList();
    }

    private String text(String query) {
        return robot.lookup(query).<Label>query().getText();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
