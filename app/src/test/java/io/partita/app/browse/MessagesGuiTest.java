package io.partita.app.browse;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.PartitaApp;
import io.partita.app.client.produce.Delivery;
import io.partita.app.client.produce.ProduceInput;
import io.partita.app.client.records.Message;
import io.partita.app.common.StartChoice;
import io.partita.app.replay.ReplayViewModel;
import io.partita.app.testing.PartitaUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
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

/** The message browser end to end, headless, on a real one-node local cluster the app reopens at launch. */
@Tag("integration")
class MessagesGuiTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private PartitaUnderTest partita;
    private PartitaApp app;

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
    void opensAThousandRecordPartitionAtOffset500AndRefusesAnOffsetPastTheEnd() throws Exception {
        await("the cluster is back")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> app.model().workspaceProperty().get() != null));
        String bootstrap =
                fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("ledger", 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 1000; i++) {
                producer.send(new ProducerRecord<>("ledger", 0, "k" + i, "{\"n\":" + i + "}"));
            }
            producer.flush();
        }

        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);
        await("the topic is offered")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#browse-topic")
                        .<ComboBox<String>>query()
                        .getItems()
                        .contains("ledger")));
        // Pop-up lists are chosen through their controls (a pop-up's text also names a column header here).
        robot.interact(
                () -> robot.lookup("#browse-topic").<ComboBox<String>>query().setValue("ledger"));
        robot.interact(() ->
                robot.lookup("#browse-start").<ChoiceBox<StartChoice>>query().setValue(StartChoice.OFFSET));
        robot.clickOn("#browse-start-value").write("500").push(KeyCode.ENTER);

        await("offset 500 is the first row drawn")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() ->
                        firstRowCells().size() > 1 && firstRowCells().get(0).equals("500")));
        assertThat(fx(() ->
                        robot.lookup("#messages").<TableView<Message>>query().getItems()))
                .hasSize(100);
        assertThat(fx(() -> firstRowCells())).contains("k500", "{\"n\":500}");
        assertThat(fx(() -> robot.lookup("#message-detail")
                        .<TextInputControl>query()
                        .getText()))
                .as("the value, as pretty JSON")
                .isEqualTo("{\n  \"n\" : 500\n}");
        assertThat(fx(() -> text("#browse-status"))).isEqualTo("Offsets 500 to 599 of 0 to 999");

        robot.clickOn("#browse-previous");
        await("the page before")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() ->
                        firstRowCells().size() > 1 && firstRowCells().get(0).equals("400")));

        robot.doubleClickOn("#browse-start-value").write("5000").push(KeyCode.ENTER);
        await("a clear message")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#browse-error"))
                        .equals("Could not read ledger-0: offset 5000 is past the end of the partition (1000)"));
        assertThat(fx(() -> firstRowCells().get(0))).as("the page shown stays").isEqualTo("400");
    }

    @Test
    void producesWithTheFormAndFindsTheRecordAtTheOffsetTheAppReported() throws Exception {
        await("the cluster is back")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> app.model().workspaceProperty().get() != null));
        String bootstrap =
                fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            await("the topic is listed")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> app.model()
                            .workspaceProperty()
                            .get()
                            .messages()
                            .topics()
                            .contains("orders")));

            robot.push(KeyCode.CONTROL, KeyCode.P);
            await("the produce window")
                    .atMost(UI_DEADLINE)
                    .until(() ->
                            fx(() -> robot.lookup("#produce-dialog").tryQuery().isPresent()));
            robot.interact(() ->
                    robot.lookup("#produce-topic").<ComboBox<String>>query().setValue("orders"));
            robot.interact(() -> robot.lookup("#produce-value-kind")
                    .<ChoiceBox<ProduceInput.ValueKind>>query()
                    .setValue(ProduceInput.ValueKind.JSON));
            robot.clickOn("#produce-key").write("customer-7");
            robot.clickOn("#produce-headers").write("source: gui-test");
            robot.clickOn("#produce-value").write("{\"total\": }");
            robot.push(KeyCode.CONTROL, KeyCode.ENTER);
            await("invalid JSON is refused")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> text("#produce-error")).startsWith("The value is not valid JSON"));
            assertThat(recordsIn(admin, "orders")).as("nothing was sent").isZero();

            String preview = fx(() -> text("#produce-partition-preview"));
            robot.clickOn("#produce-value").push(KeyCode.CONTROL, KeyCode.A).write("{\"total\": 42}");
            robot.clickOn("#produce-send");
            await("sent, with where it landed")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> robot.lookup("#produce-sent")
                                    .<javafx.scene.control.ListView<Delivery>>query()
                                    .getItems()
                                    .size()
                            == 1));
            Delivery delivery = fx(() -> robot.lookup("#produce-sent")
                    .<javafx.scene.control.ListView<Delivery>>query()
                    .getItems()
                    .get(0));
            assertThat(preview).isEqualTo("This key goes to partition " + delivery.partition() + " (of 3).");
            assertThat(fx(() -> text("#produce-error"))).isEmpty();

            robot.clickOn("Show");
            await("the browser shows it first")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> firstRowCells().size() > 1
                            && firstRowCells().get(0).equals(Long.toString(delivery.offset()))));
            assertThat(fx(() -> firstRowCells())).contains("customer-7", "source=gui-test", "{\"total\": 42}");
            assertThat(fx(() -> app.model()
                            .workspaceProperty()
                            .get()
                            .messages()
                            .partitionProperty()
                            .get()))
                    .isEqualTo(delivery.partition());

            // A topic deleted under the form: a clear line, and nothing is sent (nor the topic re-created).
            admin.deleteTopics(List.of("orders")).all().get(30, TimeUnit.SECONDS);
            await("the deletion has reached every broker's metadata")
                    .atMost(UI_DEADLINE)
                    .until(() -> !admin.listTopics()
                            .names()
                            .get(30, TimeUnit.SECONDS)
                            .contains("orders"));
            robot.clickOn("#produce-send");
            await("the deleted topic is named")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> text("#produce-error"))
                            .equals("Not sent: Topic orders does not exist (was it deleted?). Nothing was sent."));
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("orders");
        }
    }

    @Test
    void replaysOffsets100To199FromAToBAt50ASecondThroughTheReplayWindow() throws Exception {
        await("the cluster is back")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> app.model().workspaceProperty().get() != null));
        String bootstrap =
                fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("a", 1, (short) 1), new NewTopic("b", 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 200; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>("a", 0, "k" + i, "v" + i);
                record.headers().add("n", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
        await("both topics offered")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> app.model()
                        .workspaceProperty()
                        .get()
                        .messages()
                        .topics()
                        .containsAll(List.of("a", "b"))));

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R);
        await("the replay window")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#replay-dialog").tryQuery().isPresent()));
        robot.interact(() -> {
            robot.lookup("#replay-topic").<ComboBox<String>>query().setValue("a");
            robot.lookup("#replay-from").<ChoiceBox<StartChoice>>query().setValue(StartChoice.OFFSET);
            robot.lookup("#replay-target")
                    .<ChoiceBox<ReplayViewModel.TargetChoice>>query()
                    .setValue(ReplayViewModel.TargetChoice.TOPIC);
            robot.lookup("#replay-target-topic").<ComboBox<String>>query().setValue("b");
        });
        robot.clickOn("#replay-from-value").write("100");
        robot.clickOn("#replay-until").write("200");
        robot.doubleClickOn("#replay-speed-value").write("50");
        long start = System.nanoTime();
        robot.clickOn("#replay-start");
        await("the summary")
                .atMost(Duration.ofSeconds(30))
                .until(() -> fx(() -> text("#replay-status"))
                        .startsWith("Done: 100 of 100 matching records delivered (100 read)"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("100 records at 50 a second")
                .isGreaterThanOrEqualTo(1_900);

        List<ConsumerRecord<String, String>> inB = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("b", 0)));
            await("topic b holds them").atMost(UI_DEADLINE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(inB::add);
                return inB.size() >= 100;
            });
        }
        assertThat(inB).hasSize(100);
        for (int i = 0; i < 100; i++) {
            var r = inB.get(i);
            assertThat(r.key()).isEqualTo("k" + (100 + i));
            assertThat(r.value()).isEqualTo("v" + (100 + i));
            assertThat(r.headers().lastHeader("n").value())
                    .isEqualTo(Integer.toString(100 + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long recordsIn(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
    }

    /** The texts of the first drawn row of the message table. */
    private List<String> firstRowCells() {
        return robot.lookup("#messages .table-row-cell").queryAll().stream()
                .filter(row -> row.getStyleClass().contains("table-row-cell") && row.isVisible())
                .min(Comparator.comparingDouble(row -> row.localToScene(0, 0).getY()))
                .map(row -> robot.from(row).lookup(".table-cell").queryAllAs(Labeled.class).stream()
                        .filter(Node::isVisible)
                        .sorted(Comparator.comparingDouble(
                                c -> c.localToScene(0, 0).getX()))
                        .map(c -> c.getText() == null ? "" : c.getText())
                        .toList())
                .orElse(List.of());
    }

    private String text(String query) {
        return PartitaUnderTest.text(robot, query);
    }
}
