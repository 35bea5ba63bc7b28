package io.partita.app.cluster;

import atlantafx.base.theme.Styles;
import io.partita.app.client.cluster.BrokerColumn;
import io.partita.app.client.cluster.PartitionPositions;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.cluster.ReplicaState;
import io.partita.app.common.Sizes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The cluster map: brokers as columns (up or down, the controller marked, address and rack), partitions as
 * rows grouped by topic, and in each cell the tile of that broker's replica: leader, in-sync follower,
 * out-of-sync follower or offline. A table, so only the visible rows are drawn however many partitions
 * there are. For a local cluster each broker's menu stops, kills or starts it.
 */
public final class ClusterMapView extends VBox {
    /**
     * Each replica state's CSS pseudo-class ({@code .replica-tile:leader}, ...). A pseudo-class rather than a
     * style class because JavaFX only re-matches a node's styles for a new pseudo-class, but looks them all up
     * again for a new style class, which made a broker's death (every visible tile changing) cost many
     * milliseconds on the FX thread.
     */
    private static final Map<ReplicaState, PseudoClass> TILE_STATES = new EnumMap<>(ReplicaState.class);

    static {
        for (ReplicaState state : ReplicaState.values()) {
            TILE_STATES.put(state, PseudoClass.getPseudoClass(state.cssName()));
        }
    }

    private final ClusterMapViewModel model;
    private final TableView<MapRow> table = new TableView<>();
    /** The headers of the broker columns in order, by broker id. */
    private final Map<Integer, BrokerHeader> brokerHeaders = new LinkedHashMap<>();

    public ClusterMapView(ClusterMapViewModel model, PartitionLogViewModel partitionLog, Node timeline) {
        this.model = model;
        getStyleClass().add("cluster-map");
        setId("cluster-map");

        CheckBox internal = new CheckBox("Show internal topics");
        internal.setId("map-show-internal");
        internal.selectedProperty().bindBidirectional(model.showInternalProperty());
        internal.setMinWidth(Region.USE_PREF_SIZE);
        ProgressIndicator working = new ProgressIndicator();
        working.getStyleClass().add("small-progress");
        working.visibleProperty().bind(model.busyProperty());
        working.managedProperty().bind(working.visibleProperty());
        Label activity = new Label();
        activity.setId("map-activity");
        activity.getStyleClass().add(Styles.TEXT_MUTED);
        activity.textProperty().bind(model.activityProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(12, legend(), spacer, working, activity, internal);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("map-toolbar");

        table.setId("map-table");
        table.getStyleClass().addAll(Styles.DENSE, "map-table");
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Label empty = new Label("No topics yet. Create one on the Topics tab (Ctrl+N) and its partitions appear here.");
        empty.setId("map-empty");
        empty.getStyleClass().add("empty-state");
        table.setPlaceholder(empty);
        VBox.setVgrow(table, Priority.ALWAYS);
        showBrokers();
        model.brokers().addListener((ListChangeListener<BrokerColumn>) c -> showBrokers());

        // Choosing a partition's row draws it as a log under the map; Esc or Close hides it again.
        table.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null) {
                partitionLog.choose(is.get().topic(), is.get().partition());
            }
        });
        partitionLog.chosenProperty().addListener((o, was, is) -> {
            if (!is) {
                table.getSelectionModel().clearSelection();
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                partitionLog.clear();
            }
        });
        PartitionLogView log = new PartitionLogView(partitionLog);
        getChildren().addAll(toolbar, unreadableNotice(), table, log, timeline);
    }

    /** A local node whose data does not open stays down: say so, and offer to start it with none. */
    private VBox unreadableNotice() {
        Label title = new Label();
        title.setId("map-unreadable-title");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.textProperty()
                .bind(Bindings.format("Broker %d is down: its data does not open.", model.unreadableNodeProperty()));
        Label reason = new Label();
        reason.setId("map-unreadable-reason");
        reason.setWrapText(true);
        reason.setMaxWidth(Double.MAX_VALUE);
        reason.getStyleClass().add(Styles.TEXT_SMALL);
        reason.textProperty().bind(model.unreadableReasonProperty());
        Button startEmpty = new Button();
        startEmpty.setId("map-start-empty");
        startEmpty.getStyleClass().add(Styles.ACCENT);
        startEmpty.textProperty().bind(Bindings.format("Start broker %d empty", model.unreadableNodeProperty()));
        startEmpty.disableProperty().bind(model.busyProperty());
        startEmpty.setOnAction(e -> model.startUnreadableNodeEmpty());
        startEmpty.setMinWidth(Region.USE_PREF_SIZE);
        Label what = new Label("Its data is kept, moved aside as data.unreadable-…; it starts with none and copies its"
                + " partitions back from the other brokers.");
        what.setWrapText(true);
        what.getStyleClass().add(Styles.TEXT_MUTED);
        HBox action = new HBox(12, startEmpty, what);
        action.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(what, Priority.ALWAYS);
        // Wrapped labels in a box take their full height only when told their minimum is their preferred one.
        for (Label label : new Label[] {reason, what}) {
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        Label risk = new Label();
        risk.setId("map-unreadable-risk");
        risk.setWrapText(true);
        risk.setMinHeight(Region.USE_PREF_SIZE);
        risk.getStyleClass().add(Styles.DANGER);
        risk.textProperty().bind(model.unreadableRiskProperty());
        risk.visibleProperty().bind(model.unreadableRiskProperty().isNotEmpty());
        risk.managedProperty().bind(risk.visibleProperty());
        VBox notice = new VBox(8, title, reason, risk, action);
        notice.setId("map-unreadable");
        notice.getStyleClass().addAll("message", "message-warning", "map-notice");
        notice.visibleProperty().bind(model.unreadableNodeProperty().isNotEqualTo(ClusterMapViewModel.NO_NODE));
        notice.managedProperty().bind(notice.visibleProperty());
        return notice;
    }

    private static HBox legend() {
        HBox legend = new HBox(10);
        legend.setId("map-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        for (ReplicaState state : ReplicaState.values()) {
            Label tile = tile(state);
            tile.setMinWidth(Region.USE_PREF_SIZE);
            HBox entry = new HBox(4, tile);
            if (!state.label().isEmpty()) {
                Label name = new Label(state.label());
                name.getStyleClass().add(Styles.TEXT_SMALL);
                name.setMinWidth(Region.USE_PREF_SIZE);
                entry.getChildren().add(name);
            }
            entry.setAlignment(Pos.CENTER_LEFT);
            legend.getChildren().add(entry);
        }
        return legend;
    }

    private static Label tile(ReplicaState state) {
        Label tile = new Label(state.tileText());
        tile.getStyleClass().add("replica-tile");
        tile.pseudoClassStateChanged(TILE_STATES.get(state), true);
        return tile;
    }

    /**
     * A broker going down or up, or the controller moving, updates that column's header in place: replacing
     * the columns would make the table build every visible cell anew. Columns are rebuilt only when brokers
     * are added or removed.
     */
    private void showBrokers() {
        List<Integer> ids = model.brokers().stream().map(BrokerColumn::id).toList();
        if (!ids.equals(List.copyOf(brokerHeaders.keySet()))) {
            rebuildColumns();
            return;
        }
        for (BrokerColumn broker : model.brokers()) {
            brokerHeaders.get(broker.id()).show(broker);
        }
    }

    private void rebuildColumns() {
        TableColumn<MapRow, MapRow> partition = new TableColumn<>("Partition");
        partition.setId("map-partition-column");
        partition.setSortable(false);
        partition.setPrefWidth(220);
        partition.setCellValueFactory(c -> Bindings.createObjectBinding(c::getValue));
        partition.setCellFactory(c -> new PartitionCell());
        List<TableColumn<MapRow, ?>> columns = new ArrayList<>();
        columns.add(partition);
        brokerHeaders.clear();
        for (BrokerColumn broker : model.brokers()) {
            columns.add(brokerColumn(broker));
        }
        table.getColumns().setAll(columns);
    }

    private TableColumn<MapRow, MapRow> brokerColumn(BrokerColumn broker) {
        TableColumn<MapRow, MapRow> column = new TableColumn<>();
        column.setId("broker-column-" + broker.id());
        column.setSortable(false);
        column.setReorderable(false);
        column.setPrefWidth(190);
        BrokerHeader header = new BrokerHeader(model, broker);
        brokerHeaders.put(broker.id(), header);
        column.setGraphic(header);
        column.setCellValueFactory(c -> Bindings.createObjectBinding(c::getValue));
        column.setCellFactory(c -> new ReplicaCell(broker.id()));
        return column;
    }

    /**
     * A cell that follows its row's partition: redrawn when the partition changes, without the table laying
     * out anything else.
     */
    private abstract static class RowCell extends TableCell<MapRow, MapRow> {
        private final ChangeListener<PartitionRow> onChange = (o, was, is) -> render(is);
        private MapRow watched;

        @Override
        protected void updateItem(MapRow row, boolean empty) {
            super.updateItem(row, empty);
            if (watched != null) {
                watched.partitionProperty().removeListener(onChange);
                watched = null;
            }
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            watched = row;
            row.partitionProperty().addListener(onChange);
            render(row.get());
        }

        abstract void render(PartitionRow row);
    }

    /** Topic and partition; the topic name only on a topic's first row, so rows read as groups. */
    private static final class PartitionCell extends RowCell {
        private final Label topic = new Label();
        private final Label number = new Label();
        private final HBox box = new HBox(6, topic, number);

        PartitionCell() {
            topic.getStyleClass().add("map-topic");
            number.getStyleClass().add(Styles.TEXT_MUTED);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        void render(PartitionRow row) {
            int index = getIndex();
            List<MapRow> items = getTableView().getItems();
            boolean first = index <= 0
                    || index > items.size() - 1
                    || !items.get(index - 1).get().topic().equals(row.topic());
            topic.setText(first ? row.topic() : "");
            number.setText("partition " + row.partition() + (row.hasLeader() ? "" : "  ·  offline"));
            setGraphic(box);
        }
    }

    /**
     * The tile of one broker's replica of the row's partition, or nothing if it holds none. The cell holds one
     * tile per state, styled once, and shows the one that applies: a change of state is then a change of
     * visibility, which needs no CSS pass and no text layout. (Restyling one tile in place cost the FX thread
     * about 5 ms when a broker's death changed every visible tile.)
     */
    private static final class ReplicaCell extends RowCell {
        private final int brokerId;
        private final EnumMap<ReplicaState, Label> tiles = new EnumMap<>(ReplicaState.class);
        private final StackPane stack = new StackPane();
        /** The replica's log end offset, and for a follower how far it is behind its leader's. */
        private final Label position = new Label();

        private final Label behind = new Label();
        private final HBox replica = new HBox(6, stack, position, behind);
        private ReplicaState shown;

        ReplicaCell(int brokerId) {
            this.brokerId = brokerId;
            for (ReplicaState state : ReplicaState.values()) {
                Label tile = tile(state);
                tile.setVisible(false);
                tiles.put(state, tile);
                stack.getChildren().add(tile);
            }
            position.getStyleClass().add("replica-position");
            position.setTooltip(new Tooltip("Log end offset: the offset the next record written to this replica gets"));
            behind.getStyleClass().add("replica-behind");
            behind.setTooltip(new Tooltip("Records this follower has still to copy from its leader"));
            replica.setAlignment(Pos.CENTER);
            setAlignment(Pos.CENTER);
        }

        @Override
        void render(PartitionRow row) {
            ReplicaState state = row.replicaOn(brokerId).orElse(null);
            if (state == null) {
                setGraphic(null);
                return;
            }
            if (state != shown) {
                if (shown != null) {
                    tiles.get(shown).setVisible(false);
                }
                tiles.get(state).setVisible(true);
                shown = state;
            }
            PartitionPositions positions = row.positions();
            OptionalLong end = positions.logEnd(brokerId);
            show(position, end.isPresent() ? Sizes.count(end.getAsLong()) : "");
            OptionalLong lag = state == ReplicaState.LEADER || !row.hasLeader()
                    ? OptionalLong.empty()
                    : positions.behind(brokerId, row.leader());
            show(behind, lag.isPresent() && lag.getAsLong() > 0 ? "−" + Sizes.count(lag.getAsLong()) : "");
            if (getGraphic() != replica) {
                setGraphic(replica);
            }
        }

        /** Sets a label's text only when it changes (a text change means a layout), and hides an empty one. */
        private static void show(Label label, String text) {
            if (!text.equals(label.getText())) {
                label.setText(text);
            }
            label.setVisible(!text.isEmpty());
            label.setManaged(!text.isEmpty());
        }
    }
}
