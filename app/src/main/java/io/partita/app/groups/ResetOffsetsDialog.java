package io.partita.app.groups;

import atlantafx.base.theme.Styles;
import io.partita.app.client.groups.ResetRow;
import io.partita.app.client.groups.ResetStrategy;
import io.partita.app.common.Dialogs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Reset offsets: choose where to (earliest, latest, an offset, a time) and which partitions, Preview what the
 * cluster would do, then Apply. For a group with live members the dialog says why it cannot, and offers nothing
 * to press but Close.
 */
public final class ResetOffsetsDialog extends Dialog<Boolean> {
    public static final ButtonType APPLY = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
    private static final String ALL = "";

    public ResetOffsetsDialog(Window owner, ResetOffsetsViewModel model) {
        Dialogs.prepare(
                this,
                owner,
                Modality.WINDOW_MODAL,
                "reset-offsets-dialog",
                "reset-offsets-dialog",
                "Reset offsets of " + model.groupId());
        setResizable(true);

        Label intro =
                new Label("Move where group " + model.groupId() + " resumes reading. Nothing changes until Apply.");
        intro.setWrapText(true);

        Label refusal = new Label(model.refusal());
        refusal.setId("reset-refusal");
        refusal.setWrapText(true);
        refusal.getStyleClass().addAll("message", "message-warning");
        refusal.setVisible(!model.refusal().isEmpty());
        refusal.setManaged(refusal.isVisible());

        ToggleGroup strategies = new ToggleGroup();
        TextField offset = new TextField();
        offset.setId("reset-offset");
        offset.setPrefColumnCount(8);
        offset.textProperty().bindBidirectional(model.offsetTextProperty());
        offset.disableProperty().bind(model.strategyProperty().isNotEqualTo(ResetStrategy.SPECIFIC_OFFSET));
        TextField moment = new TextField();
        moment.setId("reset-moment");
        moment.setPrefColumnCount(13);
        moment.setPromptText("2026-11-25 21:30");
        moment.setTooltip(new Tooltip("Local time, as yyyy-MM-dd HH:mm[:ss]; or an ISO time with"
                + " offset (2026-11-25T20:30:00Z); or epoch milliseconds"));
        moment.textProperty().bindBidirectional(model.momentTextProperty());
        moment.disableProperty().bind(model.strategyProperty().isNotEqualTo(ResetStrategy.TIMESTAMP));

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        int row = 0;
        for (ResetStrategy s : ResetStrategy.values()) {
            RadioButton choice = new RadioButton(s.title());
            choice.setId("reset-" + s.name().toLowerCase().replace('_', '-'));
            choice.setToggleGroup(strategies);
            choice.setUserData(s);
            choice.setSelected(s == model.strategyProperty().get());
            choice.setMinWidth(Region.USE_PREF_SIZE);
            Label explanation = new Label(s.explanation());
            explanation.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            explanation.setMinWidth(Region.USE_PREF_SIZE);
            HBox detail = new HBox(10);
            detail.setAlignment(Pos.CENTER_LEFT);
            if (s == ResetStrategy.SPECIFIC_OFFSET) {
                detail.getChildren().add(offset);
            } else if (s == ResetStrategy.TIMESTAMP) {
                detail.getChildren().add(moment);
            }
            detail.getChildren().add(explanation);
            form.addRow(row++, choice, detail);
        }
        strategies.selectedToggleProperty().addListener((o, was, is) -> {
            if (is != null) {
                model.strategyProperty().set((ResetStrategy) is.getUserData());
            }
        });

        List<String> scopes = new ArrayList<>();
        scopes.add(ALL);
        scopes.addAll(model.topics());
        ChoiceBox<String> scope = new ChoiceBox<>(FXCollections.observableArrayList(scopes));
        scope.setId("reset-scope");
        scope.setConverter(new StringConverter<>() {
            @Override
            public String toString(String topic) {
                return topic == null || topic.equals(ALL) ? "All the group's topics" : "Topic " + topic;
            }

            @Override
            public String fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        scope.setValue(
                model.topicProperty().get() == null
                        ? ALL
                        : model.topicProperty().get());
        scope.valueProperty()
                .addListener((o, was, is) -> model.topicProperty().set(is == null || is.equals(ALL) ? null : is));
        Label scopeLabel = new Label("Partitions");
        scopeLabel.setLabelFor(scope);
        scopeLabel.setMinWidth(Region.USE_PREF_SIZE);
        form.addRow(row, scopeLabel, scope);

        Label validation = new Label();
        validation.setId("reset-validation");
        validation.getStyleClass().add(Styles.DANGER);
        validation.textProperty().bind(model.validationProperty());
        validation.visibleProperty().bind(model.validationProperty().isNotEmpty());
        validation.managedProperty().bind(validation.visibleProperty());

        Button preview = new Button("_Preview");
        preview.setId("reset-preview-button");
        preview.disableProperty().bind(model.canPreviewProperty().not());
        preview.setOnAction(e -> model.previewReset());
        preview.setMinWidth(Region.USE_PREF_SIZE);
        ProgressIndicator busy = new ProgressIndicator();
        busy.getStyleClass().add("small-progress");
        busy.visibleProperty().bind(model.busyProperty());
        Label summary = new Label();
        summary.setId("reset-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.previewSummaryProperty());
        summary.setMinWidth(0);
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox previewRow = new HBox(10, preview, busy, summary);
        previewRow.setAlignment(Pos.CENTER_LEFT);

        TableView<ResetRow> table = new TableView<>(model.preview());
        table.setId("reset-preview");
        table.getStyleClass().addAll(Styles.DENSE, "reset-preview");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(190);
        table.getColumns()
                .setAll(List.of(
                        column("Topic", ResetRow::topic, 160, false),
                        column("Partition", r -> Integer.toString(r.partition()), 80, true),
                        column("Current", r -> r.hasCurrent() ? Long.toString(r.current()) : "–", 90, true),
                        column("New", r -> Long.toString(r.target()), 90, true),
                        column("Change", ResetRow::describeChange, 130, false)));
        Label noPreview = new Label(
                model.refusal().isEmpty()
                        ? "Press Preview to see where each partition's offset would move."
                        : "Nothing to preview until the group can be reset.");
        noPreview.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(noPreview);

        Label error = new Label();
        error.setId("reset-error");
        error.setWrapText(true);
        error.getStyleClass().addAll("message", "message-error");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox content = new VBox(12, intro, refusal, form, validation, previewRow, table, error);
        content.setPrefWidth(660);
        content.getStyleClass().add("dialog-content");
        boolean refused = !model.refusal().isEmpty();
        form.setDisable(refused);
        getDialogPane().setContent(content);
        getDialogPane()
                .getButtonTypes()
                .setAll(refused ? List.of(ButtonType.CLOSE) : List.of(APPLY, ButtonType.CANCEL));

        if (!refused) {
            Button apply = (Button) getDialogPane().lookupButton(APPLY);
            apply.setId("reset-apply");
            apply.getStyleClass().add(Styles.DANGER);
            apply.disableProperty().bind(model.canApplyProperty().not());
            // Stay open until the cluster has answered; a refusal shows in the dialog.
            apply.addEventFilter(ActionEvent.ACTION, e -> {
                e.consume();
                model.apply().thenAccept(done -> {
                    if (done) {
                        setResult(true);
                        close();
                    }
                });
            });
            getDialogPane().lookupButton(ButtonType.CANCEL).disableProperty().bind(model.busyProperty());
        }
        setResultConverter(button -> false);
        setOnShown(e -> (refused ? getDialogPane().lookupButton(ButtonType.CLOSE) : preview).requestFocus());
    }

    private static TableColumn<ResetRow, String> column(
            String title, Function<ResetRow, String> value, double width, boolean number) {
        TableColumn<ResetRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        if (number) {
            column.getStyleClass().add("number-column");
        }
        return column;
    }
}
