package io.partita.app.topics;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.PartitaApp;
import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.client.topics.PartitionDetail;
import io.partita.app.client.topics.TopicConfig;
import io.partita.app.common.Sizes;
import io.partita.app.testing.PartitaUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The Topics tab end to end, headless, on a real two-node LocalCluster started from the welcome screen: create a
 * topic with a config, see its size and records after producing, its partition table and configs, change a
 * config (a refused value first), add partitions, and delete it (Cancel first keeps it).
 */
@Tag("integration")
class TopicsGuiTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration UI_DEADLINE = Duration.ofSeconds(30);
    private static final String TOPIC = "orders";

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private PartitaUnderTest partita;
    private PartitaApp app;

    @BeforeEach
    void freshSettings() {
        partita = new PartitaUnderTest(home);
    }

    @AfterEach
    void cleanUp() throws Exception {
        partita.close();
    }

    @Test
    void createInspectAlterAndDeleteATopic() throws Exception {
        app = partita.launch();
        Stage stage = partita.stage();
        fx(() -> {
            robot.lookup("#node-count")
                    .<Spinner<Integer>>query()
                    .getValueFactory()
                    .setValue(2);
            return null;
        });
        robot.clickOn("#start-local");
        await("connected")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#topics").tryQuery().isPresent()));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        await("the detail's empty state")
                .atMost(UI_DEADLINE)
                .until(() ->
                        fx(() -> text("#detail-message")).equals("Select a topic to see its partitions and configs."));
        String bootstrap =
                fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());

        // New topic with a config override, through the dialog.
        robot.push(KeyCode.CONTROL, KeyCode.N);
        await().atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#topic-name").tryQuery().isPresent()));
        robot.clickOn("#topic-name").write(TOPIC);
        fx(() -> {
            robot.lookup("#topic-partitions")
                    .<Spinner<Integer>>query()
                    .getValueFactory()
                    .setValue(2);
            robot.lookup("#topic-replication")
                    .<Spinner<Integer>>query()
                    .getValueFactory()
                    .setValue(2);
            return null;
        });
        robot.clickOn("#topic-configs").write("retention.ms=3600000");
        robot.clickOn("#create-topic");
        await("the topic is listed")
                .atMost(UI_DEADLINE)
                .until(() -> drawnRow("#topics", named(TOPIC)).isPresent());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(retention(admin)).isEqualTo("3600000");
            produce(bootstrap, Map.of(0, 10, 1, 5));

            // Size and records in the list.
            await("records and size in the list").atMost(UI_DEADLINE).until(() -> {
                List<String> cells = drawnRow("#topics", named(TOPIC)).orElse(List.of());
                return cells.size() == 6
                        && cells.get(5).equals("15")
                        && cells.get(4).matches("[0-9.]+ (B|KiB)")
                        && !cells.get(4).equals("0 B");
            });

            // The detail: one row per partition, leader and ISR as the cluster says, offsets as produced.
            robot.clickOn(cellOf("#topics", TOPIC));
            TopicDescription description = admin.describeTopics(Set.of(TOPIC))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(TOPIC);
            for (var p : description.partitions()) {
                int leader = p.leader().id();
                String replicas = p.replicas().stream()
                        .map(n -> String.valueOf(n.id()))
                        .reduce((a, b) -> a + ", " + b)
                        .orElseThrow();
                String count = p.partition() == 0 ? "10" : "5";
                await("partition " + p.partition() + " drawn")
                        .atMost(UI_DEADLINE)
                        .until(() -> {
                            List<String> cells = drawnRow("#partition-table", partition(p.partition()))
                                    .orElse(List.of());
                            return cells.size() == 8
                                    && cells.subList(0, 7)
                                            .equals(List.of(
                                                    String.valueOf(p.partition()),
                                                    "broker " + leader,
                                                    replicas,
                                                    cells.get(3),
                                                    "0",
                                                    count,
                                                    count))
                                    && !cells.get(7).equals(Sizes.UNKNOWN);
                        });
                // Every replica in sync: the ISR lists them all and no "out of sync" mark is drawn.
                List<String> isr = List.of(drawnRow("#partition-table", partition(p.partition()))
                        .orElseThrow()
                        .get(3)
                        .split(", "));
                assertThat(isr).containsExactlyInAnyOrderElementsOf(List.of(replicas.split(", ")));
            }
            assertThat(fx(() -> robot.lookup("#partition-table .out-of-sync").queryAll().stream()
                            .filter(Node::isVisible)
                            .count()))
                    .isZero();
            assertThat(fx(() -> text("#detail-facts"))).contains("2 partitions").contains("15 records");
            // Enter on the list moves the keyboard into the partition table.
            robot.clickOn(cellOf("#topics", TOPIC));
            robot.push(KeyCode.ENTER);
            await("the partition table has the focus")
                    .atMost(UI_DEADLINE)
                    .until(() ->
                            fx(() -> robot.lookup("#partition-table").query().isFocused()));

            // Configs: the override first and marked; a refused value is explained and changes nothing.
            robot.clickOn("#detail-configs-tab");
            await("the override drawn first")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> firstConfigRow()
                            .map(r -> r.getItem().name().equals("retention.ms")
                                    && r.getItem().overridden())
                            .orElse(false)));
            robot.doubleClickOn(cellOf("#config-table", "retention.ms"));
            await("the edit dialog")
                    .atMost(UI_DEADLINE)
                    .until(() ->
                            fx(() -> robot.lookup("#config-value").tryQuery().isPresent()));
            assertThat(fx(() -> robot.lookup("#config-value")
                            .queryTextInputControl()
                            .getText()))
                    .isEqualTo("3600000");
            robot.doubleClickOn("#config-value").eraseText(7).write("-5");
            robot.clickOn("#save-config");
            await("the cluster's refusal")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> text("#config-error")).contains("retention.ms"));
            assertThat(retention(admin)).isEqualTo("3600000");
            robot.doubleClickOn("#config-value").eraseText(2).write("7200000");
            robot.clickOn("#save-config");
            await("the dialog closes")
                    .atMost(UI_DEADLINE)
                    .until(() ->
                            fx(() -> robot.lookup("#config-value").tryQuery().isEmpty()));
            await("the new value in the detail")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> drawnRow(
                                    "#config-table",
                                    c -> ((TopicConfig) c).name().equals("retention.ms"))
                            .map(cells -> cells.get(1).equals("7200000"))
                            .orElse(false)));
            assertThat(retention(admin)).isEqualTo("7200000");

            // Add partitions: not fewer (refused in the form), then 4.
            robot.clickOn(cellOf("#topics", TOPIC));
            robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P);
            await("the partitions dialog")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() ->
                            robot.lookup("#new-partition-count").tryQuery().isPresent()));
            setSpinner("#new-partition-count", 2);
            await().atMost(UI_DEADLINE)
                    .until(() ->
                            fx(() -> robot.lookup("#add-partitions").query().isDisabled()
                                    && text("#partitions-validation").contains("more than the current 2")));
            setSpinner("#new-partition-count", 4);
            robot.clickOn("#add-partitions");
            await("four partitions in the list")
                    .atMost(UI_DEADLINE)
                    .until(() -> drawnRow("#topics", named(TOPIC))
                            .map(cells -> cells.get(1).equals("4"))
                            .orElse(false));
            robot.clickOn("#detail-partitions-tab");
            await("four rows in the partition table")
                    .atMost(UI_DEADLINE)
                    .until(() -> drawnRow("#partition-table", partition(3)).isPresent());
            assertThat(admin.describeTopics(Set.of(TOPIC))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(TOPIC)
                            .partitions())
                    .hasSize(4);

            // Delete, from the row's context menu: Cancel keeps the topic; then Delete key and confirm removes it.
            openContextMenu(cellOf("#topics", TOPIC));
            await("the context menu")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> contextMenuItem("Delete…").isPresent()));
            robot.clickOn(fx(() -> contextMenuItem("Delete…").orElseThrow()));
            await("the confirmation")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> text("#delete-question")).equals("Delete the topic \"orders\"?"));
            robot.clickOn("#cancel-delete");
            await().atMost(UI_DEADLINE)
                    .until(() ->
                            fx(() -> robot.lookup("#delete-question").tryQuery().isEmpty()));
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
            assertThat(drawnRow("#topics", named(TOPIC))).isPresent();

            robot.clickOn(cellOf("#topics", TOPIC));
            robot.push(KeyCode.DELETE);
            await("the confirmation")
                    .atMost(UI_DEADLINE)
                    .until(() ->
                            fx(() -> robot.lookup("#confirm-delete").tryQuery().isPresent()));
            robot.clickOn("#confirm-delete");
            await("gone from the list")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> text("#topics-empty")).startsWith("No topics yet"));
            assertThat(fx(() -> text("#topics-notice"))).isEqualTo("Deleted topic orders.");
            assertThat(fx(() -> text("#detail-message")))
                    .isEqualTo("Select a topic to see its partitions and configs.");
            await("gone from the cluster")
                    .atMost(UI_DEADLINE)
                    .until(() -> !admin.listTopics()
                            .names()
                            .get(30, TimeUnit.SECONDS)
                            .contains(TOPIC));
        }
        assertThat(fx(stage::isShowing)).isTrue();
    }

    private static String retention(Admin admin) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource)
                .get("retention.ms")
                .value();
    }

    private static void produce(String bootstrap, Map<Integer, Integer> recordsPerPartition) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (var e : recordsPerPartition.entrySet()) {
                for (int i = 0; i < e.getValue(); i++) {
                    producer.send(new ProducerRecord<>(TOPIC, e.getKey(), "k" + i, "value " + i))
                            .get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private void setSpinner(String query, int value) throws Exception {
        fx(() -> {
            robot.lookup(query).<Spinner<Integer>>query().getValueFactory().setValue(value);
            return null;
        });
    }

    private static Predicate<Object> named(String topic) {
        return item -> item instanceof TopicInfo t && t.name().equals(topic);
    }

    private static Predicate<Object> partition(int index) {
        return item -> item instanceof PartitionDetail p && p.partition() == index;
    }

    private Optional<TableRow<TopicConfig>> firstConfigRow() {
        return robot.lookup("#config-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getIndex() == 0 && r.getItem() != null && r.isVisible())
                .map(r -> (TableRow<TopicConfig>) r)
                .findFirst();
    }

    /** The texts of the drawn cells of the row whose item matches (as a person sees them), if it is drawn. */
    private Optional<List<String>> drawnRow(String table, Predicate<Object> item) throws Exception {
        return fx(() -> robot.lookup(table + " .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.isVisible() && r.getItem() != null && item.test(r.getItem()))
                .findFirst()
                .map(r -> ((TableRow<?>) r)
                        .lookupAll(".table-cell").stream()
                                .filter(c -> c instanceof TableCell<?, ?> && c.isVisible())
                                .map(c -> shown((TableCell<?, ?>) c))
                                .toList()));
    }

    /** A cell's text, or the texts of the labels it draws instead (e.g. one per replica), joined by ", ". */
    private static String shown(TableCell<?, ?> cell) {
        if (cell.getText() != null) {
            return cell.getText();
        }
        if (cell.getGraphic() instanceof javafx.scene.Parent graphic) {
            return graphic.getChildrenUnmodifiable().stream()
                    .filter(n -> n instanceof Labeled)
                    .map(n -> ((Labeled) n).getText())
                    .reduce((x, y) -> x + ", " + y)
                    .orElse("");
        }
        return "";
    }

    /** The drawn cell showing {@code text} in a table (to click on). */
    private Node cellOf(String table, String text) throws Exception {
        await("a cell \"" + text + "\" in " + table)
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup(table + " .table-cell").queryAllAs(TableCell.class).stream()
                        .anyMatch(c -> text.equals(c.getText()) && c.isVisible())));
        return fx(() -> robot.lookup(table + " .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> text.equals(c.getText()) && c.isVisible())
                .findFirst()
                .orElseThrow());
    }

    /**
     * Right-clicks a node. Headless Monocle turns a right click into no context-menu request (a real display does),
     * so the request a right click makes is sent to the node as the window system would send it.
     */
    private void openContextMenu(Node node) throws Exception {
        robot.rightClickOn(node);
        fx(() -> {
            javafx.geometry.Bounds b = node.localToScreen(node.getBoundsInLocal());
            javafx.geometry.Bounds local = node.getBoundsInLocal();
            javafx.event.Event.fireEvent(
                    node,
                    new javafx.scene.input.ContextMenuEvent(
                            javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                            local.getCenterX(),
                            local.getCenterY(),
                            b.getCenterX(),
                            b.getCenterY(),
                            false,
                            null));
            return null;
        });
    }

    /** The drawn entry of an open context menu, by its text. */
    private Optional<Node> contextMenuItem(String text) {
        return robot.lookup(".context-menu .label").queryAllAs(Labeled.class).stream()
                .filter(l -> text.equals(l.getText()) && l.isVisible())
                .map(l -> (Node) l)
                .findFirst();
    }

    private String text(String query) {
        return PartitaUnderTest.text(robot, query);
    }
}
