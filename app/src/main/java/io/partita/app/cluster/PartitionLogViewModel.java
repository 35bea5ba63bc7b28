package io.partita.app.cluster;

import io.partita.app.client.cluster.ClusterClient;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.core.Failures;
import io.partita.app.client.groups.GroupsClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;

/**
 * The partition log view of the partition chosen on the map: where each replica's log ends, the high watermark and
 * the groups' committed offsets, read on their own and often (every {@link #LOCAL_INTERVAL_MS} ms on a local
 * cluster, so a change shows within half a second; every {@link #REMOTE_INTERVAL_MS} ms elsewhere), only while the
 * map shows and a partition is chosen. FX thread only.
 */
public final class PartitionLogViewModel {
    static final long LOCAL_INTERVAL_MS = 250;
    static final long REMOTE_INTERVAL_MS = 2_000;

    private final ClusterClient cluster;
    private final GroupsClient groups;
    private final ReadOnlyObjectWrapper<PartitionLogPicture> picture = new ReadOnlyObjectWrapper<>(this, "picture");
    private final ReadOnlyBooleanWrapper chosen = new ReadOnlyBooleanWrapper(this, "chosen", false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    /** The wait before the next read; made at the first one (an animation needs the FX toolkit). */
    private PauseTransition next;

    private String topic;
    private int partition;
    private boolean showing;
    /** Showing a moment of the timeline: nothing is read until it is live again. */
    private boolean recorded;

    private ClusterMap recordedMap;

    private Consumer<ClusterMap> onRead = map -> {};
    /** The read out, if any: one at a time; a new choice while it runs is read when it ends. */
    private CompletableFuture<Void> reading;

    public PartitionLogViewModel(ClusterClient cluster, GroupsClient groups) {
        this.cluster = cluster;
        this.groups = groups;
    }

    /** Shows partition {@code partition} of {@code topic} from now on (at once, then as it changes). */
    public void choose(String topic, int partition) {
        if (topic.equals(this.topic) && partition == this.partition) {
            return;
        }
        this.topic = topic;
        this.partition = partition;
        chosen.set(true);
        title.set(topic + "  ·  partition " + partition);
        picture.set(null);
        problem.set("");
        if (recorded && recordedMap != null) {
            showRecorded(recordedMap);
        } else {
            read();
        }
    }

    /** Shows no partition and stops reading. */
    public void clear() {
        topic = null;
        chosen.set(false);
        title.set("");
        picture.set(null);
        problem.set("");
        stopWaiting();
    }

    /** Whether the view is on screen: the positions are read only while it is. */
    public void setShowing(boolean showing) {
        this.showing = showing;
        if (showing) {
            read();
        } else {
            stopWaiting();
        }
    }

    /** Back to the present after {@link #showRecorded}: the partition is read again (while on screen). */
    public void showLive() {
        recorded = false;
        recordedMap = null;
        read();
    }

    /**
     * Shows the chosen partition as {@code map} has it (a moment the timeline went back to), without its groups,
     * which the timeline does not record; reading stops until {@link #showLive}.
     */
    public void showRecorded(ClusterMap map) {
        stopWaiting();
        recorded = true;
        recordedMap = map;
        if (topic == null) {
            return;
        }
        String key = PartitionRow.key(topic, partition);
        Optional<PartitionRow> row =
                map.rows().stream().filter(r -> r.key().equals(key)).findFirst();
        picture.set(row.map(r -> PartitionLogPicture.of(r, Map.of())).orElse(null));
        problem.set(row.isPresent() ? "" : "This partition did not exist then.");
    }

    /** Reads the chosen partition now, unless a read is out (its end plans the next one). */
    public CompletableFuture<Void> read() {
        if (topic == null || !showing || recorded) {
            return CompletableFuture.completedFuture(null);
        }
        if (reading != null) {
            return reading;
        }
        stopWaiting();
        String readTopic = topic;
        int readPartition = partition;
        CompletableFuture<Map<String, Long>> commits =
                groups.commitsOn(readTopic, readPartition).exceptionally(e -> Map.of());
        reading = cluster.partitionMap(readTopic, readPartition)
                .thenCombine(commits, (map, commitsOn) -> Map.entry(map, commitsOn))
                .handle((both, failure) -> {
                    reading = null;
                    if (readTopic.equals(topic) && readPartition == partition && !recorded) {
                        if (failure != null) {
                            problem.set(Failures.problem("Could not read the partition", failure));
                        } else {
                            show(both.getKey(), both.getValue());
                        }
                    }
                    if (topic != null && showing && !recorded) {
                        if (readTopic.equals(topic) && readPartition == partition) {
                            planNext();
                        } else {
                            read(); // chosen anew while this read was out
                        }
                    }
                    return null;
                });
        CompletableFuture<Void> read = reading;
        if (read.isDone()) {
            reading = null; // an executor that runs at once finished the read before it was assigned
        }
        return read;
    }

    private void planNext() {
        if (next == null) {
            next = new PauseTransition(
                    Duration.millis(cluster.controlsNodes() ? LOCAL_INTERVAL_MS : REMOTE_INTERVAL_MS));
            next.setOnFinished(e -> read());
        }
        next.playFromStart();
    }

    private void stopWaiting() {
        if (next != null) {
            next.stop();
        }
    }

    private void show(Optional<ClusterMap> map, Map<String, Long> commits) {
        if (map.isEmpty() || map.get().rows().isEmpty()) {
            picture.set(null);
            problem.set("This partition is gone: its topic was deleted.");
            return;
        }
        problem.set("");
        picture.set(PartitionLogPicture.of(map.get().rows().get(0), commits));
        onRead.accept(map.get());
    }

    /** Who hears of each fresh read of the chosen partition (the brokers and its row): the timeline records it. */
    public void setOnRead(Consumer<ClusterMap> listener) {
        this.onRead = listener;
    }

    /** The partition as drawn; null before its first read, and while none is chosen. */
    public ReadOnlyObjectProperty<PartitionLogPicture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    /** Whether a partition is chosen: the view shows only then. */
    public ReadOnlyBooleanProperty chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    /** "topic  ·  partition N", or "" while none is chosen. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Why the partition cannot be shown, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
