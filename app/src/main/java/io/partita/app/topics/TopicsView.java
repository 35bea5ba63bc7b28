package io.partita.app.topics;

import atlantafx.base.theme.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The topic list: search, internal-topics switch, New topic, and a table of name / partitions / replication. */
public final class TopicsView extends VBox {
    private final TextField search;

    /**
     * @param onNewTopic opens the New topic dialog (the window owns dialogs)
     */
    public TopicsView(TopicsViewModel model, Runnable onNewTopic) {
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

        TableView<TopicInfo> table = new TableView<>();
        SortedList<TopicInfo> sorted = new SortedList<>(model.visibleTopics());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("topics");
        table.getStyleClass().addAll(Styles.STRIPED, "topics-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

        TableColumn<TopicInfo, TopicInfo> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new NameCell());
        name.setComparator(java.util.Comparator.comparing(TopicInfo::name));
        name.setPrefWidth(480);
        TableColumn<TopicInfo, Integer> partitions = new TableColumn<>("Partitions");
        partitions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().partitions()));
        partitions.getStyleClass().add("number-column");
        partitions.setPrefWidth(110);
        partitions.setMinWidth(100);
        TableColumn<TopicInfo, Integer> replication = new TableColumn<>("Replication factor");
        replication.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().replicationFactor()));
        replication.getStyleClass().add("number-column");
        replication.setPrefWidth(160);
        replication.setMinWidth(160);
        TableColumn<TopicInfo, Integer> under = new TableColumn<>("Under-replicated");
        under.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().underReplicated()));
        under.getStyleClass().add("number-column");
        under.setPrefWidth(160);
        under.setMinWidth(150);
        under.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
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
        table.getColumns().setAll(java.util.List.of(name, partitions, replication, under));

        Label placeholder = new Label();
        placeholder.setId("topics-empty");
        placeholder.getStyleClass().add("empty-state");
        placeholder.textProperty().bind(model.emptyMessageProperty());
        table.setPlaceholder(placeholder);
        VBox.setVgrow(table, Priority.ALWAYS);

        getChildren().addAll(header, toolbar, table);
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
