package io.partita.app.client.timeline;

import io.partita.app.client.core.ClientSession;
import io.partita.app.client.timeline.TimelineFile.RecordedMap;
import io.partita.app.client.timeline.TimelineFile.Recording;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Timelines as files: written and read on a thread of their own (a long recording is megabytes of JSON), results on
 * the ui executor. Needs no connection: a recording opens with no cluster at all.
 */
public final class TimelineClient {
    private final ClientSession session;

    public TimelineClient(ClientSession session) {
        this.session = session;
    }

    /** Writes {@code maps} to {@code file} as {@link TimelineFile} does. */
    public CompletableFuture<Void> export(Path file, String cluster, List<RecordedMap> maps) {
        return session.onOwnThread("partita-timeline-export", () -> {
            TimelineFile.write(file, cluster, maps);
            return null;
        });
    }

    /**
     * Reads a timeline file; fails with a {@link TimelineFileException} naming the line for a file that is not one,
     * or is broken or cut short.
     */
    public CompletableFuture<Recording> open(Path file) {
        return session.onOwnThread("partita-timeline-open", () -> TimelineFile.read(file));
    }
}
