package io.partita.app.topics;

import atlantafx.base.theme.Styles;
import io.partita.app.client.topics.PartitionDetail;
import io.partita.app.client.topics.TopicConfig;
import io.partita.app.client.topics.TopicDetail;
import io.partita.app.common.Sizes;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The selected topic: its partitions (leader, replicas, ISR, offsets, size) and its configs, overrides first. */
public final class TopicDetailView extends VBox {
    private static final PseudoClass OVERRIDDEN = PseudoClass.getPseudoClass("overridden");

    private final TableView<PartitionDetail> partitions = new TableView<>();
    private final TableView<TopicConfig> configs = new TableView<>();

    /**
     * @param onAddPartitions opens Add partitions for the shown topic
     * @param onEditConfig    opens Edit config on a config name ("" for none chosen yet)
     * @param onDelete        asks to delete the shown topic
     */
    public TopicDetailView(
            TopicDetailViewModel model, Runnable onAddPartitions, Consumer<String> onEditConfig, Runnable onDelete) {
        getStyleClass().add("topic-detail");
        setId("topic-detail");

        Label title = new Label();
        title.setId("detail-title");
        title.getStyleClass().addAll(Styles.TITLE_4);
        title.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.topicProperty().get() == null
                                ? "Topic detail"
                                : model.topicProperty().get(),
                        model.topicProperty()));
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label facts = new Label();
        facts.setId("detail-facts");
        facts.getStyleClass().add(Styles.TEXT_MUTED);
        facts.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> describe(model.detailProperty().get()), model.detailProperty()));

        Button add = new Button("Add partitions…");
        add.setId("detail-add-partitions");
        add.setOnAction(e -> onAddPartitions.run());
        Button edit = new Button("Edit config…");
        edit.setId("detail-edit-config");
        edit.setOnAction(e -> onEditConfig.accept(selectedConfigName()));
        Button delete = new Button("Delete…");
        delete.setId("detail-delete");
        delete.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        delete.setOnAction(e -> onDelete.run());
        for (Button b : List.of(add, edit, delete)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.disableProperty().bind(model.detailProperty().isNull());
        }
        // The cluster's own topics are not deleted from here; the button says so rather than failing later.
        delete.disableProperty().unbind();
        delete.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.detailProperty().get() == null
                                || model.detailProperty().get().internal(),
                        model.detailProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, facts, spacer, add, edit, delete);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("detail-header");

        Label message = new Label();
        message.setId("detail-message");
        message.getStyleClass().add("empty-state");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        buildPartitionTable(model);
        buildConfigTable(model, onEditConfig);
        Tab partitionsTab = new Tab("Partitions", partitions);
        partitionsTab.setId("detail-partitions-tab");
        Tab configsTab = new Tab("Configs", configs);
        configsTab.setId("detail-configs-tab");
        TabPane tabs = new TabPane(partitionsTab, configsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.visibleProperty().bind(model.detailProperty().isNotNull());

        StackPane body = new StackPane(tabs, message);
        message.visibleProperty()
                .bind(model.messageProperty()
                        .isNotEmpty()
                        .and(model.detailProperty().isNull()));
        VBox.setVgrow(body, Priority.ALWAYS);
        // A failed refresh of a shown topic (e.g. deleted elsewhere) says so above the tables.
        Label stale = new Label();
        stale.setId("detail-problem");
        stale.getStyleClass().addAll(Styles.DANGER, "message");
        stale.textProperty().bind(model.messageProperty());
        stale.visibleProperty()
                .bind(model.messageProperty()
                        .isNotEmpty()
                        .and(model.detailProperty().isNotNull()));
        stale.managedProperty().bind(stale.visibleProperty());
        getChildren().addAll(header, stale, body);
    }

    private static String describe(TopicDetail d) {
        if (d == null) {
            return "";
        }
        long size = 0;
        long records = 0;
        for (PartitionDetail p : d.partitions()) {
            size = size < 0 || p.sizeBytes() < 0 ? -1 : size + p.sizeBytes();
            records = records < 0 || p.records() < 0 ? -1 : records + p.records();
        }
        int n = d.partitions().size();
        return (n == 1 ? "1 partition" : n + " partitions") + "  ·  RF " + d.replicationFactor()
                + "  ·  " + Sizes.bytes(size) + "  ·  " + Sizes.count(records) + " records"
                + (d.internal() ? "  ·  internal" : "");
    }

    private void buildPartitionTable(TopicDetailViewModel model) {
        partitions.setId("partition-table");
        partitions.setItems(model.partitions());
        partitions.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, "partition-table");
        partitions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label empty = new Label("No partitions.");
        empty.getStyleClass().add("empty-state");
        partitions.setPlaceholder(empty);

        TableColumn<PartitionDetail, Integer> partition = number("Partition", PartitionDetail::partition, 85);
        TableColumn<PartitionDetail, PartitionDetail> leader = new TableColumn<>("Leader");
        leader.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        leader.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(PartitionDetail p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().remove("no-leader");
                if (empty || p == null) {
                    setText(null);
                } else if (p.leader() == PartitionDetail.NO_LEADER) {
                    setText("none");
                    getStyleClass().add("no-leader");
                } else {
                    setText("broker " + p.leader());
                }
            }
        });
        leader.setPrefWidth(90);
        leader.setMinWidth(75);
        TableColumn<PartitionDetail, PartitionDetail> replicas = new TableColumn<>("Replicas");
        replicas.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        replicas.setCellFactory(c -> new ReplicasCell());
        replicas.setPrefWidth(110);
        replicas.setMinWidth(85);
        replicas.setSortable(false);
        TableColumn<PartitionDetail, PartitionDetail> isr = new TableColumn<>("ISR");
        isr.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        isr.setCellFactory(c -> new IsrCell());
        isr.setPrefWidth(90);
        isr.setMinWidth(70);
        isr.setSortable(false);
        TableColumn<PartitionDetail, String> start = explained(
                "Log start",
                "The first offset still in the log: " + "older records were deleted by retention or DeleteRecords.",
                p -> Sizes.count(p.logStartOffset()),
                100);
        TableColumn<PartitionDetail, String> hw = explained(
                "High watermark",
                "The offset up to which records are on "
                        + "every in-sync replica; consumers read up to here. The leader's log end offset can be a little ahead "
                        + "while followers catch up; Kafka's client API does not report it, so it is not shown.",
                p -> Sizes.count(p.highWatermark()),
                150);
        TableColumn<PartitionDetail, String> records = explained(
                "Records",
                "High watermark minus log start: an upper "
                        + "bound, since compacted records and transaction markers take offsets too.",
                p -> Sizes.count(p.records()),
                95);
        TableColumn<PartitionDetail, String> size =
                explained("Size", "Bytes on the leader's disk (DescribeLogDirs).", p -> Sizes.bytes(p.sizeBytes()), 85);
        partitions.getColumns().setAll(List.of(partition, leader, replicas, isr, start, hw, records, size));
    }

    private void buildConfigTable(TopicDetailViewModel model, Consumer<String> onEditConfig) {
        configs.setId("config-table");
        configs.setItems(model.configs());
        configs.getStyleClass().addAll(Styles.DENSE, "config-table");
        configs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label empty = new Label();
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        empty.textProperty().bind(model.configsMessageProperty());
        configs.setPlaceholder(empty);

        TableColumn<TopicConfig, TopicConfig> name = new TableColumn<>("Config");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new ConfigNameCell());
        name.setPrefWidth(260);
        name.setSortable(false);
        TableColumn<TopicConfig, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                c.getValue().sensitive()
                        ? "(hidden)"
                        : c.getValue().value() == null ? "" : c.getValue().value()));
        value.setPrefWidth(260);
        value.setSortable(false);
        TableColumn<TopicConfig, String> source = new TableColumn<>("Source");
        source.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().source()));
        source.setPrefWidth(130);
        source.setSortable(false);
        configs.getColumns().setAll(List.of(name, value, source));
        configs.setRowFactory(t -> {
            TableRow<TopicConfig> row = new TableRow<>() {
                @Override
                protected void updateItem(TopicConfig config, boolean empty) {
                    super.updateItem(config, empty);
                    pseudoClassStateChanged(OVERRIDDEN, !empty && config != null && config.overridden());
                    setTooltip(
                            empty || config == null || config.documentation().isEmpty()
                                    ? null
                                    : wrapped(config.documentation()));
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    onEditConfig.accept(row.getItem().name());
                }
            });
            return row;
        });
        configs.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && configs.getSelectionModel().getSelectedItem() != null) {
                onEditConfig.accept(selectedConfigName());
                e.consume();
            }
        });
    }

    private String selectedConfigName() {
        TopicConfig selected = configs.getSelectionModel().getSelectedItem();
        return selected == null ? "" : selected.name();
    }

    /** Moves the keyboard focus to the partition table (Enter on the topic list). */
    public void focusPartitions() {
        partitions.requestFocus();
        if (partitions.getSelectionModel().isEmpty() && !partitions.getItems().isEmpty()) {
            partitions.getSelectionModel().select(0);
        }
    }

    private static Tooltip wrapped(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        return tip;
    }

    /** A column header with a tooltip that explains it. */
    private static Label hint(String text, String explanation) {
        Label label = new Label(text);
        label.setTooltip(wrapped(explanation));
        return label;
    }

    private static TableColumn<PartitionDetail, Integer> number(
            String title, Function<PartitionDetail, Integer> value, double width) {
        TableColumn<PartitionDetail, Integer> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.getStyleClass().add("number-column");
        column.setPrefWidth(width);
        column.setMinWidth(width);
        return column;
    }

    /** A right-aligned text column whose header explains it in a tooltip. */
    private static TableColumn<PartitionDetail, String> explained(
            String title, String explanation, Function<PartitionDetail, String> value, double width) {
        TableColumn<PartitionDetail, String> column = new TableColumn<>();
        column.setGraphic(hint(title, explanation));
        column.setSortable(false); // formatted text would sort as text ("10" before "9")
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.getStyleClass().add("number-column");
        column.setPrefWidth(width);
        column.setMinWidth(width);
        return column;
    }

    private static String ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /**
     * The replicas in assignment order (the first is the preferred leader), those out of the ISR in the danger
     * colour: behind the leader, or on a broker that is down.
     */
    private static final class ReplicasCell extends TableCell<PartitionDetail, PartitionDetail> {
        private final HBox ids = new HBox(8);

        ReplicasCell() {
            ids.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(PartitionDetail p, boolean empty) {
            super.updateItem(p, empty);
            setText(null);
            if (empty || p == null) {
                setGraphic(null);
                return;
            }
            ids.getChildren()
                    .setAll(p.replicas().stream()
                            .map(r -> {
                                Label id = new Label(String.valueOf(r));
                                if (!p.isr().contains(r)) {
                                    id.getStyleClass().add("out-of-sync");
                                    id.setTooltip(new Tooltip("Replica on broker " + r + " is not in sync"));
                                }
                                return id;
                            })
                            .toList());
            setGraphic(ids);
        }
    }

    /** The ISR as the cluster reports it. */
    private static final class IsrCell extends TableCell<PartitionDetail, PartitionDetail> {
        @Override
        protected void updateItem(PartitionDetail p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.isr().isEmpty() ? "none" : ids(p.isr()));
        }
    }

    /** The config's name, with an "override" badge when the topic sets it itself. */
    private static final class ConfigNameCell extends TableCell<TopicConfig, TopicConfig> {
        private final Label badge = new Label("override");

        ConfigNameCell() {
            badge.getStyleClass().addAll("badge", "badge-accent");
            setContentDisplay(ContentDisplay.RIGHT);
            setGraphicTextGap(8);
        }

        @Override
        protected void updateItem(TopicConfig config, boolean empty) {
            super.updateItem(config, empty);
            setText(empty || config == null ? null : config.name());
            setGraphic(empty || config == null || !config.overridden() ? null : badge);
        }
    }
}
