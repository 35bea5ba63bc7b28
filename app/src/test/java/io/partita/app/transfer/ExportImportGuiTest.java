package io.partita.app.transfer;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.PartitaApp;
import io.partita.app.client.records.JsonLines;
import io.partita.app.client.records.Message;
import io.partita.app.testing.PartitaUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableRow;
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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Export and import through their windows, headless, on a real one-node local cluster the app reopens at launch:
 * a topic of text, binary, keyless and tombstone records with headers and explicit timestamps, in two partitions,
 * goes to a file and back into another topic unchanged; a broken file sends nothing.
 */
@Tag("integration")
class ExportImportGuiTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);
    private static final long BASE_TIME = 1_700_000_000_000L;

    @TempDir
    Path home;

    @TempDir
    Path files;

    private final FxRobot robot = new FxRobot();
    private PartitaUnderTest partita;
    private PartitaApp app;
    private String bootstrap;

    @BeforeEach
    void aLocalClusterWithTopicsAAndB() throws Exception {
        partita = new PartitaUnderTest(home).reopeningLocalCluster(1);
        app = partita.launch();
        await("the cluster is back")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> app.model().workspaceProperty().get() != null));
        bootstrap = fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("a", 2, (short) 1), new NewTopic("b", 2, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 50; i++) {
                byte[] key = i % 10 == 0
                        ? null
                        : i % 9 == 0
                                ? new byte[] {(byte) 0xfe, 0, (byte) i}
                                : ("k" + i).getBytes(StandardCharsets.UTF_8);
                byte[] value = i == 13
                        ? null
                        : i % 7 == 0
                                ? new byte[] {0, (byte) 0xff, (byte) i, (byte) 0x80}
                                : ("{\"n\": " + i + ", \"text\": \"ü€\"}").getBytes(StandardCharsets.UTF_8);
                // Timestamps out of order on purpose: an import that stamped its own time would be caught.
                ProducerRecord<byte[], byte[]> r =
                        new ProducerRecord<>("a", i % 2, BASE_TIME + (i * 7919L) % 50_000, key, value);
                if (i % 4 != 0) {
                    r.headers().add("n", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                }
                if (i % 3 == 0) {
                    r.headers().add("bin", new byte[] {1, (byte) 0xc3, (byte) i});
                }
                producer.send(r);
            }
            producer.flush();
        }
        await("both topics listed, with their partitions")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> app.model().workspaceProperty().get().topics().allTopics().stream()
                                .filter(t -> t.name().equals("a") || t.name().equals("b"))
                                .filter(t -> t.partitions() == 2)
                                .count()
                        == 2));
    }

    @AfterEach
    void cleanUp() throws Exception {
        partita.close();
    }

    @Test
    void exportsBothPartitionsOfAToAFileAndImportsItIntoBRecordForRecord() throws Exception {
        Path file = files.resolve("a.jsonl");

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.E);
        await("the export window")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#export-file")
                        .tryQuery()
                        .filter(Node::isVisible)
                        .isPresent()));
        robot.interact(
                () -> robot.lookup("#export-topic").<ComboBox<String>>query().setValue("a"));
        assertThat(fx(() -> robot.lookup("#export-partition")
                        .<ChoiceBox<String>>query()
                        .getValue()))
                .isEqualTo(ExportViewModel.ALL_PARTITIONS);
        robot.clickOn("#export-file").write(file.toString());
        robot.clickOn("#export-start");
        await("the summary")
                .atMost(UI_DEADLINE)
                .until(() ->
                        fx(() -> text("#export-status")).equals("Wrote 50 records of a (2 partitions) to " + file));
        assertThat(file).exists();
        assertThat(files.resolve("a.jsonl.partial")).doesNotExist();
        assertThat(Files.readAllLines(file)).hasSize(50);

        // Again to the same file: asked first; Cancel there keeps the file and starts nothing.
        robot.clickOn("#export-start");
        await("asked before replacing")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#export-overwrite")
                        .tryQuery()
                        .filter(Node::isVisible)
                        .isPresent()));
        assertThat(fx(() ->
                        robot.lookup("#export-overwrite").<DialogPane>query().getContentText()))
                .isEqualTo(file + " already exists. Replace it with this export?");
        robot.clickOn(button("#export-overwrite", "Cancel"));
        await("the question closes")
                .atMost(UI_DEADLINE)
                .until(() ->
                        fx(() -> robot.lookup("#export-overwrite").tryQuery().isEmpty()));
        assertThat(fx(() -> text("#export-status"))).startsWith("Wrote 50 records");

        robot.clickOn(button("#export-dialog", "Close"));
        await("the export window closes")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#export-dialog").tryQuery().isEmpty()));
        robot.clickOn("#cluster-title"); // the main window has the keyboard again
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.I);
        await("the import window")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#import-file")
                        .tryQuery()
                        .filter(Node::isVisible)
                        .isPresent()));
        robot.clickOn("#import-file").write(file.toString());
        robot.interact(
                () -> robot.lookup("#import-topic").<ComboBox<String>>query().setValue("b"));
        assertThat(fx(() -> robot.lookup("#import-keep-partitions")
                        .<CheckBox>query()
                        .isSelected()))
                .isTrue();
        assertThat(fx(() -> robot.lookup("#import-keep-timestamps")
                        .<CheckBox>query()
                        .isSelected()))
                .isTrue();
        robot.clickOn("#import-start");
        await("the summary")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#import-status"))
                        .equals("Sent 50 records from a.jsonl to b (partitions kept, timestamps kept)."));
        assertThat(fx(() -> text("#import-error"))).isEmpty();

        List<ConsumerRecord<byte[], byte[]>> inA = readAll("a", 50);
        List<ConsumerRecord<byte[], byte[]>> inB = readAll("b", 50);
        assertThat(inB).hasSize(50);
        assertThat(inA.stream().filter(r -> r.value() == null))
                .as("a tombstone")
                .hasSize(1);
        assertThat(inA.stream().filter(r -> r.key() == null))
                .as("keyless records")
                .hasSize(5);
        for (int i = 0; i < inA.size(); i++) {
            ConsumerRecord<byte[], byte[]> was = inA.get(i);
            ConsumerRecord<byte[], byte[]> now = inB.get(i);
            assertThat(now.partition()).as("partition of record %d", i).isEqualTo(was.partition());
            assertThat(now.offset()).as("offset of record %d (order kept)", i).isEqualTo(was.offset());
            assertThat(now.timestamp()).as("timestamp of record %d", i).isEqualTo(was.timestamp());
            assertThat(now.key()).as("key of record %d", i).isEqualTo(was.key());
            assertThat(now.value()).as("value of record %d", i).isEqualTo(was.value());
            assertThat(headers(now)).as("headers of record %d", i).isEqualTo(headers(was));
        }
    }

    @Test
    void aBrokenFileIsNamedByLineAndSendsNothingWhileSelectedRowsExportAsTheyAre() throws Exception {
        Path broken = files.resolve("broken.jsonl");
        Files.writeString(
                broken,
                "{\"topic\":\"a\",\"partition\":0,\"offset\":0,\"timestamp\":1,\"value\":\"ok\"}\n"
                        + "{\"topic\":\"a\",\"partition\":1,\"offset\":0,\"timestamp\":2,\"valueBase64\":\"AAE=\"}\n"
                        + "{\"topic\":\"a\",\"partition\":0,\"offset\":1,\"timestamp\":\"soon\"}\n");

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.I);
        await("the import window")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#import-file")
                        .tryQuery()
                        .filter(Node::isVisible)
                        .isPresent()));
        robot.clickOn("#import-file").write(broken.toString());
        robot.interact(
                () -> robot.lookup("#import-topic").<ComboBox<String>>query().setValue("b"));
        robot.clickOn("#import-start");
        await("the broken line is named")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#import-error"))
                        .equals(
                                "Could not import: broken.jsonl, line 3: \"timestamp\" is missing or not a whole number."
                                        + " Nothing was sent."));
        assertThat(fx(() -> robot.lookup("#import-start").<Button>query().isDisabled()))
                .as("usable again")
                .isFalse();
        assertThat(endOffsets("b")).as("nothing reached b").containsOnly(0L);

        // The browser's selection: rows 1 and 3 of a/0, through the row menu.
        robot.clickOn(button("#import-dialog", "Close"));
        robot.clickOn("#cluster-title");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);
        robot.interact(
                () -> robot.lookup("#browse-topic").<ComboBox<String>>query().setValue("a"));
        robot.clickOn("#browse-go");
        await("a/0's rows are drawn").atMost(UI_DEADLINE).until(() -> fx(() -> row(3) != null));
        List<Message> page = fx(() ->
                List.copyOf(app.model().workspaceProperty().get().messages().messages()));
        robot.clickOn(row(1));
        robot.press(KeyCode.CONTROL).clickOn(row(3)).release(KeyCode.CONTROL);
        openContextMenu(row(3));
        await("the row menu")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> contextMenuItem("Export selected…").isPresent()));
        robot.clickOn(fx(() -> contextMenuItem("Export selected…").orElseThrow()));
        await("the export window, for the selection")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#export-selection").equals("2 selected records of a/0")));
        Path selected = files.resolve("selected.jsonl");
        robot.clickOn("#export-file").write(selected.toString());
        robot.clickOn("#export-start");
        await("the summary")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#export-status")).equals("Wrote 2 selected records of a/0 to " + selected));
        assertThat(fx(() -> robot.lookup("#messages")
                        .<javafx.scene.control.TableView<Message>>query()
                        .getSelectionModel()
                        .getSelectedIndices()))
                .as("right-clicking kept the selection")
                .containsExactly(1, 3);
        assertThat(Files.readAllLines(selected))
                .containsExactly(JsonLines.write(page.get(1)), JsonLines.write(page.get(3)));
    }

    /**
     * Right-clicks a node. Headless Monocle turns a right click into no context-menu request (a real display does),
     * so the request a right click makes is sent to the node as the window system would send it (as TopicsGuiTest).
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
        return robot.lookup(".context-menu .label").queryAllAs(javafx.scene.control.Labeled.class).stream()
                .filter(l -> text.equals(l.getText()) && l.isVisible())
                .map(l -> (Node) l)
                .findFirst();
    }

    /** The drawn table row showing item {@code index} of the page, or null while it is not drawn. */
    private TableRow<?> row(int index) {
        return robot.lookup("#messages .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.isVisible() && r.getIndex() == index && r.getItem() != null)
                .findFirst()
                .orElse(null);
    }

    private Button button(String dialog, String text) throws Exception {
        return fx(
                () -> robot.from(robot.lookup(dialog).<Node>query()).lookup(".button").queryAllAs(Button.class).stream()
                        .filter(b -> text.equals(b.getText()))
                        .findFirst()
                        .orElseThrow());
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)));
            await(topic + " is read").atMost(UI_DEADLINE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    private List<Message.Header> headers(ConsumerRecord<byte[], byte[]> r) {
        List<Message.Header> list = new ArrayList<>();
        for (Header h : r.headers()) {
            list.add(new Message.Header(h.key(), h.value()));
        }
        return list;
    }

    private List<Long> endOffsets(String topic) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(
                    List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)), Duration.ofSeconds(30)));
            return List.copyOf(ends.values());
        }
    }

    private String text(String query) {
        return PartitaUnderTest.text(robot, query);
    }
}
