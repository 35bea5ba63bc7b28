package io.partita.app.messages;

import atlantafx.base.theme.Styles;
import io.partita.app.common.Dialogs;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The produce form as a window beside the browser: Send (Ctrl+Enter) keeps it open for the next record, and
 * every record sent is listed with its partition and offset, one click from showing it in the browser.
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
        ChoiceBox<ProduceInput.ValueKind> kind = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(
                ProduceInput.ValueKind.values()));
        kind.setId("produce-value-kind");
        kind.valueProperty().bindBidirectional(model.valueKindProperty());
        TextArea value = new TextArea();
        value.setId("produce-value");
        value.setPrefRowCount(6);
        value.getStyleClass().add("message-detail");
        value.textProperty().bindBidirectional(model.valueProperty());
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
        grid.addRow(3, Dialogs.fieldLabel("Value", value), new VBox(6, kind, value));
        grid.addRow(4, Dialogs.fieldLabel("Headers", headers), headers);
        grid.addRow(5, Dialogs.fieldLabel("Timestamp", timestamp), timestamp);

        Label error = Dialogs.errorLabel("produce-error", model.errorProperty());

        ListView<Delivery> sent = new ListView<>(model.sent());
        sent.setId("produce-sent");
        sent.setPrefHeight(110);
        sent.setPlaceholder(new Label("Records you send are listed here with their partition and offset."));
        sent.setCellFactory(list -> new ListCell<>() {
            private final Button open = new Button("Show");

            {
                open.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
                open.setOnAction(e -> show.accept(getItem()));
            }

            @Override
            protected void updateItem(Delivery d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : "Sent to " + d);
                setGraphic(empty || d == null ? null : open);
                setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
            }
        });

        Label sentTitle = new Label("Sent");
        sentTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox content = new VBox(12, grid, error, sentTitle, sent);
        content.setPrefWidth(560);
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
        getDialogPane().addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (SEND_KEYS.match(e)) {
                e.consume();
                model.send();
            }
        });
        setResultConverter(button -> null);
        setOnShown(e -> (model.topicProperty().get() == null ? topic : value).requestFocus());
    }

}
