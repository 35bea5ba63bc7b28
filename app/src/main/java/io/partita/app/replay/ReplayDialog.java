package io.partita.app.replay;

import atlantafx.base.theme.Styles;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessageFilter;
import io.partita.app.client.replay.ReplayPosition;
import io.partita.app.common.Dialogs;
import io.partita.app.common.HintedChoice;
import io.partita.app.common.StartChoice;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The replay window: what to replay (a topic's partitions, interleaved by timestamp, from a start to an offset, a
 * time or the end, filtered), how fast, and where to (step through here, or produce to a topic); then Start,
 * Pause/Resume, Step, Cancel, each partition's offset axis with the replay's range and a cursor at the record
 * handled last, a bar for the position in all the ranges together, and a summary at the end.
 */
public final class ReplayDialog extends Dialog<Void> {

    public ReplayDialog(Window owner, ReplayViewModel model) {
        Dialogs.prepare(this, owner, Modality.NONE, "replay-dialog", "replay-dialog", "Replay messages");
        setResizable(true);

        ComboBox<String> topic = new ComboBox<>(model.topics());
        topic.setId("replay-topic");
        topic.valueProperty().bindBidirectional(model.topicProperty());
        topic.setMaxWidth(Double.MAX_VALUE);
        ChoiceBox<String> partition = new ChoiceBox<>(model.partitionChoices());
        partition.setId("replay-partition");
        partition.valueProperty().bindBidirectional(model.partitionProperty());
        ChoiceBox<StartChoice> from = new ChoiceBox<>(FXCollections.observableArrayList(StartChoice.values()));
        from.setId("replay-from");
        from.valueProperty().bindBidirectional(model.fromProperty());
        TextField fromInput = new TextField();
        fromInput.setId("replay-from-value");
        fromInput.textProperty().bindBidirectional(model.fromInputProperty());
        HintedChoice.bindInput(fromInput, model.fromProperty());
        HBox.setHgrow(fromInput, Priority.ALWAYS);
        ChoiceBox<ReplayViewModel.UntilChoice> untilKind =
                new ChoiceBox<>(FXCollections.observableArrayList(ReplayViewModel.UntilChoice.values()));
        untilKind.setId("replay-until-kind");
        untilKind.valueProperty().bindBidirectional(model.untilKindProperty());
        TextField until = new TextField();
        until.setId("replay-until");
        HintedChoice.bindInput(until, model.untilKindProperty());
        until.textProperty().bindBidirectional(model.untilInputProperty());
        HBox.setHgrow(until, Priority.ALWAYS);

        ChoiceBox<MessageFilter.Field> field =
                new ChoiceBox<>(FXCollections.observableArrayList(MessageFilter.Field.values()));
        field.setId("replay-filter-field");
        field.valueProperty().bindBidirectional(model.filterFieldProperty());
        TextField filter = new TextField();
        filter.setId("replay-filter");
        filter.setPromptText("empty: every record");
        filter.textProperty().bindBidirectional(model.filterTextProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        CheckBox regex = new CheckBox("Regex");
        regex.setId("replay-filter-regex");
        regex.selectedProperty().bindBidirectional(model.filterRegexProperty());
        regex.setMinWidth(Region.USE_PREF_SIZE);

        ChoiceBox<ReplayViewModel.SpeedChoice> speed =
                new ChoiceBox<>(FXCollections.observableArrayList(ReplayViewModel.SpeedChoice.values()));
        speed.setId("replay-speed");
        speed.valueProperty().bindBidirectional(model.speedProperty());
        TextField speedValue = new TextField();
        speedValue.setId("replay-speed-value");
        speedValue.setPrefColumnCount(6);
        speedValue.textProperty().bindBidirectional(model.speedValueProperty());
        speedValue.disableProperty().bind(model.speedProperty().isEqualTo(ReplayViewModel.SpeedChoice.FAST));

        ChoiceBox<ReplayViewModel.TargetChoice> target =
                new ChoiceBox<>(FXCollections.observableArrayList(ReplayViewModel.TargetChoice.values()));
        target.setId("replay-target");
        target.valueProperty().bindBidirectional(model.targetProperty());
        ComboBox<String> targetTopic = new ComboBox<>(model.topics());
        targetTopic.setId("replay-target-topic");
        targetTopic.setPromptText("Topic");
        targetTopic.valueProperty().bindBidirectional(model.targetTopicProperty());
        CheckBox keys = check("Keys", "replay-keep-keys", model.keepKeysProperty());
        CheckBox headers = check("Headers", "replay-keep-headers", model.keepHeadersProperty());
        CheckBox timestamps = check("Timestamps", "replay-keep-timestamps", model.keepTimestampsProperty());
        CheckBox partitions = check("Partitions", "replay-keep-partitions", model.keepPartitionsProperty());
        Label keep = new Label("keep");
        HBox toTopic = new HBox(8, targetTopic, keep, keys, headers, timestamps, partitions);
        toTopic.setAlignment(Pos.CENTER_LEFT);
        toTopic.visibleProperty().bind(model.targetProperty().isEqualTo(ReplayViewModel.TargetChoice.TOPIC));
        toTopic.managedProperty().bind(toTopic.visibleProperty());

        GridPane grid = Dialogs.formGrid();
        grid.addRow(0, Dialogs.fieldLabel("Topic", topic), new HBox(8, topic, partition));
        grid.addRow(1, Dialogs.fieldLabel("From", from), row(from, fromInput));
        grid.addRow(2, Dialogs.fieldLabel("Stop before", untilKind), row(untilKind, until));
        grid.addRow(3, Dialogs.fieldLabel("Only records with", filter), row(field, filter, regex));
        grid.addRow(4, Dialogs.fieldLabel("Speed", speed), row(speed, speedValue));
        grid.addRow(5, Dialogs.fieldLabel("Target", target), new VBox(8, target, toTopic));
        grid.disableProperty().bind(model.runningProperty());

        Button start = new Button("Start");
        start.setId("replay-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.start());
        Button pause = new Button();
        pause.setId("replay-pause");
        pause.textProperty()
                .bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(model.runningProperty().not());
        pause.setOnAction(e -> model.pauseOrResume());
        Button step = new Button("Step");
        step.setId("replay-step");
        step.disableProperty().bind(model.pausedProperty().not());
        step.setOnAction(e -> model.step());
        Button cancel = new Button("Cancel replay");
        cancel.setId("replay-cancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        HBox controls = new HBox(8, start, pause, step, cancel);
        controls.setAlignment(Pos.CENTER_LEFT);

        // A cursor on each partition's offset axis; the bar below says how far through all the ranges together.
        ReplayAxes axes = new ReplayAxes(model.axes(), model.axesHiddenProperty());
        // The axes appear once a replay has resolved its ranges: the window grows to hold them rather than
        // squeezing the bar and the list below (and never shrinks under a size the user chose).
        // (A listener on the list itself: one on Bindings.size would hang on a binding nothing holds.)
        model.axes().addListener((ListChangeListener<ReplayPosition>) c -> {
            while (c.next()) {
                if (c.wasAdded() && !c.wasReplaced()) {
                    growToContent();
                    return;
                }
            }
        });
        ProgressBar position = new ProgressBar(0);
        position.setMinHeight(Region.USE_PREF_SIZE);
        position.setId("replay-position");
        position.setMaxWidth(Double.MAX_VALUE);
        position.progressProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> model.progressProperty().get() == null
                                ? 0
                                : model.progressProperty().get().fraction(),
                        model.progressProperty()));
        Label status = new Label();
        status.setId("replay-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE); // the summary wraps rather than being cut short
        status.textProperty().bind(model.statusProperty());
        Label error = Dialogs.errorLabel("replay-error", model.errorProperty());

        ListView<Message> shown = new ReplayedRecords(model.shown());
        shown.visibleProperty().bind(model.targetProperty().isEqualTo(ReplayViewModel.TargetChoice.APP));
        shown.managedProperty().bind(shown.visibleProperty());

        VBox content = new VBox(12, grid, controls, axes, position, status, error, shown);
        content.setPrefWidth(640);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        // Closing the window ends a replay that still runs: nothing keeps sending unseen.
        setOnHidden(e -> model.cancel());
        setResultConverter(button -> null);
    }

    private void growToContent() {
        // Later, once the new rows have their CSS and a layout: only then is the content's preferred height right.
        Platform.runLater(() -> {
            if (!isShowing()) {
                return;
            }
            getDialogPane().applyCss();
            getDialogPane().layout();
            double missing = getDialogPane().prefHeight(getDialogPane().getWidth())
                    - getDialogPane().getHeight();
            if (missing > 0) {
                setHeight(getHeight() + missing);
            }
        });
    }

    private static CheckBox check(String text, String id, BooleanProperty value) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(value);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
