package io.partita.app.client.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.records.BrowsePage;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessageFilter;
import io.partita.app.client.records.PageMerge;
import io.partita.app.client.records.StartAt;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

/**
 * The browser's reads across partitions, its search and its live tail through the gateway, on a real one-node local
 * cluster: a topic of three partitions of different lengths (10, 50 and none).
 */
@Tag("integration")
class BrowsingPartitionsTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final List<Integer> ALL = List.of(0, 1, 2);

    @TempDir
    static Path dir;

    private static ClusterGateway gateway;
    private static String bootstrap;

    @BeforeAll
    static void threeUnevenPartitions() throws Exception {
        gateway = new ClusterGateway(Runnable::run);
        bootstrap = gateway.startLocalCluster(1, dir, null)
                .get(120, TimeUnit.SECONDS)
                .bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("uneven", 3, (short) 1), new NewTopic("tailed", 2, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("uneven", 0, T0 + i * 10L + 5, "a" + i, "short " + i));
            }
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("uneven", 1, T0 + i * 10L, "b" + i, "long " + i));
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer());
    }

    private static BrowsePage read(StartAt start, int limit) throws Exception {
        return gateway.browse().readMessages("uneven", ALL, start, limit).get(30, TimeUnit.SECONDS);
    }

    @Test
    void eachPartitionStartsFromTheSameStartAndThePageIsMergedByTime() throws Exception {
        BrowsePage earliest = read(new StartAt.Earliest(), 100);
        assertThat(earliest.messages()).hasSize(60).isSortedAccordingTo(PageMerge.TIME_ORDER);
        assertThat(earliest.next().offsets()).containsExactly(Map.entry(0, 10L), Map.entry(1, 50L), Map.entry(2, 0L));
        assertThat(earliest.hasNext()).isFalse();

        // An offset past a shorter partition's end starts that one at its end; past every end is refused.
        BrowsePage at20 = read(new StartAt.Offset(20), 100);
        assertThat(at20.from().offsets()).containsExactly(Map.entry(0, 10L), Map.entry(1, 20L), Map.entry(2, 0L));
        assertThat(at20.messages())
                .extracting(Message::partition)
                .containsOnly(1)
                .hasSize(30);
        assertThat(at20.hasPrevious()).isTrue();
        assertThatThrownBy(() -> read(new StartAt.Offset(51), 100))
                .hasMessageContaining("offset 51 is past the end of every partition");

        BrowsePage lastFive = read(new StartAt.LastN(5), 100);
        assertThat(lastFive.messages())
                .extracting(m -> m.partition() + "@" + m.offset())
                .containsExactlyInAnyOrder("0@5", "0@6", "0@7", "0@8", "0@9", "1@45", "1@46", "1@47", "1@48", "1@49");

        BrowsePage fromTime = read(new StartAt.Time(T0 + 300), 100);
        assertThat(fromTime.from().offsets()).containsExactly(Map.entry(0, 10L), Map.entry(1, 30L), Map.entry(2, 0L));
    }

    @Test
    void olderAndNewerPageFromEachPartitionsPosition() throws Exception {
        BrowsePage first = read(new StartAt.Earliest(), 25);
        BrowsePage second =
                gateway.browse().readMessagesFrom("uneven", first.next(), 25).get(30, TimeUnit.SECONDS);
        BrowsePage back =
                gateway.browse().readMessagesBefore("uneven", second.from(), 25).get(30, TimeUnit.SECONDS);
        BrowsePage all = read(new StartAt.Earliest(), 50);
        assertThat(second.messages()).isEqualTo(all.messages().subList(25, 50));
        assertThat(back.messages()).isEqualTo(first.messages());
        assertThat(back.from()).isEqualTo(first.from());
        assertThat(back.hasPrevious()).isFalse();
    }

    @Test
    void searchesEveryPartitionToItsEndAndStopsAtTheLimit() throws Exception {
        List<Message> found = new CopyOnWriteArrayList<>();
        SearchControl done = gateway.browse()
                .search(
                        new SearchPlan(
                                "uneven",
                                ALL,
                                new StartAt.Earliest(),
                                new MessageFilter(
                                        MessageFilter.Field.VALUE, "[05]$", true, Long.MIN_VALUE, Long.MAX_VALUE),
                                100),
                        p -> {},
                        found::addAll);
        SearchProgress last = done.done().get(30, TimeUnit.SECONDS);
        assertThat(last.state()).isEqualTo(SearchProgress.State.DONE);
        assertThat(last.scanned()).isEqualTo(60);
        assertThat(last.total()).isEqualTo(60);
        assertThat(last.matches()).isEqualTo(12); // short 0, 5 and long 0, 5, 10, ..., 45
        assertThat(found).hasSize(12).allMatch(m -> new String(m.value()).matches(".*[05]"));

        SearchProgress limited = gateway.browse()
                .search(new SearchPlan("uneven", ALL, new StartAt.Earliest(), MessageFilter.ALL, 7), p -> {}, m -> {})
                .done()
                .get(30, TimeUnit.SECONDS);
        assertThat(limited.state()).isEqualTo(SearchProgress.State.LIMIT);
        assertThat(limited.matches()).isEqualTo(7);
        assertThat(limited.summary()).startsWith("Search stopped at 7 matches");
    }

    @Test
    void aTailHearsWhatIsProducedOnceListeningAndNothingOnceStopped() throws Exception {
        List<Message> heard = new CopyOnWriteArrayList<>();
        FollowControl tail = gateway.browse().follow("tailed", List.of(0, 1), heard::addAll);
        tail.listening().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>("tailed", i % 2, "k" + i, "v" + i));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 4);
            tail.stop();
            tail.stopped().get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("tailed", 0, "k4", "v4")).get(10, TimeUnit.SECONDS);
        }
        assertThat(heard).extracting(m -> new String(m.value())).containsExactlyInAnyOrder("v0", "v1", "v2", "v3");

        FollowControl missing = gateway.browse().follow("no-such-topic", List.of(0), m -> {});
        assertThatThrownBy(() -> missing.stopped().get(30, TimeUnit.SECONDS))
                .hasMessageContaining("Topic no-such-topic does not exist");
    }
}
