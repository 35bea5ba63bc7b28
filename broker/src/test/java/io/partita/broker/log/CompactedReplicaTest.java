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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A replica that joins a compacted partition copies the cleaned log from the leader, with its offset gaps and
 * the empty batches kept for producer state, and serves the same records at the same offsets once it leads.
 */
@Tag("integration")
class CompactedReplicaTest {

    @Test
    void aNewReplicaCopiesTheCompactedLogAndServesItAtTheSameOffsets() throws Exception {
        String topic = "moved-compacted";
        TopicPartition tp = new TopicPartition(topic, 0);
        try (TestCluster cluster = TestCluster.start(
                        2, Map.of("log.cleaner.backoff.ms", "100", "auto.leader.rebalance.enable", "false"));
                Admin admin = Clients.admin(cluster.bootstrap());
                KafkaProducer<String, String> producer =
                        Clients.producer(cluster.bootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 5));
                KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
            admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(0)))
                            .configs(Map.of(
                                    "cleanup.policy",
                                    "compact",
                                    "segment.ms",
                                    "100",
                                    "min.cleanable.dirty.ratio",
                                    "0.01"))))
                    .all()
                    .get();
            Map<String, Long> latest = new HashMap<>();
            for (int round = 0; round < 10; round++) {
                for (int k = 0; k < 30; k++) {
                    String key = "key-" + k;
                    latest.put(
                            key,
                            producer.send(new ProducerRecord<>(topic, 0, key, round + "-" + key))
                                    .get(10, TimeUnit.SECONDS)
                                    .offset());
                }
            }
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        producer.send(new ProducerRecord<>(topic, 0, "marker", "m"))
                                .get(10, TimeUnit.SECONDS);
                        assertLatestPerKey(Clients.readToEnd(consumer, List.of(tp), Duration.ofSeconds(20)), latest);
                    });

            admin.alterPartitionReassignments(Map.of(tp, Optional.of(new NewPartitionReassignment(List.of(1)))))
                    .all()
                    .get();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(admin.listPartitionReassignments().reassignments().get())
                        .isEmpty();
                TopicDescription description = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic);
                assertThat(description.partitions().get(0).leader().id()).isEqualTo(1);
            });

            assertLatestPerKey(Clients.readToEnd(consumer, List.of(tp), Duration.ofSeconds(20)), latest);
            long next = producer.send(new ProducerRecord<>(topic, 0, "key-0", "after-the-move"))
                    .get(10, TimeUnit.SECONDS)
                    .offset();
            List<ConsumerRecord<String, String>> after =
                    Clients.readToEnd(consumer, List.of(tp), Duration.ofSeconds(20));
            assertThat(after.get(after.size() - 1).offset())
                    .as("the new leader appends after the copied log")
                    .isEqualTo(next);
            assertThat(after.get(after.size() - 1).value()).isEqualTo("after-the-move");
        }
    }

    private static void assertLatestPerKey(List<ConsumerRecord<String, String>> records, Map<String, Long> latest) {
        Map<String, List<Long>> offsets = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (!"marker".equals(record.key())) {
                offsets.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.offset());
            }
        }
        assertThat(offsets.keySet()).containsExactlyInAnyOrderElementsOf(latest.keySet());
        latest.forEach((key, offset) -> assertThat(offsets.get(key)).as(key).containsExactly(offset));
    }
}
