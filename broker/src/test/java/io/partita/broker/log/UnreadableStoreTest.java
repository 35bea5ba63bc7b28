package io.partita.broker.log;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data file that does not open is said in one line that names the directory and what to do. */
class UnreadableStoreTest {
    @TempDir
    Path dir;

    @Test
    void aDataFileThatIsNotLmdbIsNamedWithWhatToDo() throws Exception {
        Files.write(
                dir.resolve("data.mdb"), "not an LMDB environment ".repeat(4096).getBytes());
        assertThatThrownBy(() -> LogStore.open(LogStoreSettings.defaults(dir)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("The log store in " + dir.toAbsolutePath() + " cannot be opened (")
                .hasMessageEndingWith("If its partitions have replicas on other nodes, move this directory aside"
                        + " and start the node again: it starts empty and copies them back from the others.")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(
                                e.getMessage().lines())
                        .hasSize(1));
    }
}
