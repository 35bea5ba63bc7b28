package io.partita.app.cluster;

import static io.partita.app.testing.PartitaUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.AppView;
import io.partita.app.PartitaApp;
import io.partita.app.testing.PartitaUnderTest;
import io.partita.app.timeline.ClusterEvent;
import io.partita.app.timeline.EventKind;
import io.partita.app.timeline.TimelineViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The partition log view on a real local cluster of three nodes: each replica's log end offset, the high watermark
 * and a group's committed offset; a follower stopped (its copy down, the high watermark going on without it) and
 * started again (caught up, back in sync).
 */
@Tag("integration")
class PartitionLogGuiTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    /** The view reads a local cluster every 250 ms; the deadline leaves room for a busy machine. */
    private static final Duration UPDATE_DEADLINE = Duration.ofSeconds(5);

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private PartitaUnderTest partita;

    @BeforeEach
    void launch() throws Exception {
        partita = new PartitaUnderTest(home).reopeningLocalCluster(3);
        partita.launch();
    }

    @AfterEach
    void close() throws Exception {
        partita.close();
    }

    @Test
    void replicaPositionsTheHighWatermarkAndAGroupFollowAFollowerStoppedAndStarted() throws Exception {
        await("three brokers up")
                .atMost(START_DEADLINE)
                .until(() -> fx(() -> robot.lookup("#map-table")
                                .tryQuery()
                                .map(n -> ((TableView<?>) n).getColumns().size())
                                .orElse(0))
                        == 4);
        PartitaApp app = partita.app();
        String bootstrap =
                fx(() -> app.model().workspaceProperty().get().connection().bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaProducer<String, String> producer = producer(bootstrap)) {
            admin.createTopics(List.of(new NewTopic("ledger", 1, (short) 3)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            send(producer, 0, 500);
            TopicPartition ledger = new TopicPartition("ledger", 0);
            admin.alterConsumerGroupOffsets("auditors", Map.of(ledger, new OffsetAndMetadata(200)))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            await("the partition's row on the map")
                    .atMost(START_DEADLINE)
                    .until(() -> fx(() -> robot.lookup(".map-topic").queryAll().stream()
                            .anyMatch(n -> n instanceof Label l && l.getText().equals("ledger"))));
            robot.clickOn(fx(() -> robot.lookup(".map-topic").queryAll().stream()
                    .filter(n -> n instanceof Label l && l.getText().equals("ledger"))
                    .findFirst()
                    .orElseThrow()));
            await("the log view")
                    .atMost(UPDATE_DEADLINE)
                    .until(() -> text("#partition-log-title").equals("ledger  ·  partition 0"));
            await("every replica at 500, the high watermark at 500, the group at 200")
                    .atMost(START_DEADLINE)
                    .until(() -> replicaEnds().equals(List.of("500", "500", "500"))
                            && text("#partition-log-hw-label").equals("high watermark 500")
                            && text("#partition-log-commit-auditors").equals("200  (lag 300)"));

            int leader = fx(() -> app.model()
                    .workspaceProperty()
                    .get()
                    .partitionLog()
                    .pictureProperty()
                    .get()
                    .leader());
            int follower = fx(() ->
                    app.model().workspaceProperty().get().partitionLog().pictureProperty().get().replicas().stream()
                            .mapToInt(r -> r.broker())
                            .filter(b -> b != leader)
                            .findFirst()
                            .orElseThrow());

            // A write shows on the leader within the view's local interval (with room for a busy machine).
            send(producer, 500, 100);
            await("the leader at 600")
                    .atMost(UPDATE_DEADLINE)
                    .until(() -> text("#partition-log-replica-end-" + leader).startsWith("600"));

            robot.clickOn("#node-menu-" + follower);
            robot.clickOn("Stop broker " + follower);
            await("the stopped follower's copy is down and out of sync")
                    .atMost(START_DEADLINE)
                    .until(() -> text("#partition-log-replica-end-" + follower).equals("down") && inSyncCount() == 2);
            send(producer, 600, 100);
            await("the high watermark moves on without it")
                    .atMost(START_DEADLINE)
                    .until(() -> text("#partition-log-hw-label").equals("high watermark 700")
                            && text("#partition-log-replica-end-" + leader).startsWith("700"));

            robot.clickOn("#node-menu-" + follower);
            robot.clickOn("Start broker " + follower);
            await("started again, it catches up and is back in sync")
                    .atMost(START_DEADLINE)
                    .until(() -> replicaEnds().equals(List.of("700", "700", "700"))
                            && text("#partition-log-summary").contains("in sync [")
                            && inSyncCount() == 3);

            // The timeline listed each step with its time; going back to the topic's creation shows the ISR whole.
            List<EventKind> kinds = fx(() -> timeline().events().stream()
                    .filter(e -> e.subject().equals("ledger-0") || e.subject().equals("broker " + follower))
                    .map(ClusterEvent::kind)
                    .toList());
            assertThat(kinds)
                    .containsSubsequence(
                            EventKind.BROKER_DOWN, EventKind.ISR_SHRINK, EventKind.BROKER_UP, EventKind.ISR_EXPAND);
            robot.clickOn("#timeline .title");
            await("the timeline opened (its animation over)")
                    .atMost(UPDATE_DEADLINE)
                    .until(() -> fx(() -> robot.lookup("#timeline-events")
                                    .query()
                                    .getLayoutBounds()
                                    .getHeight())
                            >= 140);
            ClusterEvent created = fx(() -> timeline().shownEvents().stream()
                    .filter(e ->
                            e.kind() == EventKind.TOPIC_CREATED && e.subject().equals("ledger"))
                    .findFirst()
                    .orElseThrow());
            fx(() -> {
                robot.lookup("#timeline-events").<ListView<ClusterEvent>>query().scrollTo(created);
                return null;
            });
            robot.clickOn(await("the topic's creation listed")
                    .atMost(UPDATE_DEADLINE)
                    .until(
                            () -> fx(() -> robot.lookup("#timeline-events .list-cell").queryAll().stream()
                                    .filter(n -> n instanceof ListCell<?> cell && created.equals(cell.getItem()))
                                    .findFirst()),
                            Optional::isPresent)
                    .orElseThrow());
            await("the moment before the stop: every replica in sync again, on the map and in the log view")
                    .atMost(UPDATE_DEADLINE)
                    .until(() -> !text("#timeline-shown").equals("Live")
                            && inSyncCount() == 3
                            && !text("#partition-log-replica-end-" + follower).equals("down"));
            robot.clickOn("#timeline-live");
            await("live again")
                    .atMost(UPDATE_DEADLINE)
                    .until(() -> text("#timeline-shown").equals("Live")
                            && replicaEnds().equals(List.of("700", "700", "700")));
            exportAndOpenWithNoCluster(follower);
        }
    }

    /** Exported, then opened with no cluster running: the same moments, scrubbable. */
    private void exportAndOpenWithNoCluster(int follower) throws Exception {
        Path file = home.resolve("lesson.timeline.jsonl");
        fx(() -> timeline().exportTo(file));
        await("exported")
                .atMost(UPDATE_DEADLINE)
                .until(() -> text("#timeline-file-status").startsWith("Exported"));
        partita.quit();
        partita.preferences().putBoolean("connection.reopen", false);
        partita.launch();
        assertThat(fx(() -> robot.lookup("#welcome").tryQuery().isPresent())).isTrue();
        fx(() -> ((AppView) partita.stage().getScene().getRoot()).openTimeline(file))
                .get(10, TimeUnit.SECONDS);
        await("the recording's window")
                .atMost(UPDATE_DEADLINE)
                .until(() ->
                        fx(() -> robot.lookup("#recorded-timeline").tryQuery().isPresent()));
        // It opens on its first moment, before the topic existed: go to the moment the follower left its ISR.
        ListView<ClusterEvent> recorded =
                fx(() -> robot.lookup("#timeline-events").<ListView<ClusterEvent>>query());
        ClusterEvent shrink = fx(() -> recorded.getItems().stream()
                .filter(e -> e.kind() == EventKind.ISR_SHRINK && e.subject().equals("ledger-0"))
                .findFirst()
                .orElseThrow());
        fx(() -> {
            recorded.getSelectionModel().select(shrink);
            return null;
        });
        robot.clickOn(await("the partition on the recorded map")
                .atMost(UPDATE_DEADLINE)
                .until(
                        () -> fx(() -> robot.lookup(".map-topic").queryAll().stream()
                                .filter(n -> n instanceof Label l && l.getText().equals("ledger"))
                                .findFirst()),
                        Optional::isPresent)
                .orElseThrow());
        await("the recorded moment the follower left")
                .atMost(UPDATE_DEADLINE)
                .until(() -> text("#partition-log-replica-end-" + follower).equals("down")
                        && text("#partition-log-title").equals("ledger  ·  partition 0"));
    }

    private TimelineViewModel timeline() {
        return partita.app().model().workspaceProperty().get().timeline();
    }

    private List<String> replicaEnds() throws Exception {
        return fx(() -> robot.lookup(".log-figure").queryAll().stream()
                .filter(n -> n.getId() != null && n.getId().startsWith("partition-log-replica-end-"))
                .map(n -> ((Label) n).getText())
                .toList());
    }

    private int inSyncCount() throws Exception {
        return fx(() -> partita.app()
                .model()
                .workspaceProperty()
                .get()
                .partitionLog()
                .pictureProperty()
                .get()
                .isr()
                .size());
    }

    private String text(String query) throws Exception {
        return fx(() -> PartitaUnderTest.text(robot, query));
    }

    private static void send(KafkaProducer<String, String> producer, int from, int count) throws Exception {
        for (int i = from; i < from + count; i++) {
            producer.send(new ProducerRecord<>("ledger", 0, "k" + i, "v" + i));
        }
        producer.flush();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()));
    }
}
