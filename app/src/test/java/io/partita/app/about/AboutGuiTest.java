package io.partita.app.about;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.client.core.SoftwareVersions;
import io.partita.app.testing.PartitaUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** Help → About from the welcome screen: the versions and files, copied for a bug report. */
@Tag("integration")
class AboutGuiTest {
    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private PartitaUnderTest partita;

    @AfterEach
    void cleanUp() throws Exception {
        if (partita != null) {
            partita.close();
        }
    }

    @Test
    void helpAboutShowsTheVersionsAndCopiesThem() throws Exception {
        partita = new PartitaUnderTest(home);
        partita.launch();
        robot.clickOn("Help").clickOn("About Partita");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> fx(() -> robot.lookup("#about-partita").tryQuery().isPresent()));
        assertThat(PartitaUnderTest.text(robot, "#about-partita")).isEqualTo(SoftwareVersions.partita());
        assertThat(PartitaUnderTest.text(robot, "#about-kafka-clients")).isEqualTo(SoftwareVersions.kafkaClients());
        assertThat(PartitaUnderTest.text(robot, "#about-logs"))
                .isEqualTo(home.resolve("logs").toString());

        robot.clickOn("#about-copy");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString()))
                .startsWith("Partita: " + SoftwareVersions.partita() + "\n")
                .contains("Data: " + home);
        assertThat(fx(() -> robot.lookup("#about-dialog").tryQuery().isPresent()))
                .as("copying keeps the dialog open")
                .isTrue();

        robot.clickOn("#about-close");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> robot.lookup("#about-dialog").tryQuery().isEmpty()));
    }
}
