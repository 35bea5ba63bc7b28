package io.partita.app.common;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Window;

/** What the app's dialogs share: owner, theme, a two-column form, and the error and busy rows under it. */
public final class Dialogs {
    private Dialogs() {}

    /**
     * Owner, modality, title, no header or graphic, an id and a style class for its pane, and the owner's
     * stylesheets (a dialog is a window of its own: without them it would miss Partita's CSS and theme).
     */
    public static void prepare(
            Dialog<?> dialog, Window owner, Modality modality, String id, String styleClass, String title) {
        dialog.initOwner(owner);
        dialog.initModality(modality);
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setGraphic(null);
        dialog.getDialogPane().setId(id);
        dialog.getDialogPane().getStyleClass().add(styleClass);
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }

    /** A red line with the cluster's refusal, hidden while there is none. */
    public static Label errorLabel(String id, ObservableStringValue error) {
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
    public static Label validationLabel(String id, ObservableStringValue message) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().addAll("validation-message", Styles.DANGER);
        label.textProperty().bind(message);
        label.visibleProperty().bind(Bindings.isNotEmpty(message));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    public static HBox busyRow(String text, ObservableValue<Boolean> busy) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("small-progress");
        HBox row = new HBox(8, spinner, new Label(text));
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(busy);
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** A form: labels in the first column, fields growing in the second. Add rows with {@code addRow}. */
    public static GridPane formGrid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        grid.setHgap(12);
        grid.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE); // a wide field must not squeeze the labels
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    /** A field's label, never cut to "…" when the window is narrow. */
    public static Label fieldLabel(String text, Node field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
