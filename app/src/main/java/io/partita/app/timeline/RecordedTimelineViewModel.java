package io.partita.app.timeline;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.timeline.TimelineFile.Recording;
import io.partita.app.cluster.ClusterMapViewModel;
import io.partita.app.cluster.PartitionLogViewModel;
import java.nio.file.Path;

/**
 * A timeline opened from a file, with no cluster behind it: the map, the partition log view and the timeline of
 * its own window, showing the recording's moments only. Its gateway never connects, so nothing here can reach a
 * cluster (nor stop or start a node of one). FX thread only.
 */
public final class RecordedTimelineViewModel implements AutoCloseable {
    private final ClusterGateway offline;
    private final ClusterMapViewModel map;
    private final PartitionLogViewModel partitionLog;
    private final TimelineViewModel timeline;
    private final String title;

    public RecordedTimelineViewModel(Recording recording, Path file) {
        this.offline = new ClusterGateway(Runnable::run);
        this.map = new ClusterMapViewModel(offline.cluster());
        this.partitionLog = new PartitionLogViewModel(offline.cluster(), offline.groups());
        this.title = "Timeline of " + (recording.cluster().isEmpty() ? "a cluster" : recording.cluster()) + "  ·  "
                + file.getFileName();
        ClusterMap last = recording.maps().isEmpty()
                ? ClusterMap.EMPTY
                : recording.maps().get(recording.maps().size() - 1).map();
        this.timeline = TimelineViewModel.of(recording, offline.timeline());
        // "Live" in a recording is its last moment.
        timeline.shownMapProperty().addListener((o, was, is) -> show(is == null ? last : is));
        show(
                timeline.shownMapProperty().get() == null
                        ? last
                        : timeline.shownMapProperty().get());
    }

    private void show(ClusterMap moment) {
        map.apply(moment);
        partitionLog.showRecorded(moment);
    }

    public String title() {
        return title;
    }

    public ClusterMapViewModel map() {
        return map;
    }

    public PartitionLogViewModel partitionLog() {
        return partitionLog;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    @Override
    public void close() {
        offline.close();
    }
}
