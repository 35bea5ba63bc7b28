package io.partita.app.topics;

import atlantafx.base.theme.Styles;
import io.partita.app.common.Dialogs;
import javafx.beans.property.ObjectProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The "New topic" dialog. Create stays disabled while the form is invalid, and the reason shows under the
 * fields; a refusal from the cluster shows there too and the dialog stays open.
 */
public final class NewTopicDialog extends Dialog<String> {
    public static final ButtonType CREATE = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);

    public NewTopicDialog(Window owner, NewTopicViewModel model) {
        Dialogs.prepare(this, owner, Modality.WINDOW_MODAL, "new-topic-dialog", "new-topic-dialog", "New topic");

        TextField name = new TextField();
        name.setId("topic-name");
        name.setPromptText("orders, payments.v1, clicks-eu…");
        name.textProperty().bindBidirectional(model.nameProperty());
        name.setPrefColumnCount(26);

        Spinner<Integer> partitions =
                intSpinner("topic-partitions", NewTopicViewModel.MAX_PARTITIONS, model.partitionsProperty());
        Spinner<Integer> replication = intSpinner("topic-replication", 32, model.replicationFactorProperty());

        Label brokersHint = new Label(
                model.brokerCount() == 1
                        ? "at most 1: the cluster has one broker"
                        : "at most " + model.brokerCount() + ", the number of brokers");
        brokersHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        GridPane grid = Dialogs.formGrid();
        grid.addRow(0, Dialogs.fieldLabel("Name", name), name);
        grid.addRow(1, Dialogs.fieldLabel("Partitions", partitions), partitions);
        grid.addRow(2, Dialogs.fieldLabel("Replication factor", replication), new HBox(10, replication, brokersHint));
        ((HBox) grid.getChildren().get(grid.getChildren().size() - 1)).setAlignment(Pos.CENTER_LEFT);
        TextArea configs = new TextArea();
        configs.setId("topic-configs");
        configs.setPromptText("Optional: key=value, one a line, e.g. retention.ms=86400000");
        configs.setPrefRowCount(3);
        configs.textProperty().bindBidirectional(model.configsProperty());
        Label configsLabel = Dialogs.fieldLabel("Configs", configs);
        GridPane.setValignment(configsLabel, VPos.TOP);
        grid.addRow(3, configsLabel, configs);

        Label validation = new Label();
        validation.setId("topic-validation");
        validation.setWrapText(true);
        validation.getStyleClass().add("validation-message");
        validation.textProperty().bind(model.validationMessageProperty());
        // An empty name is a hint, not an error: it is how the form starts.
        model.nameProperty().addListener((obs, o, n) -> styleValidation(validation, n));
        styleValidation(validation, model.nameProperty().get());

        Label error = new Label();
        error.setId("topic-error");
        error.setWrapText(true);
        error.getStyleClass().addAll(Styles.DANGER, "message", "message-error");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        ProgressIndicator busy = new ProgressIndicator();
        busy.getStyleClass().add("small-progress");
        Label busyText = new Label("Creating…");
        HBox busyRow = new HBox(8, busy, busyText);
        busyRow.setAlignment(Pos.CENTER_LEFT);
        busyRow.visibleProperty().bind(model.busyProperty());
        busyRow.managedProperty().bind(busyRow.visibleProperty());

        VBox content = new VBox(14, grid, validation, error, busyRow);
        content.setPrefWidth(520);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(CREATE, ButtonType.CANCEL);

        Button create = (Button) getDialogPane().lookupButton(CREATE);
        create.setId("create-topic");
        create.getStyleClass().add(Styles.ACCENT);
        create.disableProperty().bind(model.canCreateProperty().not());
        // Keep the dialog open until the cluster has answered; close only on success.
        create.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.create().thenAccept(created -> {
                if (created) {
                    setResult(model.nameProperty().get());
                    close();
                }
            });
        });
        Node cancel = getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.disableProperty().bind(model.busyProperty());
        setResultConverter(button -> null);
        setOnShown(e -> name.requestFocus());
    }

    private static void styleValidation(Label validation, String name) {
        boolean hint = name == null || name.isEmpty();
        validation.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        validation.getStyleClass().add(hint ? Styles.TEXT_MUTED : Styles.DANGER);
    }

    private static Spinner<Integer> intSpinner(String id, int max, ObjectProperty<Integer> value) {
        Spinner<Integer> spinner = new Spinner<>();
        spinner.setId(id);
        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, max, value.get() == null ? 1 : value.get());
        factory.valueProperty().bindBidirectional(value);
        spinner.setValueFactory(factory);
        spinner.setEditable(true);
        spinner.setPrefWidth(120);
        // Commit typed numbers when focus leaves, not only on Enter.
        spinner.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                spinner.increment(0);
            }
        });
        return spinner;
    }
}
