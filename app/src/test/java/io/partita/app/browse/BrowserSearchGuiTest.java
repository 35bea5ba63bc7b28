package io.partita.app.browse;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.PartitaApp;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessageFilter;
import io.partita.app.client.records.PageMerge;
import io.partita.app.common.StartChoice;
import io.partita.app.testing.PartitaUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The browser across partitions, its search and its live tail, end to end, headless, on a real one-node local
 * cluster the app reopens at launch.
 */
@Tag("integration")
class BrowserSearchGuiTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);
    private static final long BASE = 1_700_000_000_000L;

    @TempDir
    Path home;

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
    void allPartitionsFromEarliestShowsTheHundredEarliestByTimestampThenTheNextHundred() throws Exception {
        // 600 timestamps, each given to one of 3 partitions in a shuffled (but fixed) order, 200 each.
        List<Integer> partitionOf = new ArrayList<>();
        IntStream.range(0, 600).forEach(k -> partitionOf.add(k % 3));
        Collections.shuffle(partitionOf, new Random(42));
        List<String> expected = new ArrayList<>(); // "partition@offset" in timestamp order
        int[] nextOffset = new int[3];
        createTopic("interleaved", 3);
        try (KafkaProducer<String, String> producer = producer()) {
            for (int k = 0; k < 600; k++) {
                int p = partitionOf.get(k);
                producer.send(new ProducerRecord<>("interleaved", p, BASE + k, "k" + k, "r" + k));
                expected.add(p + "@" + nextOffset[p]++);
            }
            producer.flush();
        }
        openTopic("interleaved");
        robot.interact(() -> {
            robot.lookup("#browse-partition").<ComboBox<Integer>>query().setValue(MessagesViewModel.ALL_PARTITIONS);
            robot.lookup("#browse-start").<ChoiceBox<StartChoice>>query().setValue(StartChoice.EARLIEST);
        });
        robot.clickOn("#browse-go");

        await("the earliest record is the first row drawn, with its partition")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> firstRowCells().size() > 2
                        && firstRowCells().get(0).equals(expected.get(0).split("@")[0])
                        && firstRowCells().contains("r0")));
        assertThat(fx(this::rows)).isEqualTo(expected.subList(0, 100));
        assertThat(fx(() -> text("#browse-status"))).startsWith("100 records by time across 3 partitions");

        robot.clickOn("#browse-next");
        await("the next hundred, from r100")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> firstRowCells().contains("r100")));
        assertThat(fx(this::rows)).isEqualTo(expected.subList(100, 200));

        robot.clickOn("#browse-previous");
        await("back to the first hundred")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> firstRowCells().contains("r0")));
        assertThat(fx(this::rows)).isEqualTo(expected.subList(0, 100));
    }

    @Test
    void searchesValuesByRegexAcrossPartitionsAndCancels() throws Exception {
        createTopic("haystack", 3);
        Set<String> expected = new TreeSet<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 3000; i++) {
                String currency = i % 7 == 0 ? "EUR" : "USD";
                producer.send(
                        new ProducerRecord<>("haystack", i % 3, BASE + i, "k" + i, "order " + i + " " + currency));
                if (i % 70 == 0) {
                    expected.add(i % 3 + "@" + i / 3);
                }
            }
            producer.flush();
        }
        assertThat(expected).hasSize(43);
        openTopic("haystack");
        robot.interact(() -> {
            robot.lookup("#browse-partition").<ComboBox<Integer>>query().setValue(MessagesViewModel.ALL_PARTITIONS);
            robot.lookup("#search-field")
                    .<ChoiceBox<MessageFilter.Field>>query()
                    .setValue(MessageFilter.Field.VALUE);
        });
        robot.clickOn("#search-regex");

        // A broken regex is a message beside the bar, and nothing runs.
        robot.clickOn("#search-text").write("order [0-9");
        robot.clickOn("#search-go");
        await("the regex is refused")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#search-validation")).startsWith("Not a regular expression"));
        assertThat(fx(() -> text("#browse-status"))).doesNotContain("Search");

        robot.clickOn("#search-text").push(KeyCode.CONTROL, KeyCode.A).write("^order \\d*0 EUR$");
        robot.clickOn("#search-go");
        await("the search ends at the total")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#browse-status"))
                        .equals("Search done: scanned 3,000 of 3,000 records, 43 matches"));
        assertThat(fx(() -> text("#search-validation"))).isEmpty();
        assertThat(fx(() ->
                        robot.lookup("#search-progress").<ProgressBar>query().getProgress()))
                .isEqualTo(1.0);
        assertThat(fx(() -> Set.copyOf(rows()))).isEqualTo(expected);
        assertThat(fx(() -> List.copyOf(table().getItems())))
                .as("matches of all partitions, merged by time")
                .isSortedAccordingTo(PageMerge.TIME_ORDER);
        await("a match is drawn, with its partition")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> firstRowCells().stream().anyMatch(c -> c.matches("order \\d*0 EUR"))));

        // Cancelled as it starts (in the same FX event as the start): it ends cancelled before the total.
        robot.interact(() -> {
            robot.lookup("#search-go").<Button>query().fire();
            robot.lookup("#search-cancel").<Button>query().fire();
        });
        await("the search says it was cancelled")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#browse-status")).startsWith("Search cancelled: scanned "));
        String cancelled = fx(() -> text("#browse-status"));
        long scanned = Long.parseLong(cancelled
                .replaceAll("^Search cancelled: scanned ([\\d,]+) of .*$", "$1")
                .replace(",", ""));
        assertThat(scanned).as(cancelled).isLessThan(3000);
        assertThat(cancelled).endsWith("matches").contains(" of 3,000 records, ");
        assertThat(fx(() -> robot.lookup("#search-go").<Button>query().isDisabled()))
                .as("ready again")
                .isFalse();
    }

    @Test
    void followShowsNewRecordsAtTheBottomUntilTurnedOff() throws Exception {
        createTopic("live", 2);
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 60; i++) {
                producer.send(new ProducerRecord<>("live", i % 2, BASE + i, "k" + i, "old-" + i));
            }
            producer.flush();
        }
        openTopic("live");
        robot.interact(() -> robot.lookup("#browse-partition")
                .<ComboBox<Integer>>query()
                .setValue(MessagesViewModel.ALL_PARTITIONS));
        // A page taller than the table first: the new rows land below it, and the table must scroll to them.
        robot.clickOn("#browse-go");
        await("the page is drawn")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> firstRowCells().contains("old-0")));
        robot.clickOn("#browse-follow");
        await("the tail listens")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#browse-status")).startsWith("Following live (all 2 partitions)"));

        try (KafkaProducer<String, String> producer = producer()) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("live", i % 2, now + i, "k" + i, "tail-" + i));
            }
            producer.flush();
            await("the five records, the last at the bottom")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> fx(() -> lastRowCells().contains("tail-4")));
            assertThat(fx(() -> values().subList(60, values().size())))
                    .containsExactly("tail-0", "tail-1", "tail-2", "tail-3", "tail-4");

            robot.clickOn("#browse-follow");
            await("the tail has stopped")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> text("#browse-status"))
                            .equals("Stopped following live (all 2 partitions) (5 new records)."));
            producer.send(new ProducerRecord<>("live", 0, "k5", "after-stop")).get(10, TimeUnit.SECONDS);
            // Nothing polls any more: the table stays as it was for longer than a record took to show above.
            await("no new row")
                    .during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> fx(() -> values().size() == 65));
        }
    }

    private void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(),
                new StringSerializer());
    }

    /** The Messages tab (Ctrl+4) on {@code topic}, once the topic list offers it. */
    private void openTopic(String topic) {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);
        await("the topic is offered")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#browse-topic")
                        .<ComboBox<String>>query()
                        .getItems()
                        .contains(topic)));
        // Pop-up lists are chosen through their controls (a pop-up's text also names a column header here).
        robot.interact(
                () -> robot.lookup("#browse-topic").<ComboBox<String>>query().setValue(topic));
    }

    private TableView<Message> table() {
        return robot.lookup("#messages").query();
    }

    /** The table's rows as "partition@offset", in order. */
    private List<String> rows() {
        return table().getItems().stream()
                .map(m -> m.partition() + "@" + m.offset())
                .collect(Collectors.toList());
    }

    private List<String> values() {
        return table().getItems().stream().map(m -> new String(m.value())).toList();
    }

    private List<String> firstRowCells() {
        return drawnRowCells(
                Comparator.comparingDouble(row -> row.localToScene(0, 0).getY()));
    }

    private List<String> lastRowCells() {
        return drawnRowCells(
                Comparator.comparingDouble((Node row) -> row.localToScene(0, 0).getY())
                        .reversed());
    }

    /** The texts of the first drawn row holding a record, in {@code order} of the rows; in column order. */
    private List<String> drawnRowCells(Comparator<Node> order) {
        return robot.lookup("#messages .table-row-cell").queryAll().stream()
                .filter(row -> row instanceof TableRow<?> r && r.getItem() != null && row.isVisible())
                .sorted(order)
                .findFirst()
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
