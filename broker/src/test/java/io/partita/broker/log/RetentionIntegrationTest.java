package io.partita.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Retention by time and by size, enforced in the background on a running node, seen through the clients. */
@Tag("integration")
class RetentionIntegrationTest {
    private static TestCluster cluster;
    private static Admin admin;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(1, Map.of("log.retention.check.interval.ms", "200"));
        admin = Clients.admin(cluster.bootstrap());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        admin.close();
        cluster.close();
    }

    @Test
    void retentionByTimeRemovesOldDataAndAdvancesTheLogStartOffset() throws Exception {
        Clients.createTopic(admin, "short-lived", 1, Map.of("retention.ms", "60000"));
        TopicPartition tp = new TopicPartition("short-lived", 0);
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer =
                Clients.producer(cluster.bootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("short-lived", 0, now - 3_600_000L, "old", "old-" + i))
                        .get();
            }
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("short-lived", 0, now, "new", "new-" + i))
                        .get();
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(earliest(tp)).isEqualTo(50));
        try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
            var records = Clients.readAll(consumer, List.of(tp), 5, Duration.ofSeconds(10));
            assertThat(records).extracting(r -> r.value()).containsExactly("new-0", "new-1", "new-2", "new-3", "new-4");
            assertThat(records.get(0).offset()).isEqualTo(50);
        }
    }

    @Test
    void retentionBySizeKeepsThePartitionNearItsLimit() throws Exception {
        Clients.createTopic(admin, "size-capped", 1, Map.of("retention.bytes", "20000"));
        TopicPartition tp = new TopicPartition("size-capped", 0);
        try (KafkaProducer<String, String> producer =
                Clients.producer(cluster.bootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("size-capped", 0, "k" + i, "x".repeat(1000)))
                        .get();
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            long size = admin.describeLogDirs(List.of(0))
                    .allDescriptions()
                    .get()
                    .get(0)
                    .values()
                    .iterator()
                    .next()
                    .replicaInfos()
                    .get(tp)
                    .size();
            assertThat(size).isBetween(20_000L, 22_000L);
            assertThat(earliest(tp)).isGreaterThan(75);
        });
        assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                        .partitionResult(tp)
                        .get()
                        .offset())
                .isEqualTo(100);
    }

    private static long earliest(TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.earliest()))
                .partitionResult(tp)
                .get()
                .offset();
    }
}
