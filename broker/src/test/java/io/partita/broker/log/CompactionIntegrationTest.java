package io.partita.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Log compaction on a running node, judged by the real Java producer and consumer. Kafka cleans only rolled
 * segments, so after the updates a test keeps appending a "marker" record: once an append comes segment.ms
 * after the segment's first, it rolls the segment and everything before becomes cleanable.
 */
@Tag("integration")
class CompactionIntegrationTest {

    private static final String MARKER = "marker";
    private static TestCluster cluster;
    private static Admin admin;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(1, Map.of("log.cleaner.backoff.ms", "100"));
        admin = Clients.admin(cluster.bootstrap());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        admin.close();
        cluster.close();
    }

    @Test
    void aCompactedTopicKeepsTheLatestValuePerKeyAtItsOriginalOffsets() throws Exception {
        String topic = "latest-per-key";
        Clients.createTopic(admin, topic, 1, compacted(Map.of()));
        TopicPartition tp = new TopicPartition(topic, 0);
        Map<String, RecordMetadata> latest = new HashMap<>();
        Map<String, String> latestValue = new HashMap<>();
        try (KafkaProducer<String, String> producer =
                        Clients.producer(cluster.bootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 5));
                KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
            for (int round = 0; round < 20; round++) {
                Map<String, Future<RecordMetadata>> sent = new HashMap<>();
                for (int k = 0; k < 50; k++) {
                    String key = "key-" + k;
                    String value = "value-" + round + "-of-" + key;
                    sent.put(key, producer.send(new ProducerRecord<>(topic, 0, key, value)));
                    latestValue.put(key, value);
                }
                for (Map.Entry<String, Future<RecordMetadata>> send : sent.entrySet()) {
                    latest.put(send.getKey(), send.getValue().get(10, TimeUnit.SECONDS));
                }
            }
            long produced = producer.send(new ProducerRecord<>(topic, 0, MARKER, "m"))
                            .get()
                            .offset()
                    + 1;

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        producer.send(new ProducerRecord<>(topic, 0, MARKER, "m"))
                                .get(10, TimeUnit.SECONDS);
                        Map<String, List<ConsumerRecord<String, String>>> byKey =
                                byKey(Clients.readToEnd(consumer, List.of(tp), Duration.ofSeconds(20)));
                        assertThat(byKey.keySet()).containsAll(latest.keySet());
                        for (Map.Entry<String, RecordMetadata> expected : latest.entrySet()) {
                            List<ConsumerRecord<String, String>> kept = byKey.get(expected.getKey());
                            assertThat(kept).as(expected.getKey()).hasSize(1);
                            assertThat(kept.get(0).offset())
                                    .isEqualTo(expected.getValue().offset());
                            assertThat(kept.get(0).value()).isEqualTo(latestValue.get(expected.getKey()));
                        }
                    });
            assertThat(produced).as("1000 updates and a marker were produced").isEqualTo(1001);
        }
    }

    @Test
    void tombstonesDisappearAfterDeleteRetention() throws Exception {
        String topic = "tombstones";
        long deleteRetentionMs = 3000;
        Clients.createTopic(
                admin, topic, 1, compacted(Map.of("delete.retention.ms", String.valueOf(deleteRetentionMs))));
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaProducer<String, String> producer =
                        Clients.producer(cluster.bootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
                KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
            for (int k = 0; k < 10; k++) {
                producer.send(new ProducerRecord<>(topic, 0, "key-" + k, "value-" + k))
                        .get();
            }
            for (int k = 0; k < 5; k++) {
                producer.send(new ProducerRecord<>(topic, 0, "key-" + k, null)).get();
            }
            long tombstonesWritten = System.currentTimeMillis();

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        producer.send(new ProducerRecord<>(topic, 0, MARKER, "m"))
                                .get(10, TimeUnit.SECONDS);
                        Map<String, List<ConsumerRecord<String, String>>> byKey =
                                byKey(Clients.readToEnd(consumer, List.of(tp), Duration.ofSeconds(20)));
                        for (int k = 0; k < 5; k++) {
                            assertThat(byKey.get("key-" + k))
                                    .as("the deleted value is gone, its tombstone stays")
                                    .singleElement()
                                    .extracting(ConsumerRecord::value)
                                    .isNull();
                        }
                    });
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        producer.send(new ProducerRecord<>(topic, 0, MARKER, "m"))
                                .get(10, TimeUnit.SECONDS);
                        Map<String, List<ConsumerRecord<String, String>>> byKey =
                                byKey(Clients.readToEnd(consumer, List.of(tp), Duration.ofSeconds(20)));
                        for (int k = 0; k < 5; k++) {
                            assertThat(byKey).as("tombstone of key-" + k).doesNotContainKey("key-" + k);
                        }
                        for (int k = 5; k < 10; k++) {
                            assertThat(byKey.get("key-" + k))
                                    .singleElement()
                                    .extracting(ConsumerRecord::value)
                                    .isEqualTo("value-" + k);
                        }
                    });
            assertThat(System.currentTimeMillis() - tombstonesWritten)
                    .as("not before delete.retention.ms")
                    .isGreaterThanOrEqualTo(deleteRetentionMs);
        }
    }

    @Test
    void produceAndFetchKeepWorkingWhileTheCleanerRuns() throws Exception {
        String topic = "busy";
        Clients.createTopic(admin, topic, 1, compacted(Map.of("segment.ms", "50")));
        TopicPartition tp = new TopicPartition(topic, 0);
        Map<String, Long> latest = new HashMap<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        long[] slowestSendMs = {0};
        String padding = "x".repeat(200);
        CompletableFuture<Integer> producerRun = CompletableFuture.supplyAsync(() -> {
            int sent = 0;
            try (KafkaProducer<String, String> producer =
                    Clients.producer(cluster.bootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 2))) {
                long end = System.currentTimeMillis() + 6000;
                while (System.currentTimeMillis() < end) {
                    List<Future<RecordMetadata>> round = new ArrayList<>();
                    long started = System.currentTimeMillis();
                    for (int k = 0; k < 200; k++) {
                        round.add(producer.send(new ProducerRecord<>(topic, 0, "key-" + k, sent + "-" + padding)));
                        sent++;
                    }
                    for (int k = 0; k < round.size(); k++) {
                        synchronized (latest) {
                            latest.put(
                                    "key-" + k,
                                    round.get(k).get(10, TimeUnit.SECONDS).offset());
                        }
                    }
                    slowestSendMs[0] = Math.max(slowestSendMs[0], System.currentTimeMillis() - started);
                }
                return sent;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                producing.set(false);
            }
        });
        long fetched = 0;
        long lastOffset = -1;
        try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            while (producing.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    assertThat(record.offset()).isGreaterThan(lastOffset);
                    lastOffset = record.offset();
                    fetched++;
                }
            }
        }
        int sent = producerRun.get(60, TimeUnit.SECONDS);
        assertThat(fetched)
                .as("the consumer kept reading while the cleaner ran")
                .isPositive();
        assertThat(slowestSendMs[0])
                .as("no produce round stalled behind the cleaner")
                .isLessThan(10_000);

        try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of());
                KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        producer.send(new ProducerRecord<>(topic, 0, MARKER, "m"))
                                .get(10, TimeUnit.SECONDS);
                        List<ConsumerRecord<String, String>> all =
                                Clients.readToEnd(consumer, List.of(tp), Duration.ofSeconds(20));
                        Map<String, List<ConsumerRecord<String, String>>> byKey = byKey(all);
                        assertThat(all.size())
                                .as("compacted from " + sent + " updates")
                                .isLessThan(sent);
                        latest.forEach((key, offset) -> assertThat(byKey.get(key))
                                .as(key)
                                .singleElement()
                                .extracting(ConsumerRecord::offset)
                                .isEqualTo(offset));
                    });
        }
    }

    private static Map<String, String> compacted(Map<String, String> extra) {
        Map<String, String> configs = new HashMap<>(
                Map.of("cleanup.policy", "compact", "segment.ms", "100", "min.cleanable.dirty.ratio", "0.01"));
        configs.putAll(extra);
        return configs;
    }

    /** Records by key, the marker left out. */
    private static Map<String, List<ConsumerRecord<String, String>>> byKey(
            List<ConsumerRecord<String, String>> records) {
        Map<String, List<ConsumerRecord<String, String>>> byKey = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (!MARKER.equals(record.key())) {
                byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
            }
        }
        return byKey;
    }
}
