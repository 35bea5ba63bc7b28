package io.partita.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Seeking anywhere, looking up offsets by time, and what happens past the end of the log. */
@Tag("integration")
class ConsumerPositionTest {
    private static final String TOPIC = "positions";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final long BASE = 1_650_000_000_000L;
    private static final int COUNT = 1000;
    private static TestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(1, Map.of());
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            Clients.createTopic(admin, TOPIC, 1, Map.of());
        }
        try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
            for (int i = 0; i < COUNT; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, BASE + i * 10L, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void seeksToAnyOffsetTheBeginningAndTheEnd() {
        try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
            consumer.assign(List.of(TP));
            for (long offset : new long[] {0, 1, 499, 500, 998, 999}) {
                consumer.seek(TP, offset);
                ConsumerRecord<String, String> first = firstRecord(consumer);
                assertThat(first.offset()).isEqualTo(offset);
                assertThat(first.value()).isEqualTo("v" + offset);
            }
            consumer.seekToBeginning(List.of(TP));
            assertThat(consumer.position(TP)).isZero();
            consumer.seekToEnd(List.of(TP));
            assertThat(consumer.position(TP)).isEqualTo(COUNT);
            assertThat(consumer.poll(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void looksUpOffsetsByTime() {
        try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(TP, BASE + 4_995));
            assertThat(found.get(TP).offset()).isEqualTo(500);
            assertThat(found.get(TP).timestamp()).isEqualTo(BASE + 5_000);
            assertThat(consumer.offsetsForTimes(Map.of(TP, BASE)).get(TP).offset())
                    .isZero();
            assertThat(consumer.offsetsForTimes(Map.of(TP, BASE + COUNT * 10L)).get(TP))
                    .isNull();
            assertThat(consumer.beginningOffsets(List.of(TP)).get(TP)).isZero();
            assertThat(consumer.endOffsets(List.of(TP)).get(TP)).isEqualTo(COUNT);
        }
    }

    @Test
    void fetchBeyondTheEndIsOutOfRangeAndTheResetPolicyApplies() {
        try (KafkaConsumer<String, String> none =
                Clients.consumer(cluster.bootstrap(), Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"))) {
            none.assign(List.of(TP));
            none.seek(TP, COUNT + 100);
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 50; i++) {
                            none.poll(Duration.ofMillis(100));
                        }
                    })
                    .isInstanceOf(OffsetOutOfRangeException.class);
        }
        try (KafkaConsumer<String, String> earliest =
                Clients.consumer(cluster.bootstrap(), Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            earliest.assign(List.of(TP));
            earliest.seek(TP, COUNT + 100);
            assertThat(firstRecord(earliest).offset()).isZero();
        }
        try (KafkaConsumer<String, String> latest =
                Clients.consumer(cluster.bootstrap(), Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))) {
            latest.assign(List.of(TP));
            latest.seek(TP, COUNT + 100);
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (latest.position(TP) != COUNT && System.nanoTime() < deadline) {
                latest.poll(Duration.ofMillis(100)).forEach(got::add);
            }
            assertThat(latest.position(TP)).isEqualTo(COUNT);
            assertThat(got).isEmpty();
        }
    }

    private static ConsumerRecord<String, String> firstRecord(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                return records.iterator().next();
            }
        }
        throw new AssertionError("no record within 15 s");
    }
}
