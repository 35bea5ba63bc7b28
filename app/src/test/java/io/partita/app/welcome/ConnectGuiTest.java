package io.partita.app.welcome;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.PartitaApp;
import io.partita.app.client.cluster.BrokerInfo;
import io.partita.app.client.core.ConnectionProfile;
import io.partita.app.testing.PartitaUnderTest;
import io.partita.app.testing.RealKafka;
import io.partita.broker.testing.ApacheKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;

/**
 * The Connect form against a real Apache Kafka's SASL listener, headless: a wrong password gets a clear message and
 * the form stays usable; the right one opens the workspace on Kafka's broker; the saved connection is listed and
 * reopened at the next launch.
 */
@ExtendWith(RealKafka.class)
@Tag("integration")
class ConnectGuiTest {
    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(40);
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private PartitaUnderTest partita;
    private PartitaApp app;

    @BeforeEach
    void freshSettings() {
        partita = new PartitaUnderTest(home);
    }

    private void launch() throws Exception {
        app = partita.launch();
    }

    @AfterEach
    void cleanUp() throws Exception {
        partita.close();
    }

    @Test
    void saslWrongPasswordThenRightSaveAndReopen() throws Exception {
        String bootstrap = RealKafka.kafka().saslBootstrap();
        launch();
        await("the empty saved list")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#saved-profiles")
                                .queryListView()
                                .getItems()
                                .isEmpty()
                        && robot.lookup("#saved-profiles .label")
                                .tryQuery()
                                .map(n -> ((Labeled) n).getText())
                                .orElse("")
                                .startsWith("None yet.")));
        // SASL fields appear only for a SASL protocol.
        assertThat(fx(() -> shown(robot.lookup("#sasl-username").query()))).isFalse();

        robot.clickOn("#bootstrap-servers").write(bootstrap);
        robot.clickOn("#profile-name").write("kafka-sasl");
        robot.clickOn("#security-protocol");
        robot.clickOn(robot.lookup(".list-cell")
                .match(LabeledMatchers.hasText("SASL_PLAINTEXT"))
                .<Node>query());
        await("the SASL fields")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> shown(robot.lookup("#sasl-username").query())));
        robot.clickOn("#sasl-username").write(ApacheKafka.PLAIN_USER);
        robot.clickOn("#sasl-password").write("not-the-password");

        // A wrong password: a clear message, nothing else changes, the form works on.
        robot.clickOn("#connect");
        await("the authentication error")
                .atMost(CONNECT_DEADLINE)
                .until(() -> fx(() -> text("#welcome-error"))
                        .equals("Could not connect to " + bootstrap
                                + ": Authentication failed: the cluster did not accept the user "
                                + "name or password for alice (PLAIN)."));
        assertThat(fx(() -> app.model().workspaceProperty().get())).isNull();
        assertThat(fx(() -> robot.lookup("#connect").queryButton().isDisabled()))
                .isFalse();

        // The right password, remembered, saved: listed at once.
        robot.doubleClickOn("#sasl-password");
        fx(() -> {
            robot.lookup("#sasl-password").<TextInputControl>query().clear();
            return null;
        });
        robot.clickOn("#sasl-password").write(ApacheKafka.PLAIN_PASSWORD);
        robot.clickOn("#remember-passwords");
        robot.clickOn("#save-profile");
        await("the saved profile")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#saved-profiles").queryListView().getItems().stream()
                                .map(p -> ((ConnectionProfile) p).name())
                                .toList())
                        .equals(List.of("kafka-sasl")));
        assertThat(fx(() -> text("#welcome-info"))).startsWith("Saved \"kafka-sasl\" with its passwords");
        assertThat(fx(() -> ((ConnectionProfile) robot.lookup("#saved-profiles")
                                .queryListView()
                                .getSelectionModel()
                                .getSelectedItem())
                        .name()))
                .isEqualTo("kafka-sasl");

        // Test connection says what answered, without leaving the welcome screen.
        robot.clickOn("#test-connection");
        await("the test's result")
                .atMost(CONNECT_DEADLINE)
                .until(() -> fx(() -> text("#welcome-info")).matches("Connected: cluster id \\S+, 1 broker\\."));
        assertThat(fx(() -> app.model().workspaceProperty().get())).isNull();

        robot.clickOn("#connect");
        awaitKafkasBroker(bootstrap);
        assertThat(fx(() -> text("#cluster-title"))).isEqualTo("kafka-sasl");
        assertThat(fx(() -> text("#cluster-subtitle")))
                .startsWith(bootstrap)
                .endsWith("  ·  SASL_PLAINTEXT, PLAIN as alice");

        // Quit while connected, launch again: the saved connection, with its remembered password, reopens.
        partita.quit();
        launch();
        awaitKafkasBroker(bootstrap);
        robot.clickOn("#disconnect");
        await("the welcome screen lists the saved connection")
                .atMost(CONNECT_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#saved-profiles")
                                .tryQuery()
                                .filter(Node::isVisible)
                                .map(n -> ((ListView<?>) n)
                                        .getItems().stream()
                                                .map(p -> ((ConnectionProfile) p).name())
                                                .toList())
                                .orElse(List.of()))
                        .equals(List.of("kafka-sasl")));
        // And the form holds it, the saved one selected: Enter on the list connects.
        assertThat(fx(() ->
                        robot.lookup("#profile-name").<TextInputControl>query().getText()))
                .isEqualTo("kafka-sasl");
        assertThat(fx(() -> ((ConnectionProfile) robot.lookup("#saved-profiles")
                                .queryListView()
                                .getSelectionModel()
                                .getSelectedItem())
                        .name()))
                .isEqualTo("kafka-sasl");

        // Delete forgets it, its remembered password too.
        robot.clickOn("#profile-delete");
        await("the list is empty again")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#saved-profiles")
                        .queryListView()
                        .getItems()
                        .isEmpty()));
        assertThat(fx(() -> text("#welcome-info"))).isEqualTo("Deleted \"kafka-sasl\".");
        assertThat(Files.readString(home.resolve("credentials.properties"))).doesNotContain(ApacheKafka.PLAIN_PASSWORD);
    }

    /** The workspace's broker list shows Kafka's one broker (node 1) at the SASL listener's address. */
    private void awaitKafkasBroker(String bootstrap) {
        await("the workspace shows Kafka's broker")
                .atMost(CONNECT_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#brokers")
                                .tryQuery()
                                .map(n -> List.copyOf(((ListView<?>) n).getItems()))
                                .orElse(List.of()))
                        .stream()
                        .map(b -> ((BrokerInfo) b).id() + "@" + ((BrokerInfo) b).address())
                        .toList()
                        .equals(List.of("1@" + bootstrap)));
    }

    /** Drawn: the node and all its parents visible (a hidden section hides its fields). */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    private String text(String query) {
        return PartitaUnderTest.text(robot, query);
    }
}
