package io.partita.app.topics;

import atlantafx.base.theme.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;

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

        search = TextFields.createClearableTextField();
        search.setId("topic-search");
        search.setPromptText("Search topics (Ctrl+F)");
        search.textProperty().bindBidirectional(model.filterProperty());
        search.setPrefColumnCount(22);

        CheckBox internal = new CheckBox("Show internal topics");
        internal.setId("show-internal");
        internal.selectedProperty().bindBidirectional(model.showInternalProperty());

        Button newTopic = new Button("New topic…");
        newTopic.setId("new-topic");
        newTopic.getStyleClass().add(Styles.ACCENT);
        newTopic.setOnAction(e -> onNewTopic.run());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, summary, spacer, search, internal, newTopic);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("panel-header");

        TableView<TopicInfo> table = new TableView<>();
        SortedList<TopicInfo> sorted = new SortedList<>(model.visibleTopics());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("topics");
        table.getStyleClass().addAll(Styles.STRIPED, "topics-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<TopicInfo, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setPrefWidth(420);
        TableColumn<TopicInfo, Integer> partitions = new TableColumn<>("Partitions");
        partitions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().partitions()));
        partitions.getStyleClass().add("number-column");
        partitions.setPrefWidth(110);
        TableColumn<TopicInfo, Integer> replication = new TableColumn<>("Replication factor");
        replication.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().replicationFactor()));
        replication.getStyleClass().add("number-column");
        replication.setPrefWidth(150);
        TableColumn<TopicInfo, String> kind = new TableColumn<>("");
        kind.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().internal() ? "internal" : ""));
        kind.getStyleClass().add("muted-column");
        kind.setPrefWidth(90);
        table.getColumns().setAll(java.util.List.of(name, partitions, replication, kind));

        Label placeholder = new Label();
        placeholder.setId("topics-empty");
        placeholder.getStyleClass().add("empty-state");
        placeholder.textProperty().bind(model.emptyMessageProperty());
        table.setPlaceholder(placeholder);
        VBox.setVgrow(table, Priority.ALWAYS);

        getChildren().addAll(header, table);
    }

    /** Puts the cursor in the search field (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }
}
