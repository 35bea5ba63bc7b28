package io.partita.app.about;

import atlantafx.base.theme.Styles;
import io.partita.app.common.ClipboardText;
import io.partita.app.common.Dialogs;
import java.util.Map;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Help → About Partita: versions, where the data and logs are, and the two things a bug report needs. */
public final class AboutDialog extends Dialog<Void> {
    public static final ButtonType OPEN_LOGS = new ButtonType("Open logs folder", ButtonBar.ButtonData.LEFT);
    public static final ButtonType COPY = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);

    public AboutDialog(Window owner, AboutViewModel model) {
        Dialogs.prepare(this, owner, Modality.WINDOW_MODAL, "about-dialog", "about-dialog", "About Partita");

        Label name = new Label("Partita");
        name.getStyleClass().add(Styles.TITLE_2);
        Label tagline = new Label("A desktop workbench for Kafka-style streaming, with its own broker inside.");
        tagline.getStyleClass().add(Styles.TEXT_MUTED);

        GridPane facts = Dialogs.formGrid();
        int row = 0;
        for (Map.Entry<String, String> fact : model.facts().entrySet()) {
            Label value = new Label(fact.getValue());
            value.setId("about-" + fact.getKey().toLowerCase().replace(' ', '-'));
            value.setWrapText(true);
            facts.addRow(row++, Dialogs.fieldLabel(fact.getKey(), value), value);
        }

        VBox content = new VBox(12, name, tagline, facts);
        content.getStyleClass().add("dialog-content");
        content.setPrefWidth(560);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(OPEN_LOGS, COPY, ButtonType.CLOSE);

        // These two act and keep the dialog open (a dialog's buttons close it by default).
        keepOpen(OPEN_LOGS, "about-open-logs", model::openLogFolder);
        keepOpen(COPY, "about-copy", () -> ClipboardText.copy(model.asText()));
        Button close = (Button) getDialogPane().lookupButton(ButtonType.CLOSE);
        close.setId("about-close");
        close.setDefaultButton(true);
        setOnShown(e -> close.requestFocus());
    }

    private void keepOpen(ButtonType type, String id, Runnable action) {
        Button button = (Button) getDialogPane().lookupButton(type);
        button.setId(id);
        button.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            action.run();
        });
    }
}
