package io.partita.app.client.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessageFilter;
import io.partita.app.client.records.MessagePage;
import io.partita.app.client.records.StartAt;
import io.partita.app.client.records.StopAt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays through the gateway, against a real one-node local cluster. */
@Tag("integration")
class ReplayTest {
    @TempDir
    static Path dir;

    private static ClusterGateway gateway;
    private static String bootstrap;

    @BeforeAll
    static void topicAWithTwoHundredRecords() throws Exception {
        gateway = new ClusterGateway(Runnable::run);
        bootstrap = gateway.startLocalCluster(1, dir, null)
                .get(120, TimeUnit.SECONDS)
                .bootstrapServers();
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
                ProducerRecord<String, String> r = new ProducerRecord<>("a", 0, "k" + i, "v" + i);
                r.headers().add("n", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void replaysOffsets100To199ToAnotherTopicAt50ASecondKeysAndHeadersIntactAndInOrder() throws Exception {
        List<ReplayProgress> seen = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        ReplayControl control = gateway.replay()
                .replay(
                        new ReplayPlan(
                                "a",
                                List.of(0),
                                new StartAt.Offset(100),
                                new StopAt.Offset(200),
                                MessageFilter.ALL,
                                new Speed.PerSecond(50),
                                new ReplayPlan.ToTopic("b", true, true, false, false)),
                        seen::add,
                        m -> {});
        ReplayProgress last = control.done().get(60, TimeUnit.SECONDS);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertThat(last.state()).isEqualTo(ReplayProgress.State.DONE);
        assertThat(last.delivered()).isEqualTo(100);
        assertThat(seconds).as("100 records at 50 a second").isBetween(1L, 10L);
        assertThat(seen).as("progress along the way").isNotEmpty();
        MessagePage b = gateway.browse()
                .readMessages("b", 0, new StartAt.Earliest(), 500)
                .get(30, TimeUnit.SECONDS);
        assertThat(b.messages()).hasSize(100);
        for (int i = 0; i < 100; i++) {
            Message m = b.messages().get(i);
            assertThat(new String(m.key(), StandardCharsets.UTF_8)).isEqualTo("k" + (100 + i));
            assertThat(new String(m.value(), StandardCharsets.UTF_8)).isEqualTo("v" + (100 + i));
            assertThat(m.headers())
                    .containsExactly(
                            new Message.Header("n", Integer.toString(100 + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void pausesStepsAndCancelsAReplayIntoTheApp() throws Exception {
        List<Message> shown = new CopyOnWriteArrayList<>();
        ReplayControl control = gateway.replay()
                .replay(
                        new ReplayPlan(
                                "a",
                                List.of(0),
                                new StartAt.Earliest(),
                                new StopAt.End(),
                                new MessageFilter(
                                        MessageFilter.Field.KEY, "k1\\d$", true, Long.MIN_VALUE, Long.MAX_VALUE),
                                new Speed.PerSecond(20),
                                new ReplayPlan.InApp()),
                        p -> {},
                        shown::add);
        control.pause();
        int paused = shown.size();
        await("nothing more while paused")
                .during(Duration.ofMillis(800))
                .atMost(Duration.ofSeconds(5))
                .until(() -> shown.size() <= paused + 1); // one may have been on its way
        int before = shown.size();
        control.step();
        await("one record per step").atMost(Duration.ofSeconds(10)).until(() -> shown.size() == before + 1);
        control.resume();
        ReplayProgress last = control.done().get(30, TimeUnit.SECONDS);
        assertThat(shown)
                .extracting(m -> new String(m.key(), StandardCharsets.UTF_8))
                .containsExactly("k10", "k11", "k12", "k13", "k14", "k15", "k16", "k17", "k18", "k19");
        assertThat(last.read()).isEqualTo(200);
        assertThat(last.matched()).isEqualTo(10);

        ReplayControl slow = gateway.replay()
                .replay(
                        new ReplayPlan(
                                "a",
                                List.of(0),
                                new StartAt.Earliest(),
                                new StopAt.End(),
                                MessageFilter.ALL,
                                new Speed.PerSecond(5),
                                new ReplayPlan.InApp()),
                        p -> {},
                        m -> {});
        slow.cancel();
        assertThat(slow.done().get(10, TimeUnit.SECONDS).state()).isEqualTo(ReplayProgress.State.CANCELLED);
    }

    @Test
    void aTimeRangeOfThreePartitionsArrivesInTimestampOrderAtOriginalTimingSpedUp() throws Exception {
        long base = System.currentTimeMillis() - 3_600_000;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("three", 3, (short) 1), new NewTopic("merged", 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        // Record k (0..29) is in partition k % 3 at second k: the partitions interleave one record at a time.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            for (int k = 0; k < 30; k++) {
                producer.send(new ProducerRecord<>("three", k % 3, base + k * 1_000L, "k" + k, "v" + k));
            }
            producer.flush();
        }
        List<ReplayProgress> seen = new CopyOnWriteArrayList<>();
        ReplayControl control = gateway.replay()
                .replay(
                        new ReplayPlan(
                                "three",
                                List.of(0, 1, 2),
                                new StartAt.Time(base + 5_000),
                                new StopAt.Time(base + 20_000),
                                MessageFilter.ALL,
                                new Speed.OriginalTiming(100),
                                new ReplayPlan.ToTopic("merged", true, true, true, false)),
                        seen::add,
                        m -> {});
        ReplayProgress last = control.done().get(60, TimeUnit.SECONDS);

        assertThat(last.state()).isEqualTo(ReplayProgress.State.DONE);
        assertThat(last.delivered()).as("seconds 5 to 19").isEqualTo(15);
        assertThat(last.positions())
                .extracting(
                        p -> p.range().partition(),
                        p -> p.range().from(),
                        p -> p.range().until(),
                        p -> p.at())
                .as("each partition's own offsets for the two times, and its cursor on its last record")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, 2L, 7L, 6L),
                        org.assertj.core.groups.Tuple.tuple(1, 2L, 7L, 6L),
                        org.assertj.core.groups.Tuple.tuple(2, 1L, 6L, 5L));
        assertThat(last.fraction()).isEqualTo(1);
        MessagePage merged = gateway.browse()
                .readMessages("merged", 0, new StartAt.Earliest(), 100)
                .get(30, TimeUnit.SECONDS);
        assertThat(merged.messages())
                .extracting(m -> new String(m.key(), StandardCharsets.UTF_8))
                .containsExactly(
                        "k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12", "k13", "k14", "k15", "k16", "k17", "k18",
                        "k19");
        assertThat(merged.messages()).extracting(Message::timestamp).isSorted();
    }

    @Test
    void fifteenPartitionsComeInTimestampOrderWithoutWaitingOnEachPartitionsTail() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("wide", 15, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        long base = System.currentTimeMillis() - 3_600_000;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            for (int k = 0; k < 600; k++) {
                producer.send(new ProducerRecord<>("wide", (k * 7) % 15, base + k, "k" + k, "v" + k));
            }
            producer.flush();
        }
        List<Message> shown = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        ReplayControl control = gateway.replay()
                .replay(
                        new ReplayPlan(
                                "wide",
                                IntStream.range(0, 15).boxed().toList(),
                                new StartAt.Earliest(),
                                new StopAt.End(),
                                MessageFilter.ALL,
                                new Speed.AsFastAsPossible(),
                                new ReplayPlan.InApp()),
                        p -> {},
                        shown::add);
        ReplayProgress last = control.done().get(60, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(last.state()).isEqualTo(ReplayProgress.State.DONE);
        assertThat(shown).hasSize(600).extracting(Message::timestamp).isSorted();
        assertThat(last.positions())
                .hasSize(15)
                .allSatisfy(p -> assertThat(p.at()).isEqualTo(39));
        // Taking turns between partitions once waited the broker's fetch wait (500 ms) on each: 7 s here.
        assertThat(millis)
                .as("600 records of 15 partitions as fast as possible")
                .isLessThan(5_000);
    }

    @Test
    void aMissingTargetTopicStopsTheReplayBeforeAnythingIsSent() throws Exception {
        ReplayControl control = gateway.replay()
                .replay(
                        new ReplayPlan(
                                "a",
                                List.of(0),
                                new StartAt.Earliest(),
                                new StopAt.End(),
                                MessageFilter.ALL,
                                new Speed.AsFastAsPossible(),
                                new ReplayPlan.ToTopic("nowhere", true, true, true, false)),
                        p -> {},
                        m -> {});
        ReplayProgress last = control.done().get(30, TimeUnit.SECONDS);
        assertThat(last.state()).isEqualTo(ReplayProgress.State.FAILED);
        assertThat(last.failure()).isEqualTo("Topic nowhere does not exist. Nothing was sent.");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("nowhere");
        }
    }
}
