package io.partita.app.groups;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.PartitaApp;
import io.partita.app.client.groups.GroupInfo;
import io.partita.app.testing.PartitaUnderTest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.shape.Path;
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

/**
 * The consumer groups tab end to end, headless, against a real one-node LocalCluster started from the welcome
 * screen: a live consumer's commit drawn on the offset bar, its colour in the legend, the lag chart growing,
 * Reset offsets refused while the consumer runs, then previewed and applied once it has stopped, and the group
 * deleted.
 */
@Tag("integration")
class GroupsGuiTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration UI_DEADLINE = Duration.ofSeconds(30);
    private static final String TOPIC = "invoices";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    @TempDir
    java.nio.file.Path home;

    private final FxRobot robot = new FxRobot();
    private PartitaUnderTest partita;
    private PartitaApp app;
    private LiveConsumer consumer;

    @BeforeEach
    void freshSettings() throws Exception {
        // One node is enough here, and quicker to start: the welcome screen offers what was used last.
        partita = new PartitaUnderTest(home).offeringLocalCluster(1);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (consumer != null) {
            consumer.stop();
        }
        partita.close();
    }

    @Test
    void aLiveGroupIsDrawnAndOnceEmptyItsOffsetsAreResetToEarliestThroughThePreview() throws Exception {
        app = partita.launch();
        robot.clickOn("#start-local");
        await("connected")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#groups").tryQuery().isPresent()));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        await("the groups tab's empty state")
                .atMost(UI_DEADLINE)
                .until(() -> fx(() -> text("#groups-empty")).startsWith("No consumer groups yet"));
        String bootstrap =
                fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            produceTenRecords(bootstrap);
            consumer = new LiveConsumer(bootstrap);

            // The commit is drawn: the marker at 4/10 of the bar, the lag span over the other 6/10.
            await("the offset bar shows committed 4 and lag 6")
                    .atMost(START_DEADLINE)
                    .until(() ->
                            fx(() -> bar().map(b -> "offsets 0–10 · committed 4 · lag 6".equals(b.getAccessibleText())
                                            && b.getWidth() > 50)
                                    .orElse(false)));
            await("the bar is laid out for the commit")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> {
                        OffsetBar bar = bar().orElseThrow();
                        double inner = innerWidth(bar);
                        Region marker = part(bar, ".offset-marker");
                        double markerAt =
                                (marker.getLayoutX() + marker.getWidth() / 2 - bar.snappedLeftInset()) / inner;
                        double lagShare = part(bar, ".offset-lag").getWidth() / inner;
                        return marker.isVisible() && Math.abs(markerAt - 0.4) < 0.03 && Math.abs(lagShare - 0.6) < 0.03;
                    }));

            // The live member in the legend, in the colour that tints its partition's bar and owner cell.
            await("the member in the legend")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(
                            () -> robot.lookup("#member-legend .member-chip .label").queryAllAs(Labeled.class).stream()
                                    .anyMatch(l -> l.getText().equals("billing-worker @ 127.0.0.1"))));
            await("the bar in the member's colour")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> {
                        Node swatch = robot.lookup("#member-legend .member-chip .owner-swatch")
                                .query();
                        Node read = part(bar().orElseThrow(), ".offset-consumed");
                        return swatch.getStyleClass().contains("owner-0")
                                && read.getStyleClass().contains("owner-0")
                                && cellText("Owner").equals(Optional.of("billing-worker"));
                    }));
            assertThat(fx(() -> text("#group-detail-title"))).isEqualTo("billing  ·  Stable");

            // The lag chart gains a point at every refresh.
            int before = fx(() -> lagLine().getData().size());
            await("the lag chart grows")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> lagLine().getData().size()) >= Math.max(2, before + 2));
            assertThat(fx(() -> lagLine()
                            .getData()
                            .get(lagLine().getData().size() - 1)
                            .getYValue()
                            .longValue()))
                    .isEqualTo(6);
            assertThat(fx(() -> ((Path) lagLine().getNode()).getElements().size()))
                    .as("the line is drawn")
                    .isGreaterThanOrEqualTo(2);
            assertThat(fx(() -> robot.lookup("#lag-chart-empty").query().isVisible()))
                    .isFalse();

            // While the consumer runs, the dialog refuses and says why.
            robot.clickOn("#reset-offsets");
            await("the refusal")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> robot.lookup("#reset-refusal")
                            .tryQuery()
                            .map(n -> n.isVisible()
                                    && ((Labeled) n).getText().startsWith("Group billing has 1 active member")
                                    && ((Labeled) n).getText().contains("only while the group is Empty"))
                            .orElse(false)));
            assertThat(fx(() ->
                            robot.lookup("#reset-preview-button").queryButton().isDisabled()))
                    .isTrue();
            assertThat(fx(() -> robot.lookup("#reset-apply").tryQuery())).isEmpty();
            robot.clickOn(fx(() ->
                    robot.lookup("#reset-offsets-dialog").<DialogPane>query().lookupButton(ButtonType.CLOSE)));
            await("the dialog closes")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() ->
                            robot.lookup("#reset-offsets-dialog").tryQuery().isEmpty()));

            // The consumer leaves: the group is Empty, and the legend says so.
            consumer.stop();
            await("the group is empty")
                    .atMost(START_DEADLINE)
                    .until(() -> fx(() -> robot.lookup("#groups").<TableView<GroupInfo>>query().getItems().stream()
                            .anyMatch(g -> g.id().equals("billing") && g.isEmpty())));
            await("no members")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> text("#member-legend-empty"))
                            .equals("none: the group is Empty (no consumer is running)"));

            // Reset to earliest: preview 4 -> 0, then apply.
            robot.clickOn("#reset-offsets");
            await("the dialog")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> robot.lookup("#reset-preview-button")
                            .tryQuery()
                            .map(n -> !n.isDisabled())
                            .orElse(false)));
            assertThat(fx(() -> robot.lookup("#reset-refusal").query().isVisible()))
                    .isFalse();
            assertThat(fx(() -> robot.lookup("#reset-apply").query().isDisabled()))
                    .as("nothing previewed yet")
                    .isTrue();
            robot.clickOn("#reset-earliest");
            robot.clickOn("#reset-preview-button");
            await("the preview row drawn")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> previewCells()).equals(List.of(TOPIC, "0", "4", "0", "−4 (re-read)")));
            assertThat(fx(() -> text("#reset-summary"))).startsWith("1 of 1 partition would move");
            robot.clickOn("#reset-apply");
            await("the dialog closes")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() ->
                            robot.lookup("#reset-offsets-dialog").tryQuery().isEmpty()));
            assertThat(admin.listConsumerGroupOffsets("billing")
                            .partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS)
                            .get(TP)
                            .offset())
                    .isZero();
            await("the table shows committed 0, lag 10")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> cellText("Committed").equals(Optional.of("0"))
                            && cellText("Lag").equals(Optional.of("10"))
                            && bar().map(b -> b.getAccessibleText().equals("offsets 0–10 · committed 0 · lag 10"))
                                    .orElse(false)));

            // Delete, confirmed: the group is gone from the cluster and the list.
            robot.clickOn("#delete-group");
            await("the confirmation")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() ->
                            robot.lookup("#confirm-delete-group").tryQuery().isPresent()));
            robot.clickOn("#confirm-delete-group");
            await("the group is gone")
                    .atMost(UI_DEADLINE)
                    .until(() -> fx(() -> text("#groups-empty")).startsWith("No consumer groups yet"));
            assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
                    .isEmpty();
        }
    }

    private static void produceTenRecords(String bootstrap) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A member of group "billing" that stays in the group (polling, on its own thread: a consumer is not
     * thread-safe) and commits offset 4 once it owns the partition.
     */
    private static final class LiveConsumer {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        LiveConsumer(String bootstrap) {
            thread = new Thread(
                    () -> {
                        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(
                                Map.of(
                                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        bootstrap,
                                        ConsumerConfig.GROUP_ID_CONFIG,
                                        "billing",
                                        ConsumerConfig.CLIENT_ID_CONFIG,
                                        "billing-worker",
                                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                        false,
                                        // Reads nothing by itself: the only commit is the one below.
                                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                        "latest"),
                                new StringDeserializer(),
                                new StringDeserializer())) {
                            c.subscribe(List.of(TOPIC));
                            boolean committed = false;
                            while (running.get()) {
                                c.poll(Duration.ofMillis(100));
                                if (!committed && c.assignment().contains(TP)) {
                                    c.commitSync(Map.of(TP, new OffsetAndMetadata(4)));
                                    c.seek(TP, 4);
                                    committed = true;
                                }
                            }
                        }
                    },
                    "billing-worker");
            thread.setDaemon(true);
            thread.start();
        }

        /** Leaves the group (close sends LeaveGroup) and waits for it. */
        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    private Optional<OffsetBar> bar() {
        return robot.lookup("#group-partitions .offset-bar").tryQuery().map(n -> (OffsetBar) n);
    }

    private static Region part(OffsetBar bar, String selector) {
        return (Region) bar.lookup(selector);
    }

    private static double innerWidth(Region r) {
        Insets insets = r.getInsets();
        return r.getWidth() - insets.getLeft() - insets.getRight();
    }

    @SuppressWarnings("unchecked")
    private XYChart.Series<Number, Number> lagLine() {
        return ((LineChart<Number, Number>) robot.lookup("#lag-chart").query())
                .getData()
                .get(0);
    }

    /** The text drawn in the first row's cell of column {@code title} of the partitions table. */
    private Optional<String> cellText(String title) {
        return robot.lookup("#group-partitions .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getIndex() == 0
                        && c.getTableColumn() != null
                        && title.equals(c.getTableColumn().getText()))
                .map(c -> c.getText() == null ? "" : c.getText())
                .findFirst();
    }

    /** The drawn cells of the preview's first row, left to right. */
    private List<String> previewCells() {
        return robot.lookup("#reset-preview .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getIndex() == 0 && c.getText() != null && c.getTableColumn() != null)
                .sorted(Comparator.comparingInt(
                        c -> c.getTableView().getColumns().indexOf(c.getTableColumn())))
                .map(TableCell::getText)
                .toList();
    }

    private String text(String query) {
        return PartitaUnderTest.text(robot, query);
    }
}
