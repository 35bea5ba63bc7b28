package io.partita.app.messages;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/** What the export and import windows share: the file chooser, the progress bar and the status line. */
final class TransferFiles {
    private TransferFiles() {
    }

    /** A chooser for JSON Lines files, opening in {@code folder} when it still exists. */
    static FileChooser chooser(String title, String folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("JSON Lines (*.jsonl)", "*.jsonl"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File dir = folder.isEmpty() ? null : new File(folder);
        if (dir != null && dir.isDirectory()) {
            chooser.setInitialDirectory(dir);
        }
        return chooser;
    }

    /** The bar: how far, moving to and fro while the total is not known yet, empty before a start. */
    static ProgressBar progressBar(String id, ObservableObjectValue<TransferProgress> progress,
                                   ObservableBooleanValue running) {
        ProgressBar bar = new ProgressBar(0);
        bar.setId(id);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> progress.get() == null
                ? (running.get() ? ProgressBar.INDETERMINATE_PROGRESS : 0) : progress.get().fraction(),
                progress, running));
        return bar;
    }

    static Label status(String id, ObservableStringValue text) {
        Label status = new Label();
        status.setId(id);
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE); // the summary wraps rather than being cut short
        status.textProperty().bind(text);
        return status;
    }
}
