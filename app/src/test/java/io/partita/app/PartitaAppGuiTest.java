package io.partita.app;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.partita.app.client.cluster.BrokerInfo;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.cluster.ReplicaState;
import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.client.groups.GroupInfo;
import io.partita.app.client.groups.PartitionLag;
import io.partita.app.cluster.MapRow;
import io.partita.app.testing.PartitaUnderTest;
import io.partita.broker.local.FreePorts;
import io.partita.broker.local.LocalCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first window end to end, headless: welcome screen, Start local cluster (a real LocalCluster in this
 * JVM), brokers shown, a topic created through the dialog, an invalid name refused, and Quit stopping it all.
 */
@Tag("integration")
class PartitaAppGuiTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private PartitaUnderTest partita;
    private Stage stage;
    private PartitaApp app;

    @BeforeEach
    void freshSettings() {
        partita = new PartitaUnderTest(home);
    }

    private void launch() throws Exception {
        app = partita.launch();
        stage = partita.stage();
    }

    @AfterEach
    void cleanUp() throws Exception {
        partita.close();
    }

    @Test
    void startLocalClusterCreateATopicAndQuit() throws Exception {
        launch();
        // The welcome screen, with its primary action.
        assertThat(fx(() -> robot.lookup("#welcome").tryQuery().isPresent())).isTrue();
        Button start = robot.lookup("#start-local").queryButton();
        assertThat(fx(start::isDefaultButton)).isTrue();
        assertThat(fx(start::getText)).isEqualTo("Start local cluster");

        // Kafka's ports if nothing holds them (checked before the click), else free ones.
        boolean kafkaPortsFree = FreePorts.allFree(LocalCluster.DEFAULT_BASE_PORT, 3);
        robot.clickOn("#start-local");
        // Three nodes by default, listed by id, exactly one of them marked controller.
        await("the broker list shows the three nodes")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#brokers")
                                .tryQuery()
                                .map(n -> ((ListView<?>) n).getItems().size())
                                .orElse(0))
                        == 3);
        ListView<BrokerInfo> brokers = robot.lookup("#brokers").queryListView();
        assertThat(fx(() -> List.copyOf(brokers.getItems())))
                .extracting(BrokerInfo::id)
                .containsExactly(0, 1, 2);
        assertThat(fx(() -> List.copyOf(brokers.getItems())))
                .filteredOn(BrokerInfo::controller)
                .hasSize(1);
        BrokerInfo broker = fx(() -> brokers.getItems().get(0));
        // The list's cells are drawn at the next pulse after its items changed: wait for them, not for the items.
        await("the first broker drawn")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#brokers .broker-name")).equals("Broker 0"));
        assertThat(fx(() -> text("#brokers .broker-address"))).isEqualTo(broker.address());
        assertThat(fx(() -> robot.lookup("#brokers .badge").queryAllAs(Labeled.class).stream()
                        .filter(Node::isVisible)
                        .count()))
                .isEqualTo(1);
        assertThat(fx(() -> text("#cluster-title"))).isEqualTo("Local cluster (3 nodes)");
        assertThat(fx(() -> text("#brokers-count"))).isEqualTo("3 live");
        String bootstrap =
                fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());
        assertThat(home.resolve("clusters/local")).isDirectory();
        if (kafkaPortsFree) {
            assertThat(bootstrap).isEqualTo("127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094");
        } else {
            assertThat(bootstrap).doesNotContain(":9092");
        }
        // The address is one click from the clipboard, for kcat or the user's own clients.
        robot.clickOn("#copy-bootstrap");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(bootstrap);
        assertThat(fx(() -> robot.lookup("#copy-bootstrap").queryButton().getText()))
                .isEqualTo("Copied");
        await("the button says what it does again")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() ->
                                robot.lookup("#copy-bootstrap").queryButton().getText())
                        .equals("Copy address"));

        // The cluster map comes first: three broker columns, and an empty state until there is a topic.
        await("the map's broker columns")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#map-table")
                                .queryTableView()
                                .getColumns()
                                .size())
                        == 4);
        assertThat(fx(() -> robot.lookup("#map-empty").query().isVisible())).isTrue();
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        await("the empty state")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#topics-empty")).startsWith("No topics yet — create one"));

        try (Admin admin = admin(bootstrap)) {
            // An invalid name: a clear message, Create disabled, Enter does nothing, nothing is created.
            robot.push(KeyCode.CONTROL, KeyCode.N);
            await("the dialog")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> robot.lookup("#topic-name").tryQuery().isPresent()));
            robot.clickOn("#topic-name").write("bad name!");
            await().atMost(UI_DEADLINE)
                    .until(
                            () -> fx(() -> text("#topic-validation"))
                                    .equals(
                                            "Topic names may only contain letters, digits, '.', '_' and '-'. Not allowed: space, '!'."));
            assertThat(fx(() -> robot.lookup("#create-topic").queryButton().isDisabled()))
                    .isTrue();
            robot.push(KeyCode.ENTER);
            robot.clickOn("#create-topic");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(fx(() -> robot.lookup("#topic-name").tryQuery().isPresent()))
                    .as("the dialog stays open")
                    .isTrue();
            assertThat(userTopics(admin)).isEmpty();

            // Fix the name and create it.
            robot.push(KeyCode.CONTROL, KeyCode.A).write("orders");
            await().atMost(UI_DEADLINE)
                    .until(() -> fx(() -> text("#topic-validation")).isEmpty());
            robot.clickOn("#create-topic");
            await("the dialog closes")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> robot.lookup("#topic-name").tryQuery().isEmpty()));
            await("the topic is listed")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> {
                        TableView<TopicInfo> table = robot.lookup("#topics").queryTableView();
                        return table.getItems().stream().anyMatch(t -> t.name().equals("orders"));
                    }));
            assertThat(fx(() -> robot.lookup("#topics").queryTableView().getItems()))
                    .containsExactly(new TopicInfo("orders", 1, 1, 0, false));
            assertThat(userTopics(admin)).containsExactly("orders");
            assertThat(admin.describeTopics(Set.of("orders"))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get("orders")
                            .partitions())
                    .hasSize(1);
        }

        // The new topic's partition is on the map too.
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        await("the topic on the map")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#map-table").queryTableView().getItems().stream()
                        .anyMatch(r -> ((MapRow) r).get().topic().equals("orders"))));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);

        // The search field filters what is shown.
        robot.clickOn("#topic-search").write("nothing-like-it");
        await().atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#topics-empty")).equals("No topics match \"nothing-like-it\"."));

        // Quit: the window closes once the local cluster has stopped.
        robot.push(KeyCode.CONTROL, KeyCode.Q);
        await("the window closes").atMost(START_DEADLINE).until(() -> !fx(stage::isShowing));
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                    }
                })
                .as("the broker no longer listens")
                .isInstanceOf(IOException.class);

        Preferences saved = partita.preferences();
        assertThat(saved.get("connection.kind", "")).isEqualTo("LOCAL");
        assertThat(saved.getBoolean("connection.reopen", false)).isTrue();
        assertThat(saved.getDouble("window.width", 0)).isPositive();
    }

    @Test
    void killingANodeFromTheMapTakesItsReplicasOfflineAndMovesItsLeaderships() throws Exception {
        launch();
        robot.clickOn("#start-local");
        await("three broker columns")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#map-table")
                                .tryQuery()
                                .map(n -> ((TableView<?>) n).getColumns().size())
                                .orElse(0))
                        == 4);
        String bootstrap =
                fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic("replicated", 3, (short) 3)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        await("every replica in sync on the map")
                .atMost(START_DEADLINE)
                .until(() -> mapRows().size() == 3
                        && mapRows().stream()
                                .allMatch(r -> r.hasLeader() && r.isr().size() == 3));
        await("three leader tiles drawn").atMost(UI_DEADLINE).until(() -> tilesDrawn(ReplicaState.LEADER) == 3);
        int victim = mapRows().get(0).leader();

        robot.clickOn("#node-menu-" + victim);
        robot.clickOn("Kill broker " + victim);

        await("the broker shows as down")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> text("#broker-state-" + victim)).equals("down"));
        await("its replicas offline, its leaderships moved")
                .atMost(START_DEADLINE)
                .until(() -> mapRows().stream()
                        .allMatch(r -> r.replicaOn(victim).orElseThrow() == ReplicaState.OFFLINE
                                && r.hasLeader()
                                && r.leader() != victim));
        await("the tiles say so").atMost(UI_DEADLINE).until(() -> tilesDrawn(ReplicaState.OFFLINE) == 3);

        // The topic list counts the partitions missing an in-sync replica.
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        await("under-replicated in the topic list")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#topics").<TableView<TopicInfo>>query().getItems().stream()
                        .anyMatch(t -> t.name().equals("replicated") && t.underReplicated() == 3)));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);

        // Start it again from the map: it catches up and every replica is in sync again.
        robot.clickOn("#node-menu-" + victim);
        robot.clickOn("Start broker " + victim);
        await("back in sync")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> text("#broker-state-" + victim)).equals("up")
                        && mapRows().stream().allMatch(r -> r.isr().size() == 3));
    }

    @Test
    void aGroupsCommittedOffsetsShowAsLagInTheGroupView() throws Exception {
        launch();
        robot.clickOn("#start-local");
        await("connected")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#map-table").tryQuery().isPresent()));
        String bootstrap =
                fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());
        TopicPartition tp = new TopicPartition("invoices", 0);
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic("invoices", 1, (short) 3)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("invoices", 0, "k" + i, "v" + i))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "billing",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(4)), Duration.ofSeconds(30));
        }

        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        await("the group with its lag")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#groups").<TableView<GroupInfo>>query().getItems().stream()
                        .anyMatch(g -> g.id().equals("billing") && g.totalLag() == 6)));
        await("the group's row is drawn")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() ->
                        robot.lookup("#groups").lookup("billing").tryQuery().isPresent()));
        robot.clickOn("billing");
        await("the partition's committed offset, log end and lag")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#group-partitions")
                        .<TableView<PartitionLag>>query()
                        .getItems()
                        .equals(List.of(new PartitionLag("invoices", 0, 4, 10, "")))));
    }

    /** The map's tiles on screen that show {@code state} (a pseudo-class, which CSS lookups do not match on). */
    private long tilesDrawn(ReplicaState state) throws Exception {
        return fx(() -> robot.lookup("#map-table .replica-tile").queryAll().stream()
                .filter(tile -> tile.isVisible()
                        && tile.getPseudoClassStates().contains(PseudoClass.getPseudoClass(state.cssName())))
                .count());
    }

    private List<PartitionRow> mapRows() throws Exception {
        return fx(() -> robot.lookup("#map-table").<TableView<MapRow>>query().getItems().stream()
                .map(MapRow::get)
                .toList());
    }

    @Test
    void reopensTheLastConnectionAndWindowAtLaunch() throws Exception {
        Preferences saved = partita.preferences();
        saved.put("connection.kind", "LOCAL");
        saved.putInt("connection.nodes", 1);
        saved.putBoolean("connection.reopen", true);
        saved.putDouble("window.x", 30);
        saved.putDouble("window.y", 40);
        saved.putDouble("window.width", 900);
        saved.putDouble("window.height", 640);
        saved.flush();

        launch();
        assertThat(fx(stage::getWidth)).isEqualTo(900);
        assertThat(fx(stage::getHeight)).isEqualTo(640);
        await("the local cluster is back without a click")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#brokers")
                                .tryQuery()
                                .map(n -> ((ListView<?>) n).getItems().size())
                                .orElse(0))
                        == 1);

        // Stop cluster: back to the welcome screen, and the next launch will not reopen it.
        robot.clickOn("#disconnect");
        await("the welcome screen")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#start-local")
                        .tryQuery()
                        .map(Node::isVisible)
                        .orElse(false)));
        assertThat(saved.getBoolean("connection.reopen", true)).isFalse();
    }

    @Test
    void aClusterThatStopsAnsweringShowsWhyAndTheAppReconnectsWhenItIsBack() throws Exception {
        Preferences saved = partita.preferences();
        saved.put("connection.kind", "LOCAL");
        saved.putInt("connection.nodes", 1);
        saved.putBoolean("connection.reopen", true);
        saved.flush();
        launch();
        await("the one-node cluster is up")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#brokers")
                                .tryQuery()
                                .map(n -> ((ListView<?>) n).getItems().size())
                                .orElse(0))
                        == 1);
        assertThat(fx(() -> text("#problem"))).isEmpty();
        assertThat(fx(() -> robot.lookup(".problem-banner").query().isVisible()))
                .isFalse();
        // The broker list fills from the same snapshot as the map, but the map's column header is drawn a pulse
        // later, and drawn again once the controller is known: click the menu of the settled header.
        await("the controller badge on the map")
                .atMost(START_DEADLINE)
                .until(() -> fx(
                        () -> robot.lookup(".broker-header .badge").tryQuery().isPresent()));
        awaitDrawn("#node-menu-0");

        robot.clickOn("#node-menu-0");
        robot.clickOn("Kill broker 0");
        await("a clear message, and when the app tries again")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup(".problem-banner").query().isVisible()
                        && text("#problem").startsWith("The cluster does not answer")
                        && text("#retry-hint").startsWith("Trying again in")));
        // The app stays usable meanwhile: tabs switch, and the map still offers the node's actions.
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);

        awaitDrawn("#node-menu-0");
        robot.clickOn("#node-menu-0");
        robot.clickOn("Start broker 0");
        robot.clickOn("#retry-now"); // no need to sit out the back-off
        await("the message goes and the broker is back")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> !robot.lookup(".problem-banner").query().isVisible()
                        && ((ListView<?>) robot.lookup("#brokers").query())
                                        .getItems()
                                        .size()
                                == 1
                        && text("#broker-state-0").equals("up")));
    }

    @Test
    void theDarkThemeIsRememberedAcrossLaunches() throws Exception {
        launch();
        assertThat(fx(() -> app.model().darkThemeProperty().get())).isFalse();
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
        await("dark")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> stage.getScene().getRoot().getStyleClass().contains("dark")
                        && javafx.application.Application.getUserAgentStylesheet()
                                .contains("dark")));
        assertThat(partita.preferences().getBoolean("appearance.dark", false)).isTrue();

        partita.quit();
        launch();
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass().contains("dark")))
                .isTrue();
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
        await("light again")
                .atMost(UI_DEADLINE)
                .until(() ->
                        fx(() -> !stage.getScene().getRoot().getStyleClass().contains("dark")
                                && javafx.application.Application.getUserAgentStylesheet()
                                        .contains("light")));
    }

    private void awaitDrawn(String query) {
        await(query + " drawn")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup(query)
                        .tryQuery()
                        .map(n -> n.isVisible()
                                && n.getScene() != null
                                && n.getLayoutBounds().getWidth() > 0)
                        .orElse(false)));
    }

    private String text(String query) {
        return PartitaUnderTest.text(robot, query);
    }

    private static Set<String> userTopics(Admin admin) throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
