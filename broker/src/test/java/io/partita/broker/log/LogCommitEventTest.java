package io.partita.broker.log;

import static io.partita.broker.log.LogTestSupport.batch;
import static io.partita.broker.log.LogTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's commits show in a JFR recording (io.partita.LogCommit), and a producer's appends cost one commit
 * each: the high watermark each append moves rides along in the next commit instead of a commit of its own.
 */
class LogCommitEventTest {
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void eachAppendIsOneCommitWithTheHighWatermarkRidingAlong() throws Exception {
        List<RecordedEvent> commits;
        try (Recording recording = new Recording()) {
            recording.enable("io.partita.LogCommit").withThreshold(Duration.ZERO);
            try (LogStore store = LogTestSupport.open(dir, new AtomicLong(NOW))) {
                PartitionLog log = store.openPartition(key("events", 0), LogConfig.defaults());
                recording.start();
                for (int i = 0; i < 20; i++) {
                    log.appendAsLeader(batch(NOW + i, "v" + i), 1).join();
                    // As the replica manager does after each append with one replica.
                    log.updateHighWatermark(log.logEndOffset());
                }
            } // closed before the recording stops: the writer emits a commit's event after it answers the append
            recording.stop();
            Path file = dir.resolve("commits.jfr");
            recording.dump(file);
            commits = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("io.partita.LogCommit"))
                    .toList();
        }
        // 20 appends, and at most one more commit for the high watermark no later append carried.
        assertThat(commits).hasSizeBetween(20, 21);
        assertThat(commits).allSatisfy(commit -> {
            assertThat(commit.getInt("operations")).isPositive();
            assertThat(commit.getDuration("longestQueueWait").isNegative()).isFalse();
            assertThat(commit.getDuration("answering").isNegative()).isFalse();
        });

        try (LogStore store = LogTestSupport.open(dir, new AtomicLong(NOW))) {
            assertThat(store.openPartition(key("events", 0), LogConfig.defaults())
                            .highWatermark())
                    .isEqualTo(20);
        }
    }
}
