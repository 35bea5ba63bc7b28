package io.partita.app.timeline;

import atlantafx.base.theme.Styles;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The timeline panel under the map: a scrubber over what was recorded, with <i>Live</i> to come back to now, and
 * the events with their times, newest at the bottom. Choosing an event shows the cluster as it was then.
 */
public final class TimelineView extends TitledPane {
    /** What a timeline file's name ends with: JSON Lines (see TimelineFile). */
    public static final String FILE_SUFFIX = ".timeline.jsonl";

    private static final PseudoClass PAST = PseudoClass.getPseudoClass("past");

    public TimelineView(TimelineViewModel model) {
        setId("timeline");
        getStyleClass().add("timeline");
        // While a past moment shows, the title says so (in the warning colour), whether the panel is open or not.
        textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "Timeline  ·  " + model.shownEvents().size() + " events"
                                + (model.liveProperty().get()
                                        ? ""
                                        : "  ·  the map shows "
                                                + model.shownTimeProperty().get()),
                        model.shownEvents(),
                        model.liveProperty(),
                        model.shownTimeProperty()));
        model.liveProperty().addListener((o, was, is) -> pseudoClassStateChanged(PAST, !is));
        pseudoClassStateChanged(PAST, !model.liveProperty().get());
        setExpanded(false);

        ToggleButton live = new ToggleButton("Live");
        live.setId("timeline-live");
        live.setTooltip(new Tooltip("Show the cluster as it is now"));
        live.setSelected(model.liveProperty().get());
        model.liveProperty().addListener((o, was, is) -> live.setSelected(is));
        live.setOnAction(e -> {
            if (live.isSelected()) {
                model.goLive();
            } else {
                live.setSelected(model.liveProperty().get()); // Live ends by scrubbing, not by this button
            }
        });
        live.setMinWidth(Region.USE_PREF_SIZE);

        Slider scrubber = new Slider(0, 1, 1);
        scrubber.setId("timeline-scrubber");
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.valueProperty().addListener((o, was, is) -> {
            if (scrubber.isValueChanging() || scrubber.isPressed()) {
                model.scrubTo(is.doubleValue());
            }
        });
        model.positionProperty().addListener((o, was, is) -> {
            if (!scrubber.isValueChanging()) {
                scrubber.setValue(is.doubleValue());
            }
        });

        Label shown = new Label();
        shown.setId("timeline-shown");
        shown.getStyleClass().add(Styles.TEXT_BOLD);
        shown.textProperty().bind(model.shownTimeProperty());
        shown.setMinWidth(Region.USE_PREF_SIZE);
        Label span = new Label();
        span.getStyleClass().add(Styles.TEXT_MUTED);
        span.textProperty().bind(model.spanProperty());
        span.setMinWidth(Region.USE_PREF_SIZE);
        Button export = new Button("Export…");
        export.setId("timeline-export");
        export.getStyleClass().add(Styles.SMALL);
        export.setTooltip(new Tooltip("Save this timeline to a file, to open later (Cluster → Open timeline…)"));
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the timeline");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Partita timeline", "*" + FILE_SUFFIX));
            chooser.setInitialFileName("timeline" + FILE_SUFFIX);
            File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                model.exportTo(file.toPath());
            }
        });
        export.setMinWidth(Region.USE_PREF_SIZE);
        Label status = new Label();
        status.setId("timeline-file-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.fileStatusProperty());
        HBox controls = new HBox(10, live, scrubber, shown, span, export, status);
        controls.setAlignment(Pos.CENTER_LEFT);

        ListView<ClusterEvent> list = new ListView<>(model.shownEvents());
        list.setId("timeline-events");
        list.getStyleClass().add(Styles.DENSE);
        list.setPrefHeight(150);
        list.setMinHeight(140); // the map above gives way when the timeline opens
        Label empty = new Label("Nothing has happened yet. Stop or kill a broker from its column and watch.");
        empty.getStyleClass().add("empty-state");
        list.setPlaceholder(empty);
        list.setCellFactory(v -> new EventCell(model));
        list.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null) {
                model.scrubToTime(is.time());
            }
        });
        // New events scroll into view only while the list shows the newest one already (as a log's tail does):
        // someone reading older events keeps their place.
        model.shownEvents().addListener((ListChangeListener<ClusterEvent>) c -> {
            int added = 0;
            while (c.next()) {
                added += c.getAddedSize();
            }
            int size = model.shownEvents().size();
            if (added > 0 && model.liveProperty().get() && lastVisible(list) >= size - added - 1) {
                list.scrollTo(size - 1);
            }
        });

        VBox content = new VBox(8, controls, list);
        setContent(content);
    }

    /** The index of the last event the list shows, or -1 before it is drawn. */
    private static int lastVisible(ListView<ClusterEvent> list) {
        if (list.getSkin() instanceof ListViewSkin<?> skin
                && skin.getChildren().stream()
                                .filter(n -> n instanceof VirtualFlow<?>)
                                .findFirst()
                                .orElse(null)
                        instanceof VirtualFlow<?> flow
                && flow.getLastVisibleCell() != null) {
            return flow.getLastVisibleCell().getIndex();
        }
        return -1;
    }

    /** Time, kind as a badge, subject and what changed. */
    private static final class EventCell extends ListCell<ClusterEvent> {
        private final TimelineViewModel model;
        private final Label time = new Label();
        private final Label kind = new Label();
        private final Label subject = new Label();
        private final Label text = new Label();
        private final HBox box = new HBox(8, time, kind, subject, text);
        private String kindClass;

        EventCell(TimelineViewModel model) {
            this.model = model;
            time.getStyleClass().addAll(Styles.TEXT_MUTED, "timeline-time");
            kind.getStyleClass().add("timeline-kind");
            subject.getStyleClass().add(Styles.TEXT_BOLD);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ClusterEvent event, boolean empty) {
            super.updateItem(event, empty);
            if (empty || event == null) {
                setGraphic(null);
                return;
            }
            time.setText(model.timeOf(event));
            kind.setText(event.kind().label());
            if (kindClass != null) {
                kind.getStyleClass().remove(kindClass);
            }
            kindClass = event.kind().styleClass();
            kind.getStyleClass().add(kindClass);
            subject.setText(event.subject());
            text.setText(event.text());
            setGraphic(box);
        }
    }
}
