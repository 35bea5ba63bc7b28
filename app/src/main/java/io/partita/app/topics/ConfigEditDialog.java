package io.partita.app.topics;

import atlantafx.base.theme.Styles;
import io.partita.app.common.Dialogs;
import java.util.concurrent.CompletableFuture;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * "Edit config": pick a topic config, type its new value and Save, or Reset it to what the topic inherits. The
 * dialog stays open until the cluster has answered; a refusal (e.g. retention.ms=-5) shows in it.
 */
public final class ConfigEditDialog extends Dialog<String> {
    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType RESET = new ButtonType("Reset to default", ButtonBar.ButtonData.LEFT);

    public ConfigEditDialog(Window owner, ConfigEditViewModel model) {
        Dialogs.prepare(
                this,
                owner,
                Modality.WINDOW_MODAL,
                "config-edit-dialog",
                "topic-dialog",
                "Edit config of " + model.topic());

        ComboBox<String> name = new ComboBox<>();
        name.setId("config-name");
        name.setEditable(true);
        name.getItems().setAll(model.knownNames());
        name.setVisibleRowCount(12);
        name.setPromptText("retention.ms, cleanup.policy…");
        name.setMaxWidth(Double.MAX_VALUE);
        name.valueProperty().bindBidirectional(model.nameProperty());
        // An editable combo box commits typed text only on Enter; follow the typing so validation is live.
        name.getEditor().textProperty().addListener((obs, o, typed) -> {
            if (name.isFocused() || name.getEditor().isFocused()) {
                model.nameProperty().set(typed);
            }
        });

        TextField value = new TextField();
        value.setId("config-value");
        value.textProperty().bindBidirectional(model.valueProperty());
        value.setPrefColumnCount(24);

        Label current = new Label();
        current.setId("config-current");
        current.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        current.textProperty().bind(model.currentDescriptionProperty());

        GridPane grid = Dialogs.formGrid();
        grid.addRow(0, Dialogs.fieldLabel("Config", name), name);
        grid.addRow(1, Dialogs.fieldLabel("Value", value), value);
        grid.add(current, 1, 2);

        VBox content = new VBox(
                14,
                grid,
                Dialogs.validationLabel("config-validation", model.validationMessageProperty()),
                Dialogs.errorLabel("config-error", model.errorProperty()),
                Dialogs.busyRow("Asking the cluster…", model.busyProperty()));
        content.setPrefWidth(520);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(RESET, SAVE, ButtonType.CANCEL);

        Button save = (Button) getDialogPane().lookupButton(SAVE);
        save.setId("save-config");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(model.canSaveProperty().not());
        save.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            closeOnSuccess(model.save(), model);
        });
        Button reset = (Button) getDialogPane().lookupButton(RESET);
        reset.setId("reset-config");
        reset.disableProperty().bind(model.canResetProperty().not());
        reset.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            closeOnSuccess(model.reset(), model);
        });
        getDialogPane().lookupButton(ButtonType.CANCEL).disableProperty().bind(model.busyProperty());
        setResultConverter(button -> null);
        setOnShown(e -> {
            if (model.nameProperty().get().isEmpty()) {
                name.requestFocus();
            } else {
                value.requestFocus();
                value.selectAll();
            }
        });
    }

    private void closeOnSuccess(CompletableFuture<Boolean> outcome, ConfigEditViewModel model) {
        outcome.thenAccept(done -> {
            if (done) {
                setResult(model.nameProperty().get().strip());
                close();
            }
        });
    }
}
