package io.partita.app.produce;

import atlantafx.base.theme.Styles;
import io.partita.app.client.produce.Delivery;
import io.partita.app.client.produce.ProduceInput;
import io.partita.app.client.produce.Sent;
import io.partita.app.client.produce.Template;
import io.partita.app.common.Dialogs;
import java.io.File;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * The produce form as a window beside the browser: Send (Ctrl+Enter) keeps it open for the next record, and
 * every record sent is listed with its partition and offset, one click from showing it in the browser. With
 * Batch on, Send generates many records from templates at a rate, with a progress bar, Cancel and a summary.
 */
public final class ProduceDialog extends Dialog<Void> {
    public static final ButtonType SEND = new ButtonType("Send", ButtonBar.ButtonData.OK_DONE);
    private static final KeyCombination SEND_KEYS = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    /** @param show opens a delivered record in the browser */
    public ProduceDialog(Window owner, ProduceViewModel model, Consumer<Delivery> show) {
        Dialogs.prepare(this, owner, Modality.NONE, "produce-dialog", "produce-dialog", "Produce a message");
        setResizable(true);

        ComboBox<String> topic = new ComboBox<>(model.topics());
        topic.setId("produce-topic");
        topic.setPromptText("Topic");
        topic.valueProperty().bindBidirectional(model.topicProperty());
        topic.setMaxWidth(Double.MAX_VALUE);
        ChoiceBox<String> partition = new ChoiceBox<>(model.partitionChoices());
        partition.setId("produce-partition");
        partition.valueProperty().bindBidirectional(model.partitionProperty());
        Label preview = new Label();
        preview.setId("produce-partition-preview");
        preview.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        preview.textProperty().bind(model.partitionPreviewProperty());
        TextField key = new TextField();
        key.setId("produce-key");
        key.setPromptText("empty: no key");
        key.textProperty().bindBidirectional(model.keyProperty());
        ChoiceBox<ProduceInput.ValueKind> kind =
                new ChoiceBox<>(FXCollections.observableArrayList(ProduceInput.ValueKind.values()));
        kind.setId("produce-value-kind");
        kind.valueProperty().bindBidirectional(model.valueKindProperty());
        TextArea value = new TextArea();
        value.setId("produce-value");
        value.setPrefRowCount(4);
        value.getStyleClass().add("message-detail");
        value.textProperty().bindBidirectional(model.valueProperty());
        TextField file = new TextField();
        file.setId("produce-file");
        file.setPromptText("the file whose bytes are the value, exactly");
        file.textProperty().bindBidirectional(model.fileProperty());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setId("produce-browse");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> chooseFile(model));
        HBox fileRow = new HBox(8, file, browse);
        fileRow.setAlignment(Pos.CENTER_LEFT);
        fileRow.visibleProperty().bind(model.valueKindProperty().isEqualTo(ProduceInput.ValueKind.FILE));
        fileRow.managedProperty().bind(fileRow.visibleProperty());
        value.visibleProperty().bind(fileRow.visibleProperty().not());
        value.managedProperty().bind(value.visibleProperty());
        TextArea headers = new TextArea();
        headers.setId("produce-headers");
        headers.setPrefRowCount(2);
        headers.setPromptText("one per line: name: value");
        headers.textProperty().bindBidirectional(model.headersProperty());
        TextField timestamp = new TextField();
        timestamp.setId("produce-timestamp");
        timestamp.setPromptText("empty: now; or 2026-11-25 14:30, epoch ms");
        timestamp.textProperty().bindBidirectional(model.timestampProperty());

        GridPane grid = Dialogs.formGrid();
        grid.addRow(0, Dialogs.fieldLabel("Topic", topic), topic);
        grid.addRow(1, Dialogs.fieldLabel("Partition", partition), new VBox(4, partition, preview));
        grid.addRow(2, Dialogs.fieldLabel("Key", key), key);
        grid.addRow(3, Dialogs.fieldLabel("Value", value), new VBox(6, kind, value, fileRow));
        grid.addRow(4, Dialogs.fieldLabel("Headers", headers), headers);
        grid.addRow(5, Dialogs.fieldLabel("Timestamp", timestamp), timestamp);
        CheckBox batch = new CheckBox("Send a generated batch");
        batch.setId("produce-batch");
        batch.selectedProperty().bindBidirectional(model.batchProperty());
        grid.addRow(6, new Label(), batch);
        grid.disableProperty().bind(model.batchRunningProperty());

        Label error = Dialogs.errorLabel("produce-error", model.errorProperty());

        VBox batchPane = batchPane(model);

        ListView<Sent> sent = new ListView<>(model.sent());
        sent.setId("produce-sent");
        sent.setPrefHeight(84);
        sent.setMinHeight(60); // a line or two at least, when the screen is short
        sent.setPlaceholder(new Label("Records you send are listed here with their partition and offset."));
        sent.setCellFactory(list -> new ListCell<>() {
            private final Button open = new Button("Show");

            {
                open.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
                open.setOnAction(e -> show.accept(getItem().first()));
            }

            @Override
            protected void updateItem(Sent d, boolean empty) {
                super.updateItem(d, empty);
                setWrapText(true);
                setPrefWidth(0); // wrap within the list rather than widen it (a batch's line is long)
                setText(empty || d == null ? null : d.line());
                setTooltip(empty || d == null ? null : new Tooltip(d.details()));
                setGraphic(empty || d == null || d.first() == null ? null : open);
                setContentDisplay(ContentDisplay.RIGHT);
            }
        });

        Label sentTitle = new Label("Sent");
        sentTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox content = new VBox(12, grid, batchPane, error, sentTitle, sent);
        content.setPrefWidth(600);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(SEND, ButtonType.CLOSE);
        Button send = (Button) getDialogPane().lookupButton(SEND);
        send.setId("produce-send");
        send.getStyleClass().add(Styles.ACCENT);
        send.disableProperty().bind(model.sendingProperty());
        send.setDefaultButton(false); // Enter belongs to the fields (a new line in the value); Ctrl+Enter sends
        send.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // stay open for the next record
            model.send();
        });
        getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SEND_KEYS.match(e)) {
                e.consume();
                model.send();
            }
        });
        // The batch section and the file row come and go: the window grows to show them rather than squeeze the list.
        model.batchProperty().addListener((o, was, on) -> growToFit());
        model.valueKindProperty().addListener((o, was, now) -> growToFit());
        // Closing the window ends a batch that still runs: nothing keeps sending unseen.
        setOnHidden(e -> model.cancelBatch());
        setResultConverter(button -> null);
        setOnShown(e -> (model.topicProperty().get() == null ? topic : value).requestFocus());
    }

    /** Count, rate, first sequence number, the templates one may use; then progress, Cancel and the summary. */
    private static VBox batchPane(ProduceViewModel model) {
        TextField count = new TextField();
        count.setId("produce-batch-count");
        count.setPrefColumnCount(6);
        count.textProperty().bindBidirectional(model.batchCountProperty());
        TextField rate = new TextField();
        rate.setId("produce-batch-rate");
        rate.setPrefColumnCount(5);
        rate.setPromptText("max");
        rate.textProperty().bindBidirectional(model.batchRateProperty());
        TextField firstSeq = new TextField();
        firstSeq.setId("produce-batch-first-seq");
        firstSeq.setPrefColumnCount(6);
        firstSeq.textProperty().bindBidirectional(model.batchFirstSeqProperty());
        Label perSecond = new Label("per second");
        perSecond.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox fields = new HBox(
                8,
                Dialogs.fieldLabel("Records", count),
                count,
                Dialogs.fieldLabel("Rate", rate),
                rate,
                perSecond,
                gap,
                Dialogs.fieldLabel("First {{seq}}", firstSeq),
                firstSeq);
        fields.setAlignment(Pos.CENTER_LEFT);
        fields.disableProperty().bind(model.batchRunningProperty());
        Label hint = new Label(
                "In the key, value and header values: " + Template.PLACEHOLDERS + ". Rate empty: as fast as possible.");
        hint.setId("produce-batch-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE); // wraps rather than being cut short
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        ProgressBar bar = new ProgressBar(0);
        bar.setId("produce-batch-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        bar.progressProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> model.batchProgressProperty().get() == null
                                ? 0
                                : model.batchProgressProperty().get().fraction(),
                        model.batchProgressProperty()));
        Button cancel = new Button("Cancel batch");
        cancel.setId("produce-batch-cancel");
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.disableProperty().bind(model.batchRunningProperty().not());
        cancel.setOnAction(e -> model.cancelBatch());
        HBox progress = new HBox(8, bar, cancel);
        progress.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("produce-batch-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE); // the summary wraps rather than being cut short
        status.textProperty().bind(model.batchStatusProperty());
        status.visibleProperty().bind(Bindings.isNotEmpty(model.batchStatusProperty()));
        status.managedProperty().bind(status.visibleProperty());

        VBox pane = new VBox(8, fields, hint, progress, status);
        pane.setId("produce-batch-pane");
        pane.getStyleClass().add("produce-batch");
        pane.visibleProperty().bind(model.batchProperty().or(model.batchRunningProperty()));
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    private boolean growPending;

    /**
     * Grows the window to show what appeared, but never past the screen's bottom (a laptop's 768 pixels; the
     * buttons must stay reachable): there, the list of what was sent gives way instead.
     */
    private void growToFit() {
        // Once per change of the form: the window's new height reaches its scene later, so a second measure in
        // the same moment would take the pending growth for the frame and ask for far too much.
        if (growPending) {
            return;
        }
        growPending = true;
        Platform.runLater(() -> {
            growPending = false;
            Scene scene = getDialogPane().getScene();
            Window window = scene == null ? null : scene.getWindow();
            if (window == null) {
                return;
            }
            // A section shown for the first time has no skins yet, and unskinned controls measure next to nothing.
            scene.getRoot().applyCss();
            double frame = window.getHeight() - scene.getHeight();
            double wanted = getDialogPane().prefHeight(scene.getWidth()) + frame;
            if (wanted <= window.getHeight()) {
                return;
            }
            Rectangle2D screen = Screen.getScreensForRectangle(
                            window.getX(), window.getY(), window.getWidth(), window.getHeight())
                    .stream()
                    .findFirst()
                    .orElse(Screen.getPrimary())
                    .getVisualBounds();
            // Downwards only, to the screen's bottom edge: moving the window in the same breath made GTK drop the
            // new height.
            window.setHeight(Math.max(window.getHeight(), Math.min(wanted, screen.getMaxY() - window.getY())));
        });
    }

    private void chooseFile(ProduceViewModel model) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("The file to send as the value");
        String current = model.fileProperty().get();
        if (current != null && !current.isBlank()) {
            File dir = new File(current.strip()).getAbsoluteFile().getParentFile();
            if (dir != null && dir.isDirectory()) {
                chooser.setInitialDirectory(dir);
            }
        }
        File chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
        if (chosen != null) {
            model.fileProperty().set(chosen.getAbsolutePath());
        }
    }
}
