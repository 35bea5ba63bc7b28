package io.partita.app.topics;

import atlantafx.base.theme.Styles;
import io.partita.app.common.Dialogs;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/** "Add partitions": the new total, more than today's; stays open until the cluster has answered. */
public final class AddPartitionsDialog extends Dialog<Boolean> {
    public static final ButtonType ADD = new ButtonType("Add partitions", ButtonBar.ButtonData.OK_DONE);

    public AddPartitionsDialog(Window owner, AddPartitionsViewModel model) {
        Dialogs.prepare(this, owner, Modality.WINDOW_MODAL, "add-partitions-dialog", "topic-dialog", "Add partitions");

        Label intro = new Label("\"" + model.topic() + "\" has " + model.current()
                + (model.current() == 1 ? " partition." : " partitions.")
                + " Records with a key may land in a different partition once there are more.");
        intro.setWrapText(true);
        Spinner<Integer> total = new Spinner<>();
        total.setId("new-partition-count");
        SpinnerValueFactory.IntegerSpinnerValueFactory values = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                1, NewTopicViewModel.MAX_PARTITIONS, model.newTotalProperty().get());
        values.valueProperty().bindBidirectional(model.newTotalProperty());
        total.setValueFactory(values);
        total.setEditable(true);
        total.setPrefWidth(120);
        total.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                total.increment(0);
            }
        });
        Label totalLabel = new Label("New total");
        totalLabel.setLabelFor(total);
        HBox row = new HBox(12, totalLabel, total);
        row.setAlignment(Pos.CENTER_LEFT);

        VBox content = new VBox(
                14,
                intro,
                row,
                Dialogs.validationLabel("partitions-validation", model.validationMessageProperty()),
                Dialogs.errorLabel("partitions-error", model.errorProperty()),
                Dialogs.busyRow("Adding…", model.busyProperty()));
        content.setPrefWidth(460);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(ADD, ButtonType.CANCEL);

        Button add = (Button) getDialogPane().lookupButton(ADD);
        add.setId("add-partitions");
        add.getStyleClass().add(Styles.ACCENT);
        add.disableProperty().bind(model.canApplyProperty().not());
        add.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            // A number typed but not yet committed (no Enter, focus still in the field) counts too.
            total.increment(0);
            model.apply().thenAccept(done -> {
                if (done) {
                    setResult(true);
                    close();
                }
            });
        });
        getDialogPane().lookupButton(ButtonType.CANCEL).disableProperty().bind(model.busyProperty());
        setResultConverter(button -> null);
        setOnShown(e -> {
            total.requestFocus();
            total.getEditor().selectAll();
        });
    }
}
