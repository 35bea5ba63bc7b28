package io.partita.app.transfer;

import io.partita.app.client.records.Message;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/**
 * Opens the export and import windows, one of each at a time (a second request brings the open one forward). The
 * screen that opens them says how to make their forms, so this package needs nothing of it.
 */
public final class TransferWindows {
    private final Function<List<Message>, ExportViewModel> exportForms;
    private final Supplier<ImportViewModel> importForms;
    private final Supplier<Window> owner;
    private ExportDialog export;
    private ExportViewModel exportForm;
    private ImportDialog importing;

    /**
     * @param exportForms an export form for the records selected (a range of the partition browsed when empty)
     * @param importForms a fresh import form
     */
    public TransferWindows(
            Function<List<Message>, ExportViewModel> exportForms,
            Supplier<ImportViewModel> importForms,
            Supplier<Window> owner) {
        this.exportForms = exportForms;
        this.importForms = importForms;
        this.owner = owner;
    }

    /** The export window, for {@code selected} records, or for a range of the partition browsed when empty. */
    public void openExport(List<Message> selected) {
        if (export != null && export.isShowing()) {
            if (exportForm.runningProperty().get()) {
                focused(export); // an export under way is never dropped for a new form
                return;
            }
            export.close(); // an idle form gives way to what was asked now (a selection, or a range)
        }
        exportForm = exportForms.apply(selected);
        export = new ExportDialog(owner.get(), exportForm);
        export.show();
    }

    public void openImport() {
        if (!focused(importing)) {
            importing = new ImportDialog(owner.get(), importForms.get());
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
