package io.partita.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first acceptance scenario of the replicated cluster, with nodes as child JVMs: kill -9 a leader while a
 * producer and a consumer run, see a new leader from the ISR take over and both carry on, restart the node
 * and see it catch up and rejoin the ISR, a preferred election give it back its leaderships, with every
 * acknowledged record there once, in order.
 */
@Tag("integration")
class FailoverTest {
    private static final String TOPIC = "orders";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void aKilledLeaderIsReplacedFromTheIsrAndRejoinsAfterRestart() throws Exception {
        try (TestCluster cluster = TestCluster.startChildJvms(3, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all()
                    .get();
            Clients.awaitFullIsr(admin, TOPIC);
            assertThat(Clients.describe(admin, TOPIC).partitions())
                    .extracting(p -> p.leader().id())
                    .contains(0, 1, 2);

            Map<Integer, List<String>> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger acks = new AtomicInteger();
            AtomicBoolean producing = new AtomicBoolean(true);
            Thread producer = new Thread(() -> produce(cluster.bootstrap(), producing, acknowledged, acks));
            producer.start();
            List<ConsumerRecord<String, String>> consumed = new CopyOnWriteArrayList<>();
            AtomicBoolean consuming = new AtomicBoolean(true);
            Thread consumer = new Thread(() -> consume(cluster.bootstrap(), consuming, consumed));
            consumer.start();
            try {
                await().atMost(DEADLINE).until(() -> acks.get() >= 300);

                TopicPartitionInfo before =
                        Clients.describe(admin, TOPIC).partitions().get(0);
                int victim = before.leader().id();
                cluster.cluster().killNode(victim);
                await().atMost(DEADLINE).until(() -> {
                    TopicPartitionInfo now =
                            Clients.describe(admin, TOPIC).partitions().get(0);
                    return now.leader() != null && now.leader().id() != victim;
                });
                TopicPartitionInfo after =
                        Clients.describe(admin, TOPIC).partitions().get(0);
                assertThat(before.isr()).contains(after.leader());
                await().atMost(DEADLINE)
                        .until(() -> Clients.describe(admin, TOPIC).partitions().stream()
                                .allMatch(p -> p.leader() != null
                                        && p.leader().id() != victim
                                        && !p.isr().contains(before.leader())));

                int acksAfterKill = acks.get();
                await("the producer carries on").atMost(DEADLINE).until(() -> acks.get() >= acksAfterKill + 300);

                cluster.cluster().startNode(victim);
                Clients.awaitFullIsr(admin, TOPIC);
                // The returned node leads nothing until a preferred election gives it back its partitions.
                admin.electLeaders(ElectionType.PREFERRED, null).all().get();
                await().atMost(DEADLINE)
                        .until(() -> Clients.describe(admin, TOPIC).partitions().stream()
                                .allMatch(p -> p.leader() != null
                                        && p.leader().id()
                                                == p.replicas().get(0).id()));
                assertThat(Clients.describe(admin, TOPIC).partitions())
                        .extracting(p -> p.leader().id())
                        .contains(0, 1, 2);
                int acksAfterRestart = acks.get();
                await().atMost(DEADLINE).until(() -> acks.get() >= acksAfterRestart + 100);
            } finally {
                producing.set(false);
                producer.join();
            }
            int total = acknowledged.values().stream().mapToInt(List::size).sum();
            assertThat(total).isEqualTo(acks.get());
            await("the consumer carries on").atMost(DEADLINE).until(() -> consumed.size() >= total);
            consuming.set(false);
            consumer.join();

            for (int p = 0; p < 6; p++) {
                int partition = p;
                List<String> read = consumed.stream()
                        .filter(r -> r.partition() == partition)
                        .map(ConsumerRecord::value)
                        .toList();
                assertThat(read)
                        .as("partition %d as consumed", p)
                        .containsExactlyElementsOf(acknowledged.getOrDefault(p, List.of()));
            }
            try (KafkaConsumer<String, String> fresh =
                    Clients.consumer(cluster.cluster().bootstrapServers(), Map.of())) {
                List<TopicPartition> all = IntStream.range(0, 6)
                        .mapToObj(p -> new TopicPartition(TOPIC, p))
                        .toList();
                assertThat(Clients.readAll(fresh, all, total, DEADLINE)).hasSize(total);
            }
            TopicDescription end = Clients.describe(admin, TOPIC);
            assertThat(end.partitions()).allSatisfy(p -> assertThat(p.isr()).hasSize(3));
        }
    }

    /** An idempotent acks=all producer that records, per partition, what was acknowledged, in order. */
    private static void produce(
            String bootstrap, AtomicBoolean running, Map<Integer, List<String>> acknowledged, AtomicInteger acks) {
        try (KafkaProducer<String, String> producer = Clients.producer(
                bootstrap,
                Map.of(
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        120_000,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5))) {
            int i = 0;
            while (running.get()) {
                String value = "v" + i;
                int partition = i % 6;
                producer.send(new ProducerRecord<>(TOPIC, partition, "k" + i, value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged
                                .computeIfAbsent(metadata.partition(), k -> new ArrayList<>())
                                .add(value);
                        acks.incrementAndGet();
                    }
                });
                i++;
                if (i % 50 == 0) {
                    producer.flush();
                }
            }
            producer.flush();
        }
    }

    private static void consume(String bootstrap, AtomicBoolean running, List<ConsumerRecord<String, String>> into) {
        try (KafkaConsumer<String, String> consumer = Clients.consumer(bootstrap, Map.of())) {
            List<TopicPartition> all = IntStream.range(0, 6)
                    .mapToObj(p -> new TopicPartition(TOPIC, p))
                    .toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            while (running.get()) {
                consumer.poll(Duration.ofMillis(200)).forEach(into::add);
            }
        }
    }
}
