package io.partita.app.replay;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.PartitaApp;
import io.partita.app.client.records.Message;
import io.partita.app.client.replay.ReplayPosition;
import io.partita.app.common.StartChoice;
import io.partita.app.testing.PartitaUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

/**
 * The replay window over three partitions whose records interleave in time, headless, on a real one-node local
 * cluster: stepping shows the records in timestamp order with each partition's cursor on the record's offset, and
 * a from-time/to-time range produces exactly its records to another topic.
 */
@Tag("integration")
class ReplayStepGuiTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);
    /** The partition of record k (k = 0..23, at second k): irregular, so the merge is not a round robin. */
    private static final int[] PARTITION_OF = {2, 0, 0, 1, 2, 1, 0, 2, 2, 1, 0, 1, 1, 2, 0, 0, 2, 1, 0, 2, 1, 1, 0, 2};

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private PartitaUnderTest partita;
    private PartitaApp app;
    private long base;
    private String bootstrap;

    @BeforeEach
    void aLocalClusterToReopen() throws Exception {
        partita = new PartitaUnderTest(home).reopeningLocalCluster(1);
        app = partita.launch();
    }

    @AfterEach
    void cleanUp() throws Exception {
        partita.close();
    }

    @Test
    void stepsThroughThreePartitionsInTimestampOrderWithTheCursorOfEachRecordsPartitionOnItsOffset() throws Exception {
        seed("steps", List.of());
        openReplayWindow();
        robot.interact(() -> {
            robot.lookup("#replay-topic").<ComboBox<String>>query().setValue("steps");
            robot.lookup("#replay-speed")
                    .<ChoiceBox<ReplayViewModel.SpeedChoice>>query()
                    .setValue(ReplayViewModel.SpeedChoice.RATE);
        });
        assertThat(fx(() -> robot.lookup("#replay-partition")
                        .<ChoiceBox<String>>query()
                        .getValue()))
                .isEqualTo(ReplayViewModel.ALL_PARTITIONS);
        robot.doubleClickOn("#replay-speed-value").write("1");
        robot.clickOn("#replay-start");
        robot.clickOn("#replay-pause");
        await("paused, the axes drawn")
                .atMost(UI_DEADLINE)
                .until(() -> fx(
                        () -> robot.lookup("#replay-step").query().isDisabled() == false && drawn("#replay-axis-2")));

        // The first record goes at once at 1 a second; whatever came before the pause, each step is the next by time.
        for (int step = 0; step < 6; step++) {
            int before = fx(() -> shown().getItems().size());
            robot.clickOn("#replay-step");
            await("one record per step")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> shown().getItems().size()) == before + 1);
            int k = before; // the k-th record by time is record k
            int partition = PARTITION_OF[k];
            long offset = offsetOf(k);
            Message last = fx(() -> shown().getItems().get(before));
            assertThat(new String(last.key(), StandardCharsets.UTF_8)).isEqualTo("k" + k);
            assertThat(last.partition()).isEqualTo(partition);
            assertThat(last.offset()).isEqualTo(offset);
            await("the cursor of partition " + partition + " on offset " + offset)
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> cursorOn(partition, offset)));
            await("its record's row is drawn in the list")
                    .atMost(UI_DEADLINE)
                    .until(
                            () -> fx(this::rowsInView),
                            rows -> rows.stream()
                                    .anyMatch(row -> row.startsWith("partition " + partition + " @ " + offset + " ")));
        }
        List<String> keys = fx(() -> shown().getItems().stream()
                .map(m -> new String(m.key(), StandardCharsets.UTF_8))
                .toList());
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            expected.add("k" + k);
        }
        assertThat(keys).as("timestamp order across the partitions").isEqualTo(expected);
        robot.clickOn("#replay-cancel");
        await("cancelled")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#replay-status")).startsWith("Cancelled: "));
    }

    @Test
    void replaysExactlyTheRecordsBetweenTwoTimesFromThreePartitionsToAnotherTopicInTimestampOrder() throws Exception {
        seed("window", List.of(new NewTopic("picked", 1, (short) 1)));
        openReplayWindow();
        robot.interact(() -> {
            robot.lookup("#replay-topic").<ComboBox<String>>query().setValue("window");
            robot.lookup("#replay-from").<ChoiceBox<StartChoice>>query().setValue(StartChoice.TIME);
            robot.lookup("#replay-until-kind")
                    .<ChoiceBox<ReplayViewModel.UntilChoice>>query()
                    .setValue(ReplayViewModel.UntilChoice.TIME);
            robot.lookup("#replay-speed")
                    .<ChoiceBox<ReplayViewModel.SpeedChoice>>query()
                    .setValue(ReplayViewModel.SpeedChoice.FAST);
            robot.lookup("#replay-target")
                    .<ChoiceBox<ReplayViewModel.TargetChoice>>query()
                    .setValue(ReplayViewModel.TargetChoice.TOPIC);
            robot.lookup("#replay-target-topic").<ComboBox<String>>query().setValue("picked");
        });
        // Seconds 5 to 16 of the 24: epoch milliseconds, as Kafka's tools print them.
        robot.clickOn("#replay-from-value").write(Long.toString(base + 5_000));
        robot.clickOn("#replay-until").write(Long.toString(base + 17_000));
        robot.clickOn("#replay-start");
        await("the summary")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#replay-status"))
                        .startsWith("Done: 12 of 12 matching records delivered (12 read)"));
        await("each partition's range on its axis")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> drawn("#replay-axis-0") && drawn("#replay-axis-1") && drawn("#replay-axis-2")));
        for (int p = 0; p < 3; p++) {
            int partition = p;
            ReplayPosition position = fx(() -> robot.lookup("#replay-axis-" + partition)
                    .<ReplayAxis>query()
                    .position());
            assertThat(position.range().from())
                    .as("partition %d starts at its first record at second 5", p)
                    .isEqualTo(firstOffsetFrom(p, 5));
            assertThat(position.range().until())
                    .as("partition %d stops before its first record at second 17", p)
                    .isEqualTo(firstOffsetFrom(p, 17));
        }

        List<ConsumerRecord<String, String>> picked = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("picked", 0)));
            await("picked holds them").atMost(UI_DEADLINE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(picked::add);
                return picked.size() >= 12;
            });
            assertThat(consumer.poll(Duration.ofMillis(300)).isEmpty())
                    .as("nothing more")
                    .isTrue();
        }
        assertThat(picked)
                .extracting(ConsumerRecord::key)
                .containsExactly("k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12", "k13", "k14", "k15", "k16");
    }

    /** Creates {@code topic} (3 partitions) and the others, and writes record k at second k into PARTITION_OF[k]. */
    private void seed(String topic, List<NewTopic> others) throws Exception {
        await("the cluster is back")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> app.model().workspaceProperty().get() != null));
        bootstrap = fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());
        List<NewTopic> topics = new ArrayList<>(others);
        topics.add(new NewTopic(topic, 3, (short) 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        base = System.currentTimeMillis() - 3_600_000;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            for (int k = 0; k < PARTITION_OF.length; k++) {
                producer.send(new ProducerRecord<>(topic, PARTITION_OF[k], base + k * 1_000L, "k" + k, "v" + k));
            }
            producer.flush();
        }
        List<String> names = new ArrayList<>(others.stream().map(NewTopic::name).toList());
        names.add(topic);
        await("the topics offered")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> app.model()
                        .workspaceProperty()
                        .get()
                        .messages()
                        .topics()
                        .containsAll(names)));
    }

    private void openReplayWindow() throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R);
        await("the replay window")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#replay-dialog").tryQuery().isPresent()));
    }

    /** Record k's offset in its partition: how many records of that partition came before it. */
    private static long offsetOf(int k) {
        long offset = 0;
        for (int i = 0; i < k; i++) {
            offset += PARTITION_OF[i] == PARTITION_OF[k] ? 1 : 0;
        }
        return offset;
    }

    /** The offset of partition p's first record at or after second s, or its end. */
    private static long firstOffsetFrom(int p, int s) {
        long offset = 0;
        for (int k = 0; k < PARTITION_OF.length; k++) {
            if (PARTITION_OF[k] == p) {
                if (k >= s) {
                    return offset;
                }
                offset++;
            }
        }
        return offset;
    }

    /** Whether the node is in a showing window, visible and laid out with a width; call on the FX thread. */
    private boolean drawn(String query) {
        return robot.lookup(query)
                .tryQuery()
                .map(n -> n.getScene() != null
                        && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing()
                        && n.isVisible()
                        && n.getLayoutBounds().getWidth() > 0)
                .orElse(false);
    }

    /** Whether partition p's axis is drawn with its cursor shown on {@code offset}; call on the FX thread. */
    private boolean cursorOn(int partition, long offset) {
        if (!drawn("#replay-axis-" + partition)) {
            return false;
        }
        ReplayAxis axis = robot.lookup("#replay-axis-" + partition).query();
        if (axis.position() == null
                || axis.position().at() != offset
                || !axis.cursor().isVisible()) {
            return false;
        }
        double centre = axis.cursor().getLayoutX() + axis.cursor().getWidth() / 2;
        return Math.abs(centre - axis.xOf(offset)) < 1.5;
    }

    /** The texts of the list's rows drawn inside its viewport; call on the FX thread. */
    private List<String> rowsInView() {
        ListView<Message> list = shown();
        javafx.geometry.Bounds view = list.localToScene(list.getLayoutBounds());
        return robot.from(list).lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(cell -> cell.isVisible() && cell.getText() != null)
                .filter(cell -> {
                    javafx.geometry.Bounds b = cell.localToScene(cell.getLayoutBounds());
                    return b.getMinY() >= view.getMinY() - 1 && b.getMaxY() <= view.getMaxY() + 1;
                })
                .map(javafx.scene.control.ListCell::getText)
                .toList();
    }

    private ListView<Message> shown() {
        return robot.lookup("#replay-shown").query();
    }

    private String text(String query) {
        return PartitaUnderTest.text(robot, query);
    }
}
