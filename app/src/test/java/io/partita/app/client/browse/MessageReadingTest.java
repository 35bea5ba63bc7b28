package io.partita.app.client.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.Failures;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessagePage;
import io.partita.app.client.records.StartAt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
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

/** The message browser's reads through the gateway, against a real one-node local cluster. */
@Tag("integration")
class MessageReadingTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    static Path dir;

    private static ClusterGateway gateway;

    @BeforeAll
    static void aPartitionOfAThousandRecords() throws Exception {
        gateway = new ClusterGateway(Runnable::run);
        String bootstrap = gateway.startLocalCluster(1, dir, null)
                .get(120, TimeUnit.SECONDS)
                .bootstrapServers();
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
                ProducerRecord<String, String> record =
                        new ProducerRecord<>("ledger", 0, T0 + i * 1000L, "k" + i, "{\"n\":" + i + "}");
                record.headers().add("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static MessagePage read(StartAt start, int limit) throws Exception {
        return gateway.browse().readMessages("ledger", 0, start, limit).get(30, TimeUnit.SECONDS);
    }

    @Test
    void jumpsToAnOffsetAndPagesForwardAndBack() throws Exception {
        MessagePage page = read(new StartAt.Offset(500), 50);
        assertThat(page.messages()).extracting(Message::offset).first().isEqualTo(500L);
        assertThat(page.messages()).hasSize(50);
        Message first = page.messages().get(0);
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("k500");
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":500}");
        assertThat(first.headers()).containsExactly(new Message.Header("seq", "500".getBytes(StandardCharsets.UTF_8)));
        assertThat(first.timestamp()).isEqualTo(T0 + 500_000);
        assertThat(page.next()).isEqualTo(550);
        assertThat(page.logEnd()).isEqualTo(1000);
        assertThat(page.hasPrevious()).isTrue();
        assertThat(page.hasNext()).isTrue();

        MessagePage before =
                gateway.browse().readMessagesBefore("ledger", 0, 500, 50).get(30, TimeUnit.SECONDS);
        assertThat(before.messages())
                .extracting(Message::offset)
                .containsExactlyElementsOf(LongStream.range(450, 500).boxed().toList());
    }

    @Test
    void startsAtTheEarliestTheLastNATimeOrTheEnd() throws Exception {
        assertThat(read(new StartAt.Earliest(), 5).messages())
                .extracting(Message::offset)
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(read(new StartAt.LastN(3), 100).messages())
                .extracting(Message::offset)
                .containsExactly(997L, 998L, 999L);
        assertThat(read(new StartAt.Time(T0 + 123_500), 2).messages())
                .extracting(Message::offset)
                .containsExactly(124L, 125L);
        MessagePage end = read(new StartAt.Latest(), 10);
        assertThat(end.messages()).isEmpty();
        assertThat(end.from()).isEqualTo(1000);
        assertThat(end.hasNext()).isFalse();
    }

    @Test
    void anOffsetPastTheEndOrAMissingTopicSaySo() {
        assertThatThrownBy(() -> read(new StartAt.Offset(5000), 10))
                .satisfies(e -> assertThat(Failures.describe(e))
                        .isEqualTo("offset 5000 is past the end of the partition (1000)"));
        assertThatThrownBy(() -> gateway.browse()
                        .readMessages("no-such-topic", 0, new StartAt.Earliest(), 10)
                        .get(60, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(Failures.describe(e))
                        .isEqualTo("Topic no-such-topic does not exist (was it deleted?)"));
        assertThatThrownBy(() -> gateway.browse()
                        .readMessages("ledger", 7, new StartAt.Earliest(), 10)
                        .get(60, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(Failures.describe(e)).isEqualTo("Topic ledger has no partition 7"));
    }
}
