package io.partita.app.transfer;

import io.partita.app.client.transfer.TransferProgress;
import io.partita.app.common.Dialogs;
import java.io.File;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** What the export and import windows share: the file chooser, the progress bar and the status line. */
final class TransferFiles {
    private TransferFiles() {}

    /** A chooser for JSON Lines files, opening in {@code folder} when it still exists. */
    static FileChooser chooser(String title, String folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters()
                .setAll(
                        new FileChooser.ExtensionFilter("JSON Lines (*.jsonl)", "*.jsonl"),
                        new FileChooser.ExtensionFilter("All files", "*"));
        File dir = folder.isEmpty() ? null : new File(folder);
        if (dir != null && dir.isDirectory()) {
            chooser.setInitialDirectory(dir);
        }
        return chooser;
    }

    /** The bar: how far, moving to and fro while the total is not known yet, empty before a start. */
    static ProgressBar progressBar(
            String id, ObservableObjectValue<TransferProgress> progress, ObservableBooleanValue running) {
        ProgressBar bar = new ProgressBar(0);
        bar.setId(id);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinHeight(Region.USE_PREF_SIZE); // never squeezed out of sight by a summary that wraps
        bar.progressProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> progress.get() == null
                                ? (running.get() ? ProgressBar.INDETERMINATE_PROGRESS : 0)
                                : progress.get().fraction(),
                        progress,
                        running));
        return bar;
    }

    /**
     * Fits the window to its content again when a summary or an error appears or changes (it may wrap to more
     * lines), so nothing is squeezed or cut; never narrower or shorter than the user made it.
     */
    /**
     * Makes {@code content} the body of a transfer window with one Close button; hiding the window (Close, Escape,
     * the window's own close) runs {@code cancel}; the window grows as the status and error lines fill.
     */
    static void showIn(Dialog<?> dialog, Region content, Runnable cancel, Observable status, Observable error) {
        content.setPrefWidth(600);
        content.getStyleClass().add("dialog-content");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.setOnHidden(e -> cancel.run());
        growWithContent(dialog, status, error);
        dialog.setResultConverter(button -> null);
    }

    static void growWithContent(Dialog<?> dialog, Observable... changes) {
        for (Observable change : changes) {
            change.addListener(o -> Platform.runLater(() -> {
                Window window = dialog.getDialogPane().getScene() == null
                        ? null
                        : dialog.getDialogPane().getScene().getWindow();
                if (window == null || !window.isShowing()) {
                    return;
                }
                double width = window.getWidth();
                double height = window.getHeight();
                window.sizeToScene();
                window.setWidth(Math.max(width, window.getWidth()));
                window.setHeight(Math.max(height, window.getHeight()));
            }));
        }
    }

    /** Hidden while empty; wraps rather than being cut short. */
    static Label status(String id, ObservableStringValue text) {
        Label status = new Label();
        status.setId(id);
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(text);
        status.visibleProperty().bind(Bindings.isNotEmpty(text));
        status.managedProperty().bind(status.visibleProperty());
        return status;
    }

    /** The red line of {@link Dialogs#errorLabel}, wrapping rather than cut to "…". */
    static Label error(String id, ObservableStringValue text) {
        Label error = Dialogs.errorLabel(id, text);
        error.setMinHeight(Region.USE_PREF_SIZE);
        return error;
    }
}
