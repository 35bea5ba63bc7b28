package io.partita.app.cluster;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.AppPreferences;
import io.partita.app.testing.PartitaUnderTest;
import io.partita.broker.local.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The app reopens its local cluster and one node's data does not open: the others start, the map says which
 * broker is down and why, and one click starts it empty, after which it is back in every ISR.
 */
@Tag("integration")
class UnreadableNodeGuiTest {
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
    void theMapOffersToStartABrokerWhoseDataDoesNotOpenEmpty() throws Exception {
        partita = new PartitaUnderTest(home);
        Path clusterDir = new AppPreferences(partita.preferences(), home).localClusterDirectory();
        try (LocalCluster before = new LocalCluster(LocalCluster.Settings.of(3, clusterDir)).start();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, before.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 3)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Path data = clusterDir.resolve("node-1").resolve("data");
        Files.write(
                data.resolve("data.mdb"),
                "scribbled over by a failing disk".repeat(1000).getBytes());

        partita.reopeningLocalCluster(3).launch();
        // The notice may show before the first map does (a first refresh that fails knows the nodes, not the map).
        await().atMost(Duration.ofSeconds(90))
                .until(() -> fx(() -> robot.lookup("#map-unreadable")
                                .tryQuery()
                                .map(Node::isVisible)
                                .orElse(false)
                        && robot.lookup(".broker-up").queryAll().size() == 2));
        assertThat(PartitaUnderTest.text(robot, "#map-unreadable-title"))
                .isEqualTo("Broker 1 is down: its data does not open.");
        assertThat(PartitaUnderTest.text(robot, "#map-unreadable-reason"))
                .startsWith("The log store in " + data.toAbsolutePath() + " cannot be opened");

        robot.clickOn("#map-start-empty");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> fx(() -> !robot.lookup("#map-unreadable").query().isVisible()
                        && robot.lookup(".broker-up").queryAll().size() == 3));
        await("broker 1 back in every ISR")
                .atMost(Duration.ofSeconds(90))
                .until(() -> fx(() -> robot.lookup("#map-table").<MapRow>queryTableView().getItems().stream()
                        .filter(r -> r.get().topic().equals("orders"))
                        .allMatch(r -> r.get().isr().size() == 3)));
        assertThat(Files.list(clusterDir.resolve("node-1"))
                        .map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith("data.unreadable-"));
    }
}
