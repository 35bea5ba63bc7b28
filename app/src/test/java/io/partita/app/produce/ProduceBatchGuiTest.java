package io.partita.app.produce;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partita.app.PartitaApp;
import io.partita.app.client.produce.ProduceInput;
import io.partita.app.client.produce.Sent;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The produce window's value from a file and generated batches, end to end: headless, through the window's
 * controls, on a real one-node local cluster the app reopens at launch; what landed is read back with a plain
 * Kafka consumer.
 */
@Tag("integration")
class ProduceBatchGuiTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path home;

    @TempDir
    Path files;

    private final FxRobot robot = new FxRobot();
    private PartitaUnderTest partita;
    private PartitaApp app;
    private String bootstrap;

    @BeforeEach
    void aLocalClusterToReopen() throws Exception {
        partita = new PartitaUnderTest(home).reopeningLocalCluster(1);
        app = partita.launch();
        await("the cluster is back")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> app.model().workspaceProperty().get() != null));
        bootstrap = fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());
    }

    @AfterEach
    void cleanUp() throws Exception {
        partita.close();
    }

    @Test
    void sendsABatchOf200WithTemplatedKeysAndJsonValuesAt100ASecond() throws Exception {
        createTopic("batch", 3);
        openProduceWindowOn("batch", ProduceInput.ValueKind.JSON);
        robot.clickOn("#produce-key").write("k-{{seq}}");
        robot.clickOn("#produce-value").write("{\"n\": {{seq}}}");
        robot.clickOn("#produce-batch");
        robot.doubleClickOn("#produce-batch-count").write("200");
        robot.doubleClickOn("#produce-batch-rate").write("100");
        long start = System.nanoTime();
        robot.clickOn("#produce-send");

        await("the summary")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#produce-batch-status")).startsWith("Done: 200 of 200 sent in "));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("200 records at 100 a second")
                .isGreaterThanOrEqualTo(1_900);
        assertThat(fx(() -> robot.lookup("#produce-batch-progress")
                        .<ProgressBar>query()
                        .getProgress()))
                .isEqualTo(1);
        await("one line for the whole batch is drawn")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> drawnSentLines().size() == 1
                        && drawnSentLines().get(0).startsWith("Batch to batch. Done: 200 of 200 sent in ")
                        && drawnSentLines().get(0).endsWith(" to 3 partitions")));
        assertThat(fx(() ->
                        robot.lookup("#produce-sent").<ListView<Sent>>query().getItems()))
                .hasSize(1);

        List<ConsumerRecord<byte[], byte[]>> landed = readAll("batch", 3, 200);
        assertThat(landed).hasSize(200);
        ObjectMapper json = new ObjectMapper();
        Map<Integer, List<Integer>> seqsByPartition = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : landed) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            int n = json.readTree(r.value()).get("n").asInt();
            assertThat(key).isEqualTo("k-" + n);
            keys.add(key);
            seqsByPartition
                    .computeIfAbsent(r.partition(), p -> new ArrayList<>())
                    .add(n);
        }
        assertThat(keys)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 200).mapToObj(i -> "k-" + i).toList());
        seqsByPartition
                .values()
                .forEach(seqs -> assertThat(seqs)
                        .as("in each partition, in the batch's order")
                        .isSorted());
        // The summary names, per partition, the first and last offset that landed there.
        String summary = fx(() -> text("#produce-batch-status"));
        for (Map.Entry<Integer, List<Integer>> p : seqsByPartition.entrySet()) {
            assertThat(summary)
                    .contains("partition " + p.getKey() + " offsets 0–"
                            + (p.getValue().size() - 1));
        }
    }

    @Test
    void cancelStopsASlowBatchAndTheSummarySaysSo() throws Exception {
        createTopic("slow", 1);
        openProduceWindowOn("slow", ProduceInput.ValueKind.TEXT);
        robot.clickOn("#produce-value").write("v{{seq}} {{uuid}}");
        robot.clickOn("#produce-batch");
        robot.doubleClickOn("#produce-batch-count").write("1000");
        robot.doubleClickOn("#produce-batch-rate").write("20");
        robot.clickOn("#produce-send");

        Pattern running = Pattern.compile("(\\d+) of 1000 sent");
        await("some are sent").atMost(UI_DEADLINE).until(() -> {
            Matcher m = running.matcher(fx(() -> text("#produce-batch-status")));
            return m.matches() && Integer.parseInt(m.group(1)) >= 10;
        });
        assertThat(fx(() -> robot.lookup("#produce-batch-progress")
                        .<ProgressBar>query()
                        .getProgress()))
                .isGreaterThan(0);
        robot.clickOn("#produce-batch-cancel");
        await("cancelled")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#produce-batch-status")).startsWith("Cancelled: "));
        Matcher summary = Pattern.compile("Cancelled: (\\d+) of 1000 sent in .*; partition 0 offsets 0–(\\d+)")
                .matcher(fx(() -> text("#produce-batch-status")));
        assertThat(summary.find()).as(fx(() -> text("#produce-batch-status"))).isTrue();
        long sent = Long.parseLong(summary.group(1));
        assertThat(sent).isBetween(10L, 999L);
        assertThat(Long.parseLong(summary.group(2))).isEqualTo(sent - 1);
        assertThat(endOffsets("slow", 1))
                .as("what landed is what the summary counts")
                .isEqualTo(sent);
        assertThat(fx(() -> robot.lookup("#produce-send").query().isDisabled()))
                .as("ready for the next")
                .isFalse();
    }

    @Test
    void aValueFromAFileIsSentByteForByteAndAMissingOrHugeFileIsRefused() throws Exception {
        createTopic("files", 1);
        openProduceWindowOn("files", ProduceInput.ValueKind.FILE);
        // Typed by hand, short: a name relative to the working directory, where there is no such file.
        Path missing = Path.of("missing.bin");
        assertThat(missing).doesNotExist();
        robot.clickOn("#produce-file").write("missing.bin");
        robot.clickOn("#produce-send");
        await("a missing file is named")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#produce-error"))
                        .equals("Not sent: There is no file " + missing + ". Nothing was sent."));

        Path huge = files.resolve("huge.bin");
        Files.write(huge, new byte[1024 * 1024 + 1]);
        choose(huge);
        robot.clickOn("#produce-send");
        await("a file over 1 MiB is refused")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#produce-error"))
                        .equals("Not sent: huge.bin is 1.0 MiB: a value can be at most 1 MiB (the producer's "
                                + "max.request.size). Nothing was sent."));
        assertThat(endOffsets("files", 1)).as("nothing was sent").isZero();
        assertThat(fx(() ->
                        robot.lookup("#produce-sent").<ListView<Sent>>query().getItems()))
                .isEmpty();

        byte[] bytes = new byte[4096];
        new Random(11).nextBytes(bytes);
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i; // every byte value, NUL and invalid UTF-8 included
        }
        Path binary = files.resolve("payload.bin");
        Files.write(binary, bytes);
        choose(binary);
        robot.clickOn("#produce-send");
        await("sent, with where it landed")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> drawnSentLines().equals(List.of("Sent to files partition 0 at offset 0"))));
        assertThat(fx(() -> text("#produce-error"))).isEmpty();
        List<ConsumerRecord<byte[], byte[]>> landed = readAll("files", 1, 1);
        assertThat(landed).hasSize(1);
        assertThat(landed.get(0).value()).isEqualTo(bytes);
    }

    /** Fills the path as Browse… does (a native file chooser cannot open headless); typing is tested above. */
    private void choose(Path file) {
        robot.interact(() -> robot.lookup("#produce-file")
                .<javafx.scene.control.TextField>query()
                .setText(file.toString()));
    }

    private void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        await("the topic is listed")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> app.model()
                        .workspaceProperty()
                        .get()
                        .messages()
                        .topics()
                        .contains(name)));
    }

    private void openProduceWindowOn(String topic, ProduceInput.ValueKind kind) throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.P);
        await("the produce window")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#produce-dialog").tryQuery().isPresent()));
        // Pop-up lists are chosen through their controls, as MessagesGuiTest does.
        robot.interact(() -> {
            robot.lookup("#produce-topic").<ComboBox<String>>query().setValue(topic);
            robot.lookup("#produce-value-kind")
                    .<ChoiceBox<ProduceInput.ValueKind>>query()
                    .setValue(kind);
        });
        await("the fields for the value kind are drawn")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup(
                                        kind == ProduceInput.ValueKind.FILE ? "#produce-file" : "#produce-value")
                                .tryQuery()
                                .map(javafx.scene.Node::isVisible)
                                .orElse(false)
                        && robot.lookup("#produce-batch").<CheckBox>query().isVisible()));
    }

    /** The texts of the sent list's cells that are drawn with an item, top to bottom. */
    private List<String> drawnSentLines() {
        return robot.lookup("#produce-sent .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> !c.isEmpty() && c.getItem() != null && c.isVisible() && c.getText() != null)
                .sorted(Comparator.comparingDouble(c -> c.localToScene(0, 0).getY()))
                .map(ListCell::getText)
                .toList();
    }

    private long endOffsets(String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try (Admin admin = admin()) {
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
        }
    }

    /** Every record of the topic, read until {@code expected} arrived (and then a moment more for extras). */
    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int partitions, int expected) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            await("the topic holds them").atMost(UI_DEADLINE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                return all.size() >= expected;
            });
            consumer.poll(Duration.ofMillis(300)).forEach(all::add);
        }
        return all;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private String text(String query) {
        return PartitaUnderTest.text(robot, query);
    }
}
