package io.partita.app.transfer;

import atlantafx.base.theme.Styles;
import io.partita.app.common.Dialogs;
import io.partita.app.common.HintedChoice;
import io.partita.app.common.StartChoice;
import java.io.File;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
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
 * The export window: a topic's partition (or all) from a start to a stop, or the browser's selected records, to a
 * JSON Lines file; Export, Cancel, a bar with "N of about M records", and a summary at the end. Replacing an
 * existing file is asked first.
 */
public final class ExportDialog extends Dialog<Void> {

    public ExportDialog(Window owner, ExportViewModel model) {
        Dialogs.prepare(this, owner, Modality.NONE, "export-dialog", "transfer-dialog", "Export messages");
        setResizable(true);

        GridPane grid = Dialogs.formGrid();
        int row = 0;
        if (model.exportsSelection()) {
            Label selection = new Label(model.selectionText());
            selection.setId("export-selection");
            grid.addRow(row++, Dialogs.fieldLabel("Records", selection), selection);
        } else {
            ComboBox<String> topic = new ComboBox<>(model.topics());
            topic.setId("export-topic");
            topic.setPromptText("Topic");
            topic.valueProperty().bindBidirectional(model.topicProperty());
            topic.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(topic, Priority.ALWAYS);
            ChoiceBox<String> partition = new ChoiceBox<>(model.partitionChoices());
            partition.setId("export-partition");
            partition.valueProperty().bindBidirectional(model.partitionProperty());
            partition.setMinWidth(Region.USE_PREF_SIZE);

            ChoiceBox<StartChoice> from = new ChoiceBox<>(model.fromChoices());
            from.setId("export-from");
            from.valueProperty().bindBidirectional(model.fromProperty());
            from.setMinWidth(Region.USE_PREF_SIZE);
            TextField fromInput = new TextField();
            fromInput.setId("export-from-value");
            fromInput.textProperty().bindBidirectional(model.fromInputProperty());
            HintedChoice.bindInput(fromInput, model.fromProperty());
            HBox.setHgrow(fromInput, Priority.ALWAYS);

            ChoiceBox<ExportViewModel.StopChoice> stop =
                    new ChoiceBox<>(FXCollections.observableArrayList(ExportViewModel.StopChoice.values()));
            stop.setId("export-stop");
            stop.valueProperty().bindBidirectional(model.stopProperty());
            stop.setMinWidth(Region.USE_PREF_SIZE);
            TextField stopInput = new TextField();
            stopInput.setId("export-stop-value");
            stopInput.textProperty().bindBidirectional(model.stopInputProperty());
            HintedChoice.bindInput(stopInput, model.stopProperty());
            HBox.setHgrow(stopInput, Priority.ALWAYS);

            grid.addRow(row++, Dialogs.fieldLabel("Topic", topic), row(topic, partition));
            grid.addRow(row++, Dialogs.fieldLabel("From", from), row(from, fromInput));
            grid.addRow(row++, Dialogs.fieldLabel("Stop before", stop), row(stop, stopInput));
        }
        TextField file = new TextField();
        file.setId("export-file");
        file.setPromptText("/path/to/messages.jsonl");
        file.textProperty().bindBidirectional(model.fileProperty());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setId("export-browse");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            FileChooser chooser = TransferFiles.chooser("Export to", model.folder());
            chooser.setInitialFileName(model.suggestedName());
            File chosen = chooser.showSaveDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) {
                model.chosen(chosen.toPath());
            }
        });
        grid.addRow(row, Dialogs.fieldLabel("File", file), row(file, browse));
        grid.disableProperty().bind(model.runningProperty());

        Button export = new Button("Export");
        export.setId("export-start");
        export.getStyleClass().add(Styles.ACCENT);
        export.setDefaultButton(true);
        export.disableProperty().bind(model.runningProperty());
        export.setOnAction(e -> {
            if (!model.wouldOverwrite() || confirmOverwrite(model)) {
                model.start();
            }
        });
        Button cancel = new Button("Cancel export");
        cancel.setId("export-cancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        HBox controls = row(export, cancel);

        VBox content = new VBox(
                12,
                grid,
                controls,
                TransferFiles.progressBar("export-progress", model.progressProperty(), model.runningProperty()),
                TransferFiles.status("export-status", model.statusProperty()),
                TransferFiles.error("export-error", model.errorProperty()));
        // Closing the window cancels a running export: no file appears later, unseen.
        TransferFiles.showIn(this, content, model::cancel, model.statusProperty(), model.errorProperty());
    }

    /** Asks before replacing a file; true to go on. */
    private boolean confirmOverwrite(ExportViewModel model) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        Dialogs.prepare(
                ask,
                getDialogPane().getScene().getWindow(),
                Modality.WINDOW_MODAL,
                "export-overwrite",
                "transfer-dialog",
                "Replace file?");
        ask.setContentText(model.fileProperty().get().strip() + " already exists. Replace it with this export?");
        ButtonType replace = new ButtonType("Replace", ButtonBar.ButtonData.OK_DONE);
        ask.getButtonTypes().setAll(replace, ButtonType.CANCEL);
        return ask.showAndWait().filter(replace::equals).isPresent();
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
