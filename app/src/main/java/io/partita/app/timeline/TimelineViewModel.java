package io.partita.app.timeline;

import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.core.Failures;
import io.partita.app.client.timeline.TimelineClient;
import io.partita.app.client.timeline.TimelineFile.RecordedMap;
import io.partita.app.client.timeline.TimelineFile.Recording;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The cluster timeline under the map: every map the app reads is recorded ({@link TimelineHistory}), the events
 * between them are listed with their times, and a scrubber goes back to any recorded moment, which the map and the
 * partition log view then show ({@link #shownMapProperty()}) until {@link #goLive()}. FX thread only.
 */
public final class TimelineViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final TimelineHistory history;
    private final TimelineClient files;
    private String clusterName = "";
    private final ReadOnlyStringWrapper fileStatus = new ReadOnlyStringWrapper(this, "fileStatus", "");
    private final InstantSource clock;
    private final ZoneId zone;
    private final ObservableList<ClusterEvent> events = FXCollections.observableArrayList();
    private final BooleanProperty showInternal = new SimpleBooleanProperty(this, "showInternal", false);
    private final FilteredList<ClusterEvent> shownEvents = new FilteredList<>(events, e -> !e.internal());
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live", true);
    private final ReadOnlyObjectWrapper<ClusterMap> shownMap = new ReadOnlyObjectWrapper<>(this, "shownMap");
    private final ReadOnlyDoubleWrapper position = new ReadOnlyDoubleWrapper(this, "position", 1);
    private final ReadOnlyStringWrapper shownTime = new ReadOnlyStringWrapper(this, "shownTime", "Live");
    private final ReadOnlyStringWrapper span = new ReadOnlyStringWrapper(this, "span", "Nothing recorded yet");
    /** The moment scrubbed to; null while live. */
    private Instant shown;

    /** @param files writes the recording to a file ({@link #exportTo}) */
    public TimelineViewModel(TimelineHistory history, InstantSource clock, ZoneId zone, TimelineClient files) {
        this.history = history;
        this.clock = clock;
        this.zone = zone;
        this.files = files;
        showInternal.addListener((o, was, is) -> shownEvents.setPredicate(is ? e -> true : e -> !e.internal()));
    }

    /** A timeline that records from now on, on the system clock and time zone. */
    public TimelineViewModel(TimelineClient files) {
        this(new TimelineHistory(), InstantSource.system(), ZoneId.systemDefault(), files);
    }

    /** The timeline of a recording (a file opened): everything in it, shown from its first moment. */
    public static TimelineViewModel of(Recording recording, TimelineClient files) {
        TimelineViewModel model = new TimelineViewModel(
                TimelineHistory.of(recording.maps()), InstantSource.system(), ZoneId.systemDefault(), files);
        List<ClusterEvent> kept = model.history.events();
        model.events.setAll(kept);
        model.clusterName = recording.cluster();
        model.describeSpan();
        model.scrubTo(0);
        return model;
    }

    /** The cluster's name as a timeline file keeps it ("Local cluster (3 nodes)", a connection's name). */
    public void setClusterName(String name) {
        this.clusterName = name;
    }

    /** The cluster's name this timeline was recorded on. */
    public String clusterName() {
        return clusterName;
    }

    /** Writes everything recorded to {@code file}; {@link #fileStatusProperty()} says how it went. */
    public CompletableFuture<Void> exportTo(Path file) {
        String cluster = clusterName;
        List<RecordedMap> maps = history.moments();
        if (maps.isEmpty()) {
            fileStatus.set("Nothing is recorded yet.");
            return CompletableFuture.completedFuture(null);
        }
        fileStatus.set("Exporting " + maps.size() + " moments…");
        return files.export(file, cluster, maps).handle((v, failure) -> {
            fileStatus.set(
                    failure == null
                            ? "Exported " + maps.size() + " moments to " + file.getFileName()
                            : Failures.problem("Could not export the timeline", failure));
            return null;
        });
    }

    /** How the last export went ("" before any). */
    public ReadOnlyStringProperty fileStatusProperty() {
        return fileStatus.getReadOnlyProperty();
    }

    /** Records a map the app has just read; its events join the list. */
    public void record(ClusterMap map) {
        List<ClusterEvent> found = history.record(clock.instant(), map);
        if (history.eventCount() != events.size() + found.size()) {
            events.setAll(history.events()); // some rolled off
        } else if (!found.isEmpty()) {
            events.addAll(found);
        }
        describeSpan();
        if (shown != null) {
            // The scrubber stays on its moment; its place on a longer span moves left.
            position.set(fractionOf(shown));
        }
    }

    /** Shows the cluster as it was at {@code fraction} of the recorded span (0 its start, 1 its end). */
    public void scrubTo(double fraction) {
        var start = history.start();
        var end = history.end();
        if (start.isEmpty()) {
            return;
        }
        double clamped = Math.max(0, Math.min(1, fraction));
        long spanMillis = Duration.between(start.get(), end.get()).toMillis();
        scrubToTime(start.get().plusMillis(Math.round(spanMillis * clamped)));
    }

    /** Shows the cluster as it was at {@code time} (an event's, when one is chosen in the list). */
    public void scrubToTime(Instant time) {
        var map = history.at(time);
        if (map.isEmpty()) {
            return;
        }
        live.set(false);
        shown = time;
        position.set(fractionOf(time));
        shownTime.set(TIME.format(time.atZone(zone)));
        shownMap.set(map.get());
    }

    /** Back to the present: the map shows what the app reads again. */
    public void goLive() {
        live.set(true);
        shown = null;
        position.set(1);
        shownTime.set("Live");
        shownMap.set(null);
    }

    private double fractionOf(Instant time) {
        var start = history.start();
        var end = history.end();
        if (start.isEmpty()) {
            return 1;
        }
        long spanMillis = Duration.between(start.get(), end.get()).toMillis();
        if (spanMillis <= 0) {
            return 1;
        }
        return Math.max(
                0, Math.min(1, (double) Duration.between(start.get(), time).toMillis() / spanMillis));
    }

    private void describeSpan() {
        var start = history.start();
        var end = history.end();
        span.set(
                start.isEmpty()
                        ? "Nothing recorded yet"
                        : "Recorded " + TIME.format(start.get().atZone(zone)).substring(0, 8) + "–"
                                + TIME.format(end.get().atZone(zone)).substring(0, 8));
    }

    /** When {@code event} happened, as the list shows it. */
    public String timeOf(ClusterEvent event) {
        return TIME.format(event.time().atZone(zone));
    }

    /** The events recorded, oldest first. */
    public ObservableList<ClusterEvent> events() {
        return events;
    }

    /** The events listed: those of internal topics only while {@link #showInternalProperty()} is on. */
    public ObservableList<ClusterEvent> shownEvents() {
        return shownEvents;
    }

    /** Whether events of internal topics are listed (the map's "Show internal topics"). */
    public BooleanProperty showInternalProperty() {
        return showInternal;
    }

    /** True while the map shows the present; false while it shows a recorded moment. */
    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** The map of the moment scrubbed to; null while live. */
    public ReadOnlyObjectProperty<ClusterMap> shownMapProperty() {
        return shownMap.getReadOnlyProperty();
    }

    /** Where the scrubber stands on the recorded span, from 0 to 1 (1 while live). */
    public ReadOnlyDoubleProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** The moment shown ("Live", or its time of day to the millisecond). */
    public ReadOnlyStringProperty shownTimeProperty() {
        return shownTime.getReadOnlyProperty();
    }

    /** What the scrubber spans, in words. */
    public ReadOnlyStringProperty spanProperty() {
        return span.getReadOnlyProperty();
    }
}
