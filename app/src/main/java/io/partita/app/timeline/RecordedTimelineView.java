package io.partita.app.timeline;

import atlantafx.base.theme.Styles;
import io.partita.app.cluster.ClusterMapView;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The window of a timeline opened from a file: its title, then the map, the partition log view and the timeline
 * (open), all showing the recording. Closing it frees the recording.
 */
public final class RecordedTimelineView extends BorderPane {

    public RecordedTimelineView(RecordedTimelineViewModel model) {
        setId("recorded-timeline");
        getStyleClass().add("recorded-timeline");
        Label title = new Label(model.title());
        title.getStyleClass().add(Styles.TITLE_4);
        Label hint = new Label("A recording: drag the scrubber or choose an event to see the cluster as it was then.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        VBox header = new VBox(2, title, hint);
        header.getStyleClass().add("recorded-timeline-header");
        TimelineView timeline = new TimelineView(model.timeline());
        timeline.setExpanded(true);
        ClusterMapView map = new ClusterMapView(model.map(), model.partitionLog(), timeline);
        VBox.setVgrow(map, Priority.ALWAYS);
        setTop(header);
        setCenter(map);
    }

    /** Shows {@code model} in a window of its own beside {@code owner}, styled as it is. */
    public static Stage show(Window owner, RecordedTimelineViewModel model) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(model.title());
        Scene scene = new Scene(new RecordedTimelineView(model), 1100, 760);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        scene.getRoot()
                .getStyleClass()
                .addAll(owner.getScene().getRoot().getStyleClass().stream()
                        .filter(c -> c.equals("dark"))
                        .toList());
        stage.setScene(scene);
        stage.setOnHidden(e -> model.close());
        stage.show();
        return stage;
    }
}
