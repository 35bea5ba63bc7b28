package io.partita.app.about;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AboutViewModelTest {
    @TempDir
    Path home;

    @Test
    void listsTheVersionsAndWhereTheFilesAre() {
        AboutViewModel about = new AboutViewModel("1.2.3", "4.4.0", home, home.resolve("logs"), uri -> {});
        assertThat(about.facts())
                .containsEntry("Partita", "1.2.3")
                .containsEntry("kafka-clients", "4.4.0")
                .containsEntry("Data", home.toString())
                .containsEntry("Logs", home.resolve("logs").toString())
                .containsKeys("Java", "JavaFX", "Operating system");
        assertThat(about.facts().get("Java")).startsWith(System.getProperty("java.version"));
        assertThat(about.asText())
                .startsWith("Partita: 1.2.3\n")
                .contains("kafka-clients: 4.4.0\n")
                .endsWith("Logs: " + home.resolve("logs") + "\n");
    }

    @Test
    void opensTheLogFolderMakingItFirstIfNothingWasLoggedYet() {
        List<URI> opened = new ArrayList<>();
        Path logs = home.resolve("logs");
        AboutViewModel about = new AboutViewModel("1.2.3", "4.4.0", home, logs, opened::add);
        about.openLogFolder();
        assertThat(logs).isDirectory();
        assertThat(opened).containsExactly(logs.toUri());
    }
}
