package io.partita.app.transfer;

import atlantafx.base.theme.Styles;
import io.partita.app.common.Dialogs;
import java.io.File;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The import window: a JSON Lines file into an existing topic, partitions and timestamps kept or not; Import,
 * Cancel, a bar, and a summary. A broken file is named by line and nothing is sent.
 */
public final class ImportDialog extends Dialog<Void> {

    public ImportDialog(Window owner, ImportViewModel model) {
        Dialogs.prepare(this, owner, Modality.NONE, "import-dialog", "transfer-dialog", "Import messages");
        setResizable(true);

        TextField file = new TextField();
        file.setId("import-file");
        file.setPromptText("/path/to/messages.jsonl");
        file.textProperty().bindBidirectional(model.fileProperty());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setId("import-browse");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            FileChooser chooser = TransferFiles.chooser("Import from", model.folder());
            File chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) {
                model.chosen(chosen.toPath());
            }
        });
        ComboBox<String> topic = new ComboBox<>(model.topics());
        topic.setId("import-topic");
        topic.setPromptText("An existing topic");
        topic.valueProperty().bindBidirectional(model.topicProperty());
        topic.setMaxWidth(Double.MAX_VALUE);
        CheckBox partitions = new CheckBox("Partitions (else the key decides)");
        partitions.setId("import-keep-partitions");
        partitions.selectedProperty().bindBidirectional(model.keepPartitionsProperty());
        partitions.setMinWidth(Region.USE_PREF_SIZE);
        CheckBox timestamps = new CheckBox("Timestamps (else the time of sending)");
        timestamps.setId("import-keep-timestamps");
        timestamps.selectedProperty().bindBidirectional(model.keepTimestampsProperty());
        timestamps.setMinWidth(Region.USE_PREF_SIZE);

        GridPane grid = Dialogs.formGrid();
        grid.addRow(0, Dialogs.fieldLabel("File", file), row(file, browse));
        grid.addRow(1, Dialogs.fieldLabel("Into topic", topic), topic);
        grid.addRow(2, Dialogs.fieldLabel("Keep", partitions), new VBox(6, partitions, timestamps));
        grid.disableProperty().bind(model.runningProperty());

        Button start = new Button("Import");
        start.setId("import-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(true);
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.start());
        Button cancel = new Button("Cancel import");
        cancel.setId("import-cancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());

        VBox content = new VBox(
                12,
                grid,
                row(start, cancel),
                TransferFiles.progressBar("import-progress", model.progressProperty(), model.runningProperty()),
                TransferFiles.status("import-status", model.statusProperty()),
                TransferFiles.error("import-error", model.errorProperty()));
        // Closing the window stops the sending: nothing keeps going unseen.
        TransferFiles.showIn(this, content, model::cancel, model.statusProperty(), model.errorProperty());
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
