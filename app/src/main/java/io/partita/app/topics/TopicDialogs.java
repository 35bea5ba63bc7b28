package io.partita.app.topics;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/** What the topic dialogs share: owner, theme, and the error and busy rows under a form. */
final class TopicDialogs {
    private TopicDialogs() {
    }

    static void prepare(Dialog<?> dialog, Window owner, String id, String title) {
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setGraphic(null);
        dialog.getDialogPane().setId(id);
        dialog.getDialogPane().getStyleClass().add("topic-dialog");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }

    /** A red line with the cluster's refusal, hidden while there is none. */
    static Label errorLabel(String id, javafx.beans.value.ObservableStringValue error) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().addAll(Styles.DANGER, "message", "message-error");
        label.textProperty().bind(error);
        label.visibleProperty().bind(Bindings.isNotEmpty(error));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** A validation hint under the form, hidden while the form is valid. */
    static Label validationLabel(String id, javafx.beans.value.ObservableStringValue message) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().addAll("validation-message", Styles.DANGER);
        label.textProperty().bind(message);
        label.visibleProperty().bind(Bindings.isNotEmpty(message));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    static HBox busyRow(String text, javafx.beans.value.ObservableValue<Boolean> busy) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("small-progress");
        HBox row = new HBox(8, spinner, new Label(text));
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(busy);
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }
}
