package io.partita.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits reach the kernel at commit time, so an acknowledged append survives SIGKILL without any fsync; and
 * a killed node leaves no temporary file behind.
 */
@Tag("integration")
class KillNineTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedAppendsSurviveKillMinusNine() throws Exception {
        Path acked = dir.resolve("acked");
        Path childTmp = Files.createDirectories(dir.resolve("tmp"));
        Path childHome = Files.createDirectories(dir.resolve("home"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(
                        java,
                        "-Djava.io.tmpdir=" + childTmp,
                        "-Duser.home=" + childHome,
                        "--add-opens",
                        "java.base/java.nio=ALL-UNNAMED",
                        "--add-opens",
                        "java.base/sun.nio.ch=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KillNineChild.class.getName(),
                        dir.toString(),
                        acked.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> readAcked(acked) >= 2000);
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor(30, TimeUnit.SECONDS);
        }
        // The killed JVM left no copy of LMDB's native library behind: it loaded the one lasting copy.
        try (var leftovers = Files.list(childTmp);
                var lasting = Files.list(childHome.resolve(".partita/native"))) {
            assertThat(leftovers).isEmpty();
            assertThat(lasting)
                    .singleElement()
                    .satisfies(library ->
                            assertThat(library.getFileName().toString()).startsWith("lmdb-"));
        }
        long acknowledged = readAcked(acked);
        try (LogStore store = LogStore.open(LogStoreSettings.defaults(dir.resolve("data")))) {
            PartitionLog log = store.openPartition(KillNineChild.KEY, LogConfig.defaults());
            assertThat(log.logEndOffset()).isGreaterThanOrEqualTo(acknowledged);
            List<String> values = LogTestSupport.values(
                    log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records());
            assertThat(values).hasSize((int) log.logEndOffset());
            assertThat(values.get(0)).isEqualTo("0:v0");
            assertThat(log.appendAsLeader(LogTestSupport.batch(1L, "after"), 0)
                            .join()
                            .baseOffset())
                    .isEqualTo(log.logEndOffset() - 1);
        }
    }

    private static long readAcked(Path acked) {
        try {
            String text = Files.readString(acked).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (Exception e) {
            return 0;
        }
    }
}
