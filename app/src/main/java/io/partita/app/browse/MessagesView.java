package io.partita.app.browse;

import atlantafx.base.theme.Styles;
import io.partita.app.client.records.Bytes;
import io.partita.app.client.records.JsonLines;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessageFilter;
import io.partita.app.common.ClipboardText;
import io.partita.app.common.Dialogs;
import io.partita.app.common.HintedChoice;
import io.partita.app.common.StartChoice;
import io.partita.app.produce.ProduceDialog;
import io.partita.app.replay.ReplayDialog;
import io.partita.app.transfer.TransferWindows;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The message browser: choose a topic, a partition and where to start; read a page; page back and forth; see
 * the selected record's value as text, JSON, hex or Base64, and copy it.
 */
public final class MessagesView extends VBox {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    /** Follow on and off; Ctrl+F finds, Ctrl+R refreshes: T for tail. */
    static final KeyCombination FOLLOW_KEYS = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);

    private final ComboBox<String> topic;
    private TextField searchText;
    private final MessagesViewModel model;
    private ProduceDialog produceDialog;
    private ReplayDialog replayDialog;
    private final TransferWindows transfers;

    public MessagesView(MessagesViewModel model) {
        this.model = model;
        this.transfers = new TransferWindows(
                model.forms()::export,
                model.forms()::importForm,
                () -> getScene() == null ? null : getScene().getWindow());
        getStyleClass().add("messages-panel");
        setId("messages-panel");

        topic = new ComboBox<>(model.topics());
        topic.setId("browse-topic");
        topic.setPromptText("Topic");
        topic.setPrefWidth(200);
        topic.setMinWidth(125); // a name stays readable; the offset field gives way first
        topic.valueProperty().addListener((o, was, name) -> model.chooseTopic(name));
        model.topicProperty().addListener((o, was, name) -> topic.setValue(name));
        ComboBox<Integer> partition = new ComboBox<>(model.partitions());
        partition.setId("browse-partition");
        partition.setPromptText("Partition");
        partition.setMinWidth(Region.USE_PREF_SIZE);
        partition.setPrefWidth(150);
        partition.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer p) {
                return p == null ? "" : p == MessagesViewModel.ALL_PARTITIONS ? "All partitions" : "partition " + p;
            }

            @Override
            public Integer fromString(String text) {
                return null; // not editable
            }
        });
        partition.valueProperty().bindBidirectional(model.partitionProperty());
        ChoiceBox<StartChoice> start = new ChoiceBox<>(FXCollections.observableArrayList(StartChoice.values()));
        start.setId("browse-start");
        start.valueProperty().bindBidirectional(model.startProperty());
        TextField startInput = new TextField();
        startInput.setId("browse-start-value");
        startInput.textProperty().bindBidirectional(model.startInputProperty());
        HintedChoice.bindInput(startInput, model.startProperty());
        HBox.setHgrow(startInput, Priority.ALWAYS);
        startInput.setOnAction(e -> model.read());
        Button read = new Button("Read");
        read.setId("browse-go");
        read.getStyleClass().add(Styles.ACCENT);
        read.setOnAction(e -> model.read());
        read.disableProperty().bind(model.readingProperty());
        read.setMinWidth(Region.USE_PREF_SIZE);
        Button previous = new Button("◀ Older");
        previous.setId("browse-previous");
        previous.setOnAction(e -> model.previous());
        previous.disableProperty()
                .bind(model.hasPreviousProperty()
                        .not()
                        .or(model.readingProperty())
                        .or(model.followingProperty()));
        previous.setMinWidth(Region.USE_PREF_SIZE);
        Button next = new Button("Newer ▶");
        next.setId("browse-next");
        next.setOnAction(e -> model.next());
        next.disableProperty()
                .bind(model.hasNextProperty().not().or(model.readingProperty()).or(model.followingProperty()));
        next.setMinWidth(Region.USE_PREF_SIZE);
        Label from = new Label("from");
        from.setMinWidth(Region.USE_PREF_SIZE);
        start.setPrefWidth(110); // its longest choice fits; the topic's name needs the room more
        start.setMinWidth(Region.USE_PREF_SIZE);
        startInput.setMinWidth(60);
        Button produce = new Button("Produce…");
        produce.setId("produce-open");
        produce.setMinWidth(Region.USE_PREF_SIZE);
        produce.setOnAction(e -> openProduceDialog());
        ToggleButton follow = new ToggleButton("Follow");
        follow.setId("browse-follow");
        follow.setMinWidth(Region.USE_PREF_SIZE);
        follow.setTooltip(new Tooltip(
                "Follow new records as they arrive, newest at the bottom (" + FOLLOW_KEYS.getDisplayText() + ")"));
        follow.selectedProperty().bindBidirectional(model.followingProperty());
        HBox toolbar = new HBox(8, topic, partition, from, start, startInput, read, previous, next, follow);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("panel-toolbar");

        Label error = new Label();
        error.setId("browse-error");
        error.getStyleClass().addAll(Styles.DANGER, "browse-error");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Label status = new Label();
        status.setId("browse-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.statusProperty());
        Region statusGap = new Region();
        HBox.setHgrow(statusGap, Priority.ALWAYS);
        produce.getStyleClass().add(Styles.SMALL);
        Button replay = new Button("Replay…");
        replay.setId("replay-open");
        replay.setMinWidth(Region.USE_PREF_SIZE);
        replay.getStyleClass().add(Styles.SMALL);
        replay.setOnAction(e -> openReplayDialog());
        Button export = new Button("Export…");
        export.setId("export-open");
        export.setMinWidth(Region.USE_PREF_SIZE);
        export.getStyleClass().add(Styles.SMALL);
        export.setOnAction(e -> openExportDialog());
        HBox statusLine = new HBox(12, error, status, statusGap, export, replay, produce);
        statusLine.setAlignment(Pos.CENTER_LEFT);
        statusLine.getStyleClass().add("browse-status-line");

        HBox searchBar = searchBar(model.searchBar());
        // On a line of its own, shown only while there is something to fix: a regex error needs its whole text.
        Label validation =
                Dialogs.validationLabel("search-validation", model.searchBar().validationProperty());
        HBox validationLine = new HBox(validation);
        validationLine.getStyleClass().add("search-validation-line");
        validationLine.visibleProperty().bind(validation.visibleProperty());
        validationLine.managedProperty().bind(validation.visibleProperty());

        TableView<Message> table = new TableView<>(model.messages());
        table.setId("messages");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, "messages-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Message, Long> partitionColumn = number("Partition", m -> (long) m.partition(), 92);
        // Shown when the rows come from several partitions: one partition's rows all have the same.
        partitionColumn.visibleProperty().bind(model.severalPartitionsProperty());
        table.getColumns()
                .setAll(List.of(
                        partitionColumn,
                        number("Offset", Message::offset, 90),
                        fixed(text("Timestamp", m -> TIME.format(Instant.ofEpochMilli(m.timestamp())), 210)),
                        text("Key", m -> Bytes.preview(m.key(), 60), 140),
                        text(
                                "Headers",
                                m -> m.headers().stream()
                                        .map(Message.Header::toString)
                                        .collect(Collectors.joining(", ")),
                                140),
                        number("Size", m -> (long) m.size(), 70),
                        text("Value", m -> Bytes.preview(m.value(), 200), 400)));
        Label empty = new Label("Choose a topic and a partition, then Read.");
        empty.getStyleClass().add("empty-state");
        table.setPlaceholder(empty);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE); // Export selected…
        table.getSelectionModel().selectedItemProperty().addListener((o, was, m) -> {
            if (m != null) {
                model.selectedProperty().set(m);
            }
        });
        model.selectedProperty().addListener((o, was, m) -> {
            if (m != null && table.getSelectionModel().getSelectedItem() != m) {
                table.getSelectionModel().select(m);
            }
        });
        table.setRowFactory(t -> {
            TableRow<Message> row = new TableRow<>();
            MenuItem copyValue = new MenuItem("Copy value");
            copyValue.setOnAction(e -> ClipboardText.copy(
                    row.getItem() == null
                            ? ""
                            : Bytes.asText(row.getItem().value())
                                    .orElseGet(() -> ValueFormats.BASE64.render(
                                            row.getItem().value()))));
            MenuItem copyKey = new MenuItem("Copy key");
            copyKey.setOnAction(e -> ClipboardText.copy(
                    row.getItem() == null ? "" : Bytes.preview(row.getItem().key(), Integer.MAX_VALUE)));
            MenuItem copyJson = new MenuItem("Copy as JSON line");
            copyJson.setOnAction(e -> ClipboardText.copy(row.getItem() == null ? "" : JsonLines.write(row.getItem())));
            MenuItem exportSelected = new MenuItem("Export selected…");
            exportSelected.setId("export-selected");
            exportSelected.setOnAction(e -> transfers.openExport(t.getSelectionModel().getSelectedItems().stream()
                    .filter(Objects::nonNull)
                    .toList()));
            row.contextMenuProperty()
                    .bind(Bindings.when(row.emptyProperty())
                            .then((ContextMenu) null)
                            .otherwise(new ContextMenu(copyValue, copyKey, copyJson, exportSelected)));
            return row;
        });

        ChoiceBox<ValueFormat> format = new ChoiceBox<>(FXCollections.observableArrayList(ValueFormats.all()));
        format.setId("value-format");
        format.setValue(model.formatProperty().get());
        model.formatProperty().addListener((o, was, f) -> format.setValue(f));
        format.setOnAction(e -> {
            if (format.getValue() != model.formatProperty().get()) {
                model.chooseFormat(format.getValue());
            }
        });
        Button copy = new Button("Copy");
        copy.setId("copy-detail");
        copy.getStyleClass().add(Styles.SMALL);
        copy.setOnAction(e -> ClipboardText.copy(model.detailProperty().get()));
        Label detailTitle = new Label("Value");
        detailTitle.getStyleClass().add(Styles.TEXT_BOLD);
        HBox detailBar = new HBox(8, detailTitle, format, copy);
        detailBar.setAlignment(Pos.CENTER_LEFT);
        detailBar.getStyleClass().add("detail-bar");
        TextArea detail = new TextArea();
        detail.setId("message-detail");
        detail.setEditable(false);
        detail.getStyleClass().add("message-detail");
        detail.textProperty().bind(model.detailProperty());
        VBox.setVgrow(detail, Priority.ALWAYS);
        VBox detailPane = new VBox(6, detailBar, detail);
        detailPane.getStyleClass().add("detail-pane");

        SplitPane split = new SplitPane(table, detailPane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(toolbar, searchBar, validationLine, statusLine, split);
        followTheTail(table);
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (FOLLOW_KEYS.match(e)) {
                model.followingProperty().set(!model.followingProperty().get());
                e.consume();
            }
        });
    }

    /**
     * Text, where to look, regex or not, an optional time range; Search runs on the chosen partitions from the
     * chosen start, with a bar for the records scanned and Cancel while it runs.
     */
    private HBox searchBar(MessageSearch search) {
        searchText = new TextField();
        searchText.setId("search-text");
        searchText.setPromptText("Search records (substring, or a regex)");
        searchText.textProperty().bindBidirectional(search.textProperty());
        searchText.setOnAction(e -> model.search());
        HBox.setHgrow(searchText, Priority.ALWAYS);
        searchText.setMinWidth(120);
        ChoiceBox<MessageFilter.Field> field =
                new ChoiceBox<>(FXCollections.observableArrayList(MessageFilter.Field.values()));
        field.setId("search-field");
        field.valueProperty().bindBidirectional(search.fieldProperty());
        field.setMinWidth(Region.USE_PREF_SIZE);
        field.setConverter(new StringConverter<>() {
            @Override
            public String toString(MessageFilter.Field f) {
                return f == null
                        ? ""
                        : f == MessageFilter.Field.ANY
                                ? "Anywhere"
                                : "In " + f.toString().toLowerCase();
            }

            @Override
            public MessageFilter.Field fromString(String text) {
                return null; // not editable
            }
        });
        field.setTooltip(new Tooltip("Where to look: the key, the value, the headers (name=value) or any of them"));
        CheckBox regex = new CheckBox("Regex");
        regex.setId("search-regex");
        regex.selectedProperty().bindBidirectional(search.regexProperty());
        regex.setMinWidth(Region.USE_PREF_SIZE);
        TextField fromTime = new TextField();
        fromTime.setId("search-from");
        fromTime.setPromptText("from time");
        fromTime.setTooltip(new Tooltip("Only records at or after this time, e.g. 2026-11-25 14:30 (optional)"));
        fromTime.textProperty().bindBidirectional(search.fromTimeProperty());
        fromTime.setOnAction(e -> model.search());
        fromTime.setPrefWidth(110);
        fromTime.setMinWidth(90);
        TextField toTime = new TextField();
        toTime.setId("search-to");
        toTime.setPromptText("until time");
        toTime.setTooltip(new Tooltip("Only records before this time, e.g. 2026-11-25 15:00 (optional)"));
        toTime.textProperty().bindBidirectional(search.toTimeProperty());
        toTime.setOnAction(e -> model.search());
        toTime.setPrefWidth(110);
        toTime.setMinWidth(90);
        Button go = new Button("Search");
        go.setId("search-go");
        go.setMinWidth(Region.USE_PREF_SIZE);
        go.setOnAction(e -> model.search());
        go.disableProperty().bind(search.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("search-cancel");
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setOnAction(e -> model.cancelSearch());
        cancel.visibleProperty().bind(search.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("search-progress");
        progress.getStyleClass().add("search-progress");
        progress.progressProperty().bind(search.progressProperty());
        progress.visibleProperty().bind(search.lastProperty().isNotNull().or(search.runningProperty()));
        progress.managedProperty().bind(progress.visibleProperty());
        HBox bar = new HBox(8, searchText, field, regex, fromTime, toTime, go, cancel, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("search-bar");
        return bar;
    }

    /**
     * While following, new rows land at the bottom: the table scrolls to them only if the user was already at the
     * bottom, so reading an older row is never pulled away from.
     */
    private void followTheTail(TableView<Message> table) {
        model.followingProperty().addListener((o, was, on) -> {
            if (on && !model.messages().isEmpty()) {
                table.scrollTo(model.messages().size() - 1); // turning Follow on goes to where the new rows land
            }
        });
        model.messages().addListener((ListChangeListener<Message>) change -> {
            int added = 0;
            while (change.next()) {
                added += change.getAddedSize();
            }
            if (!model.followingProperty().get() || added == 0) {
                return;
            }
            // The cells still show the rows as laid out before this change (the table lays out at the next pulse):
            // was the last row before it on screen?
            int lastBefore = model.messages().size() - added - 1;
            VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
            IndexedCell<?> lastShown = flow == null ? null : flow.getLastVisibleCell();
            if (lastBefore < 0 || lastShown == null || lastShown.getIndex() >= lastBefore) {
                Platform.runLater(() -> {
                    table.scrollTo(model.messages().size() - 1);
                    // Lay the rows out now, not at the next pulse: the next batch asks which rows are on screen,
                    // and until then the cells would still show the rows from before this scroll. Two batches
                    // in one frame (one per partition) then left the newest rows below the bottom.
                    table.layout();
                });
            }
        });
    }

    /** Puts the cursor in the search's text (Ctrl+F while the Messages tab shows). */
    public void focusSearch() {
        searchText.requestFocus();
        searchText.selectAll();
    }

    /** Opens the produce window (one at a time), on the topic being browsed. */
    public void openProduceDialog() {
        if (produceDialog != null && produceDialog.isShowing()) {
            produceDialog.getDialogPane().getScene().getWindow().requestFocus();
            return;
        }
        produceDialog = new ProduceDialog(
                getScene() == null ? null : getScene().getWindow(),
                model.forms().produce(),
                model::show);
        produceDialog.show();
    }

    /** Opens the replay window (one at a time), on the partition being browsed. */
    public void openReplayDialog() {
        if (replayDialog != null && replayDialog.isShowing()) {
            replayDialog.getDialogPane().getScene().getWindow().requestFocus();
            return;
        }
        replayDialog = new ReplayDialog(
                getScene() == null ? null : getScene().getWindow(),
                model.forms().replay());
        replayDialog.show();
    }

    /** Opens the export window on the partition being browsed (Ctrl+Shift+E, or Export…). */
    public void openExportDialog() {
        transfers.openExport(List.of());
    }

    /** Opens the import window, into the topic being browsed (Ctrl+Shift+I). */
    public void openImportDialog() {
        transfers.openImport();
    }

    /** Puts the cursor in the topic choice (Ctrl+4 lands here). */
    public void focusTopic() {
        topic.requestFocus();
    }

    private static TableColumn<Message, String> text(String title, Function<Message, String> value, double width) {
        TableColumn<Message, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static <T> TableColumn<Message, T> fixed(TableColumn<Message, T> column) {
        column.setMinWidth(column.getPrefWidth());
        return column;
    }

    private static TableColumn<Message, Long> number(String title, Function<Message, Long> value, double width) {
        TableColumn<Message, Long> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.getStyleClass().add("number-column");
        column.setPrefWidth(width);
        column.setMinWidth(width); // figures are never cut
        return column;
    }
}
