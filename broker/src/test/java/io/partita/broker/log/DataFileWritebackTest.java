package io.partita.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** sync_file_range is a Linux call; elsewhere the writeback is absent by design ({@link DataFileWriteback#start}). */
@EnabledOnOs(OS.LINUX)
class DataFileWritebackTest {

    @TempDir
    Path dir;

    @Test
    void startsWritebackOfAnOpenFileAndNothingOnceClosed() throws Exception {
        Path file = Files.write(dir.resolve("data.mdb"), new byte[1 << 20]);
        DataFileWriteback writeback = DataFileWriteback.open(file, 8192).orElseThrow();
        assertThat(writeback.startWriteback()).isTrue();
        assertThat(writeback.startWriteback()).isTrue();
        writeback.close();
        assertThat(writeback.startWriteback())
                .as("closed: its descriptor may name another file by now")
                .isFalse();
        writeback.close();
    }

    @Test
    void isAbsentForAFileItCannotOpen() {
        assertThat(DataFileWriteback.open(dir.resolve("missing/data.mdb"), 0)).isEmpty();
    }

    @Test
    void aStoreWithSteadyWritebackAppendsReadsAndReopens() throws Exception {
        LogStoreSettings settings =
                LogStoreSettings.defaults(dir.resolve("data")).withWritebackIntervalMs(1);
        try (LogStore store = LogStore.open(settings)) {
            PartitionLog log = store.openPartition(KillNineChild.KEY, LogConfig.defaults());
            for (int i = 0; i < 200; i++) {
                log.appendAsLeader(LogTestSupport.batch(i, "v" + i), 0).join();
            }
        }
        try (LogStore store = LogStore.open(settings.withWritebackIntervalMs(0))) {
            PartitionLog log = store.openPartition(KillNineChild.KEY, LogConfig.defaults());
            assertThat(LogTestSupport.values(
                            log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                    .hasSize(200)
                    .startsWith("0:v0")
                    .endsWith("199:v199");
        }
    }
}
