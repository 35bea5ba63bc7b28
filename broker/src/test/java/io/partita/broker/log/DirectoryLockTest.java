package io.partita.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In one JVM; the second process is BrokerMainTest's (a second `local` and a second `node` are refused). */
class DirectoryLockTest {

    @Test
    void aSecondOwnerIsRefusedUntilTheFirstReleasesAndLearnsWhoHoldsIt(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (DirectoryLock first = DirectoryLock.acquire(data)) {
            first.describe(Map.of("pid", "42", "bootstrap.servers", "127.0.0.1:9092"));
            assertThatThrownBy(() -> DirectoryLock.acquire(data))
                    .isInstanceOfSatisfying(DirectoryLockedException.class, e -> {
                        assertThat(e.directory()).isEqualTo(data);
                        assertThat(e.holder()).containsEntry("bootstrap.servers", "127.0.0.1:9092");
                        assertThat(e.getMessage())
                                .isEqualTo(data.toAbsolutePath()
                                        + " is in use by another Partita process (pid 42); stop it first or choose another"
                                        + " directory");
                    });
        }
        try (DirectoryLock again = DirectoryLock.acquire(data)) {
            assertThat(again.directory()).isEqualTo(data);
            assertThat(data.resolve(DirectoryLock.FILE_NAME)).exists();
        }
    }
}
