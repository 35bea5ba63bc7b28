package io.partita.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Committed offsets are replicated like any record: after kill -9 of the coordinator's node, the new leader of
 * the group's __consumer_offsets partition loads them and the group resumes exactly where it committed.
 */
@Tag("integration")
class CoordinatorFailoverTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final int RECORDS = 600;

    @Test
    void aGroupResumesFromItsCommitsAfterKillNineOfTheCoordinator() throws Exception {
        try (TestCluster cluster = TestCluster.startChildJvms(3, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            String topic = "failover-commits";
            Clients.createTopic(admin, topic, 6, 3, Map.of("min.insync.replicas", "2"));
            try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
                }
                producer.flush();
            }

            Map<TopicPartition, OffsetAndMetadata> committed;
            try (KafkaConsumer<String, String> first = Clients.consumer(
                    cluster.bootstrap(),
                    Map.of(ConsumerConfig.GROUP_ID_CONFIG, "g-failover", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20))) {
                first.subscribe(List.of(topic));
                int consumed = 0;
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (consumed < RECORDS / 2) {
                    assertThat(System.nanoTime())
                            .as("consumed %d in time", consumed)
                            .isLessThan(deadline);
                    consumed += first.poll(Duration.ofMillis(200)).count();
                    first.commitSync();
                }
                committed = new HashMap<>(first.committed(first.assignment()));
                committed.values().removeIf(Objects::isNull);
            }
            long committedTotal = committed.values().stream()
                    .mapToLong(OffsetAndMetadata::offset)
                    .sum();
            assertThat(committedTotal).isBetween((long) RECORDS / 2, (long) RECORDS - 1);

            // The offsets topic is internal, replicated three ways and compacted.
            TopicDescription offsets = admin.describeTopics(List.of(OffsetsTopic.NAME))
                    .allTopicNames()
                    .get()
                    .get(OffsetsTopic.NAME);
            assertThat(offsets.isInternal()).isTrue();
            assertThat(offsets.partitions()).hasSize(50);
            assertThat(offsets.partitions().get(0).replicas()).hasSize(3);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, OffsetsTopic.NAME);
            assertThat(admin.describeConfigs(List.of(resource))
                            .all()
                            .get()
                            .get(resource)
                            .get("cleanup.policy")
                            .value())
                    .isEqualTo("compact");

            int coordinator = admin.describeConsumerGroups(List.of("g-failover"))
                    .all()
                    .get()
                    .get("g-failover")
                    .coordinator()
                    .id();
            cluster.cluster().killNode(coordinator);

            try (KafkaConsumer<String, String> second =
                    Clients.consumer(cluster.bootstrap(), Map.of(ConsumerConfig.GROUP_ID_CONFIG, "g-failover"))) {
                second.subscribe(List.of(topic));
                Map<TopicPartition, Long> firstOffsets = new HashMap<>();
                Map<TopicPartition, Integer> counts = new HashMap<>();
                long expected = RECORDS - committedTotal;
                await().atMost(DEADLINE).until(() -> {
                    for (ConsumerRecord<String, String> r : second.poll(Duration.ofMillis(200))) {
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        firstOffsets.putIfAbsent(tp, r.offset());
                        counts.merge(tp, 1, Integer::sum);
                    }
                    return counts.values().stream()
                                    .mapToLong(Integer::longValue)
                                    .sum()
                            >= expected;
                });
                // Nothing skipped, nothing read twice: each partition resumes at exactly its committed offset.
                firstOffsets.forEach((tp, offset) -> assertThat(offset)
                        .as("first offset of %s", tp)
                        .isEqualTo(committed.containsKey(tp) ? committed.get(tp).offset() : 0L));
                assertThat(counts.values().stream()
                                .mapToLong(Integer::longValue)
                                .sum())
                        .isEqualTo(expected);
                Set<Integer> coordinators = Set.of(admin.describeConsumerGroups(List.of("g-failover"))
                        .all()
                        .get()
                        .get("g-failover")
                        .coordinator()
                        .id());
                assertThat(coordinators).doesNotContain(coordinator);
            }
        }
    }

    @Test
    void whenTheCoordinatorsZooKeeperSessionExpiresTheGroupMovesAndKeepsItsOffsets() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            String topic = "failover-session";
            Clients.createTopic(admin, topic, 2, 3, Map.of());
            try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, i % 2, "k", "before-" + i));
                }
            }
            try (GroupConsumer member = new GroupConsumer(cluster.bootstrap(), "g-session", topic, Map.of())) {
                await().atMost(DEADLINE).until(() -> member.records.size() == 10);
                member.requestCommit();
                await().atMost(DEADLINE).until(member::committed);
                int coordinator = admin.describeConsumerGroups(List.of("g-session"))
                        .all()
                        .get()
                        .get("g-session")
                        .coordinator()
                        .id();

                cluster.cluster().expireSession(coordinator);

                try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
                    for (int i = 0; i < 10; i++) {
                        producer.send(new ProducerRecord<>(topic, i % 2, "k", "after-" + i));
                    }
                }
                await().atMost(DEADLINE).until(() -> member.records.size() >= 20);
                member.requestCommit();
                await().atMost(DEADLINE).until(member::committed);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("g-session")
                        .partitionsToOffsetAndMetadata()
                        .get();
                assertThat(committed.get(new TopicPartition(topic, 0)).offset()).isEqualTo(10);
                assertThat(committed.get(new TopicPartition(topic, 1)).offset()).isEqualTo(10);
                assertThat(member.owned()).hasSize(2);
            }
        }
    }
}
