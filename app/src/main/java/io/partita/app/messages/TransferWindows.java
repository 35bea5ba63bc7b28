package io.partita.app.messages;

import io.partita.app.client.records.Message;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** Opens the export and import windows, one of each at a time (a second request brings the open one forward). */
final class TransferWindows {
    private final MessagesViewModel model;
    private final Supplier<Window> owner;
    private ExportDialog export;
    private ExportViewModel exportForm;
    private ImportDialog importing;

    TransferWindows(MessagesViewModel model, Supplier<Window> owner) {
        this.model = model;
        this.owner = owner;
    }

    /** The export window, for {@code selected} records, or for a range of the partition browsed when empty. */
    void openExport(List<Message> selected) {
        if (export != null && export.isShowing()) {
            if (exportForm.runningProperty().get()) {
                focused(export); // an export under way is never dropped for a new form
                return;
            }
            export.close(); // an idle form gives way to what was asked now (a selection, or a range)
        }
        exportForm = model.export(selected);
        export = new ExportDialog(owner.get(), exportForm);
        export.show();
    }

    void openImport() {
        if (!focused(importing)) {
            importing = new ImportDialog(owner.get(), model.importForm());
            importing.show();
        }
    }

    private static boolean focused(Dialog<?> open) {
        if (open != null && open.isShowing()) {
            open.getDialogPane().getScene().getWindow().requestFocus();
            return true;
        }
        return false;
    }
}
