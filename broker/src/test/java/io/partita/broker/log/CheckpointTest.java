package io.partita.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine crash after a checkpoint, built byte for byte: the data file as the disk could hold it when the power
 * went, i.e. the pages synced at the checkpoint, the meta pages of later commits, and none of the data pages those
 * commits wrote (the worst order the kernel may write them in). After the "reboot" (another boot id) the store
 * opens the checkpoint's snapshot whole, with every record acknowledged before it, and none after.
 */
class CheckpointTest {
    private static final PartitionKey KEY = new PartitionKey(new Uuid(3, 3), "crash", 0);
    private static final long NO_TIMER = Long.MAX_VALUE / 4; // only the checkpoints the test asks for

    @TempDir
    Path dir;

    @AfterEach
    void forgetBoot() {
        System.clearProperty(CheckpointFile.BOOT_ID_PROPERTY);
    }

    @Test
    void aBackgroundCheckpointShowsInAJfrRecordingWithItsTransaction() throws Exception {
        System.setProperty(CheckpointFile.BOOT_ID_PROPERTY, "this-boot");
        LogStoreSettings settings = LogStoreSettings.defaults(dir)
                .withCheckpointIntervalMs(NO_TIMER)
                .withWritebackIntervalMs(0);
        List<RecordedEvent> checkpoints;
        try (LogStore store = LogStore.open(settings);
                Recording recording = new Recording()) {
            PartitionLog log = store.openPartition(KEY, LogConfig.defaults());
            recording.enable("io.partita.Checkpoint").withThreshold(Duration.ZERO);
            recording.start();
            log.appendAsLeader(LogTestSupport.batch(LogTestSupport.NOW, "one"), 0)
                    .join();
            long before = store.requestCheckpointForTesting();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.checkpointCount() > before);
            recording.stop();
            Path file = dir.resolve("checkpoints.jfr");
            recording.dump(file);
            checkpoints = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("io.partita.Checkpoint"))
                    .toList();
        }
        assertThat(checkpoints).hasSize(1);
        assertThat(checkpoints.get(0).getLong("transaction")).isPositive();
        assertThat(checkpoints.get(0).getDuration().isNegative()).isFalse();
    }

    @Test
    void afterAMachineCrashTheStoreOpensItsLastCheckpointWhole() throws Exception {
        System.setProperty(CheckpointFile.BOOT_ID_PROPERTY, "boot-before-the-crash");
        Path live = dir.resolve("live");
        LogStoreSettings settings = LogStoreSettings.defaults(live)
                .withCheckpointIntervalMs(NO_TIMER)
                .withWritebackIntervalMs(0);
        byte[] atCheckpoint;
        byte[] checkpointFile;
        byte[] afterMore;
        List<String> beforeCheckpoint = new ArrayList<>();
        try (LogStore store = LogStore.open(settings)) {
            PartitionLog log = store.openPartition(KEY, LogConfig.defaults());
            for (int i = 0; i < 200; i++) {
                beforeCheckpoint.add(i + ":kept-" + i);
                log.appendAsLeader(LogTestSupport.batch(LogTestSupport.NOW, "kept-" + i), 0)
                        .join();
            }
            long before = store.requestCheckpointForTesting();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.checkpointCount() > before);
            atCheckpoint = Files.readAllBytes(live.resolve("data.mdb"));
            checkpointFile = Files.readAllBytes(live.resolve(CheckpointFile.NAME));
            for (int i = 0; i < 200; i++) {
                log.appendAsLeader(LogTestSupport.batch(LogTestSupport.NOW, "lost-" + i, "x".repeat(500)), 0)
                        .join();
            }
            afterMore = Files.readAllBytes(live.resolve("data.mdb"));
        }

        Path crashed = dir.resolve("crashed");
        Files.createDirectories(crashed);
        Files.write(crashed.resolve("data.mdb"), powerCutImage(atCheckpoint, afterMore, 4096));
        Files.write(crashed.resolve(CheckpointFile.NAME), checkpointFile);

        System.setProperty(CheckpointFile.BOOT_ID_PROPERTY, "boot-after-the-crash");
        try (LogStore store = LogStore.open(LogStoreSettings.defaults(crashed).withCheckpointIntervalMs(NO_TIMER))) {
            PartitionLog log = store.openPartition(KEY, LogConfig.defaults());
            List<String> values = LogTestSupport.values(
                    log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records());
            assertThat(values).containsExactlyElementsOf(beforeCheckpoint);
            // And it goes on from there.
            log.appendAsLeader(LogTestSupport.batch(LogTestSupport.NOW, "after-the-reboot"), 0)
                    .join();
            assertThat(log.logEndOffset()).isEqualTo(201);
        }
    }

    /**
     * The disk after a power cut at the worst moment: the later commits' meta pages (pages 0 and 1) reached it,
     * none of their other pages did; the file is as long as it grew.
     */
    private static byte[] powerCutImage(byte[] atCheckpoint, byte[] afterMore, int pageSize) {
        byte[] image = afterMore.clone();
        int pages = afterMore.length / pageSize;
        int lost = 0;
        for (int page = 2; page < pages; page++) {
            int from = page * pageSize;
            if (from + pageSize <= atCheckpoint.length) {
                System.arraycopy(atCheckpoint, from, image, from, pageSize);
            } else {
                Arrays.fill(image, from, from + pageSize, (byte) 0);
            }
            lost++;
        }
        assertThat(lost).isPositive();
        return image;
    }

    @Test
    void whereTheSystemHasNoBootIdTheStartOfProcessOneStandsForTheBoot() {
        // macOS has no /proc: there the start of launchd (process 1) tells one boot from the next.
        var first = CheckpointFile.initProcessStart();
        assertThat(first).hasValueSatisfying(id -> assertThat(id).startsWith("init-started-"));
        assertThat(CheckpointFile.initProcessStart()).isEqualTo(first);
    }
}
