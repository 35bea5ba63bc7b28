package io.partita.app.topics;

import atlantafx.base.theme.Styles;
import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.client.topics.TopicStats;
import io.partita.app.common.Sizes;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The topic list (search, internal-topics switch, New topic; name, partitions, replication, size, records) over
 * the selected topic's detail. Delete, Add partitions, Edit config and Copy name work from the keyboard, the
 * row's context menu and the detail's buttons.
 */
public final class TopicsView extends VBox {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    /** Ctrl+Shift+P: Ctrl+P alone produces a message, everywhere in the app. */
    private static final KeyCombination ADD_PARTITIONS =
            new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private static final KeyCombination EDIT_CONFIG = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);

    private final TopicsViewModel model;
    private final TextField search;
    private final TableView<TopicInfo> table = new TableView<>();
    private final TopicDetailView detail;
    private final TopicActions actions;

    /**
     * @param onNewTopic opens the New topic dialog (the window owns dialogs)
     */
    public TopicsView(TopicsViewModel model, Runnable onNewTopic) {
        this.model = model;
        this.actions = new TopicActions(model, this, table::requestFocus);
        getStyleClass().add("topics-panel");

        Label title = new Label("Topics");
        title.getStyleClass().addAll(Styles.TITLE_4, "panel-title");
        Label summary = new Label();
        summary.setId("topics-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(model.summaryProperty());

        search = new TextField();
        search.setId("topic-search");
        search.setPromptText("Search topics  (Ctrl+F, Esc clears)");
        search.textProperty().bindBidirectional(model.filterProperty());
        search.setPrefColumnCount(24);
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            }
        });

        CheckBox internal = new CheckBox("Show internal topics");
        internal.setId("show-internal");
        internal.selectedProperty().bindBidirectional(model.showInternalProperty());
        internal.setMinWidth(Region.USE_PREF_SIZE);

        Button newTopic = new Button("New topic…");
        newTopic.setId("new-topic");
        newTopic.getStyleClass().add(Styles.ACCENT);
        newTopic.setMinWidth(Region.USE_PREF_SIZE);
        newTopic.setOnAction(e -> onNewTopic.run());
        title.setMinWidth(Region.USE_PREF_SIZE);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, summary, spacer, newTopic);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("panel-header");
        HBox toolbar = new HBox(16, search, internal);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("panel-toolbar");

        SortedList<TopicInfo> sorted = new SortedList<>(model.visibleTopics());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("topics");
        table.getStyleClass().addAll(Styles.STRIPED, "topics-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

        TableColumn<TopicInfo, TopicInfo> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new NameCell());
        name.setComparator(Comparator.comparing(TopicInfo::name));
        name.setPrefWidth(300);
        name.setMinWidth(140);
        TableColumn<TopicInfo, Integer> partitions = new TableColumn<>("Partitions");
        partitions.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().partitions()));
        partitions.getStyleClass().add("number-column");
        partitions.setPrefWidth(110);
        partitions.setMinWidth(100);
        TableColumn<TopicInfo, Integer> replication = new TableColumn<>("Replication factor");
        replication.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().replicationFactor()));
        replication.getStyleClass().add("number-column");
        replication.setPrefWidth(160);
        replication.setMinWidth(160);
        TableColumn<TopicInfo, Integer> under = new TableColumn<>("Under-replicated");
        under.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().underReplicated()));
        under.getStyleClass().add("number-column");
        under.setPrefWidth(160);
        under.setMinWidth(150);
        under.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Integer count, boolean empty) {
                super.updateItem(count, empty);
                setText(empty || count == null ? null : count.toString());
                // Only a problem is worth a colour: a partition missing in-sync replicas.
                getStyleClass().remove("under-replicated");
                if (!empty && count != null && count > 0) {
                    getStyleClass().add("under-replicated");
                }
            }
        });
        TableColumn<TopicInfo, TopicStats> size = statsColumn(
                "Size",
                TopicStats::sizeBytes,
                Sizes::bytes,
                "Bytes on disk of the partitions' leader replicas (followers hold copies). \"—\" when the cluster "
                        + "did not say (e.g. DescribeLogDirs not allowed, or a partition without a leader).");
        size.setId("size-column");
        TableColumn<TopicInfo, TopicStats> records = statsColumn(
                "Records",
                TopicStats::records,
                Sizes::count,
                "Latest minus earliest offset, summed over partitions: an upper bound, since compacted or deleted "
                        + "records and transaction markers still take offsets.");
        records.setId("records-column");
        table.getColumns().setAll(List.of(name, partitions, replication, under, size, records));
        table.setRowFactory(t -> topicRow());
        table.setOnKeyPressed(e -> {
            TopicInfo selected = table.getSelectionModel().getSelectedItem();
            if (selected == null) {
                return;
            }
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                actions.confirmDelete(selected);
            } else if (e.getCode() == KeyCode.ENTER) {
                focusDetail();
            } else if (COPY.match(e)) {
                actions.copyName(selected);
            } else if (ADD_PARTITIONS.match(e)) {
                actions.addPartitions(selected);
            } else if (EDIT_CONFIG.match(e)) {
                actions.editConfig(selected.name(), "");
            } else {
                return;
            }
            e.consume();
        });
        followSelection();

        Label placeholder = new Label();
        placeholder.setId("topics-empty");
        placeholder.getStyleClass().add("empty-state");
        placeholder.textProperty().bind(model.emptyMessageProperty());
        table.setPlaceholder(placeholder);

        Label notice = new Label();
        notice.setId("topics-notice");
        notice.setWrapText(true);
        notice.getStyleClass().add("topics-notice");
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        model.noticeIsErrorProperty().addListener((obs, was, isError) -> styleNotice(notice, isError));
        styleNotice(notice, model.noticeIsErrorProperty().get());
        // Good news fades after a while; an error stays until the next action, so it is not missed.
        PauseTransition fade = new PauseTransition(Duration.seconds(6));
        model.noticeProperty().addListener((obs, was, now) -> {
            fade.stop();
            if (!now.isEmpty() && !model.noticeIsErrorProperty().get() && !now.endsWith("…")) {
                fade.setOnFinished(e -> {
                    if (model.noticeProperty().get().equals(now)) {
                        model.clearNotice();
                    }
                });
                fade.playFromStart();
            }
        });

        detail = new TopicDetailView(
                model.detail(),
                () -> withShownTopic(actions::addPartitions),
                config -> withShownTopic(t -> actions.editConfig(t.name(), config)),
                () -> withShownTopic(actions::confirmDelete));
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        split.getStyleClass().add("topics-split");
        VBox.setVgrow(split, Priority.ALWAYS);

        getChildren().addAll(header, toolbar, notice, split);
    }

    private static void styleNotice(Label notice, boolean isError) {
        notice.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        notice.getStyleClass().add(isError ? Styles.DANGER : Styles.TEXT_MUTED);
    }

    /**
     * Keeps the detail on the selected topic. A list refresh that changes rows replaces them and drops the
     * table's selection for a moment: the topic stays shown and is selected again, unless it is gone.
     */
    private void followSelection() {
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.selectedTopicProperty().set(now.name());
            } else if (table.getItems().stream()
                    .noneMatch(
                            t -> t.name().equals(model.selectedTopicProperty().get()))) {
                model.selectedTopicProperty().set(null);
            }
        });
        table.getItems().addListener((ListChangeListener<TopicInfo>) change -> {
            String shown = model.selectedTopicProperty().get();
            TopicInfo selected = table.getSelectionModel().getSelectedItem();
            if (shown != null && (selected == null || !selected.name().equals(shown))) {
                table.getItems().stream()
                        .filter(t -> t.name().equals(shown))
                        .findFirst()
                        .ifPresentOrElse(
                                t -> table.getSelectionModel().select(t),
                                () -> model.selectedTopicProperty().set(null));
            }
        });
    }

    private TableRow<TopicInfo> topicRow() {
        TableRow<TopicInfo> row = new TableRow<>();
        MenuItem copy = new MenuItem("Copy name");
        copy.setId("menu-copy-name");
        copy.setAccelerator(COPY);
        copy.setOnAction(e -> actions.copyName(row.getItem()));
        MenuItem add = new MenuItem("Add partitions…");
        add.setId("menu-add-partitions");
        add.setAccelerator(ADD_PARTITIONS);
        add.setOnAction(e -> actions.addPartitions(row.getItem()));
        MenuItem edit = new MenuItem("Edit config…");
        edit.setId("menu-edit-config");
        edit.setAccelerator(EDIT_CONFIG);
        edit.setOnAction(e -> actions.editConfig(row.getItem().name(), ""));
        MenuItem delete = new MenuItem("Delete…");
        delete.setId("menu-delete");
        delete.setAccelerator(new KeyCodeCombination(KeyCode.DELETE));
        delete.getStyleClass().add("danger-item");
        delete.setOnAction(e -> actions.confirmDelete(row.getItem()));
        ContextMenu menu = new ContextMenu(copy, add, edit, new SeparatorMenuItem(), delete);
        menu.setOnShowing(
                e -> delete.setDisable(row.getItem() == null || row.getItem().internal()));
        row.contextMenuProperty()
                .bind(Bindings.when(row.emptyProperty())
                        .then((ContextMenu) null)
                        .otherwise(menu));
        row.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                detail.focusPartitions();
            }
        });
        return row;
    }

    private TableColumn<TopicInfo, TopicStats> statsColumn(
            String title, ToLongFunction<TopicStats> value, LongFunction<String> format, String explanation) {
        TableColumn<TopicInfo, TopicStats> column = new TableColumn<>();
        Label header = new Label(title);
        Tooltip tip = new Tooltip(explanation);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        header.setTooltip(tip);
        column.setGraphic(header);
        column.setCellValueFactory(c -> {
            ObjectBinding<TopicStats> stats =
                    Bindings.valueAt(model.statsMap(), c.getValue().name());
            return Bindings.createObjectBinding(() -> stats.get() == null ? TopicStats.NONE : stats.get(), stats);
        });
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(TopicStats stats, boolean empty) {
                super.updateItem(stats, empty);
                setText(empty || stats == null ? null : format.apply(value.applyAsLong(stats)));
            }
        });
        column.setComparator(Comparator.comparingLong(value));
        column.getStyleClass().add("number-column");
        column.setPrefWidth(100);
        column.setMinWidth(95);
        return column;
    }

    private void withShownTopic(Consumer<TopicInfo> action) {
        String shown = model.selectedTopicProperty().get();
        if (shown != null) {
            model.topic(shown).ifPresent(action);
        }
    }

    /** Copy, delete, add partitions, edit config: what the keys, the context menu and the detail's buttons do. */
    public TopicActions actions() {
        return actions;
    }

    private void focusDetail() {
        detail.focusPartitions();
    }

    /** The topic's name; internal topics (shown on request) carry a small "internal" badge. */
    private static final class NameCell extends TableCell<TopicInfo, TopicInfo> {
        private final Label badge = new Label("internal");

        NameCell() {
            badge.getStyleClass().addAll("badge", "badge-muted");
            setContentDisplay(ContentDisplay.RIGHT);
            setGraphicTextGap(10);
        }

        @Override
        protected void updateItem(TopicInfo topic, boolean empty) {
            super.updateItem(topic, empty);
            setText(empty || topic == null ? null : topic.name());
            setGraphic(empty || topic == null || !topic.internal() ? null : badge);
        }
    }

    /** Puts the cursor in the search field (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }
}
