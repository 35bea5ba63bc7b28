package io.partita.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.local.LocalCluster;
import io.partita.broker.testing.Clients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node keeps across a clean restart, and across kill -9 of its JVM. */
@Tag("integration")
class DurabilityTest {

    @Test
    void topicsConfigsAndRecordsSurviveACleanRestart(@TempDir Path dir) throws Exception {
        LocalCluster.Settings settings = LocalCluster.Settings.of(1, dir);
        try (LocalCluster cluster = new LocalCluster(settings).start();
                Admin admin = Clients.admin(cluster.bootstrapServers());
                KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrapServers(), Map.of())) {
            Clients.createTopic(admin, "kept", 3, Map.of("retention.ms", "123456789", "cleanup.policy", "delete"));
            for (int i = 0; i < 300; i++) {
                producer.send(new ProducerRecord<>("kept", i % 3, "k" + i, "v" + i));
            }
            producer.flush();
        }
        try (LocalCluster cluster = new LocalCluster(settings).start();
                Admin admin = Clients.admin(cluster.bootstrapServers());
                KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrapServers(), Map.of())) {
            assertThat(admin.listTopics().names().get()).contains("kept");
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "kept");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("123456789");
            List<TopicPartition> partitions = List.of(
                    new TopicPartition("kept", 0), new TopicPartition("kept", 1), new TopicPartition("kept", 2));
            List<ConsumerRecord<String, String>> records =
                    Clients.readAll(consumer, partitions, 300, Duration.ofSeconds(30));
            assertThat(records).hasSize(300);
            for (ConsumerRecord<String, String> record : records) {
                int i = Integer.parseInt(record.value().substring(1));
                assertThat(record.partition()).isEqualTo(i % 3);
                assertThat(record.offset()).isEqualTo(i / 3);
                assertThat(record.key()).isEqualTo("k" + i);
            }
        }
    }

    /**
     * A node in its own JVM is killed with SIGKILL while an idempotent producer writes. After a restart every
     * acknowledged record is there exactly once, in acknowledgement order, at dense offsets: nothing torn,
     * duplicated or reordered.
     */
    @Test
    void killNineLeavesAConsistentLogWithEveryAcknowledgedRecord(@TempDir Path dir) throws Exception {
        LocalCluster.Settings settings = LocalCluster.Settings.of(1, dir).withChildJvms(true);
        try (LocalCluster cluster = new LocalCluster(settings).start()) {
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Clients.admin(bootstrap)) {
                Clients.createTopic(admin, "crash", 1, Map.of());
            }
            ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer;
            try (KafkaProducer<String, String> producer = Clients.producer(
                    bootstrap,
                    Map.of(
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                            ProducerConfig.LINGER_MS_CONFIG, 2,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
                writer = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        int n = i;
                        producer.send(new ProducerRecord<>("crash", 0, "k" + n, "v" + n), (metadata, error) -> {
                            if (error == null) {
                                acknowledged.add(n);
                            }
                        });
                        if (i % 100 == 99) {
                            producer.flush();
                        }
                    }
                    producer.flush();
                });
                writer.start();
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> acknowledged.size() > 2_000);
                cluster.killNode(0);
                int ackedBeforeKill = acknowledged.size();
                cluster.startNode(0);
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> acknowledged.size() > ackedBeforeKill + 2_000);
                stop.set(true);
                writer.join(120_000);
            }
            List<Integer> expected = new ArrayList<>(acknowledged);
            try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrapServers(), Map.of())) {
                List<ConsumerRecord<String, String>> records = Clients.readAll(
                        consumer, List.of(new TopicPartition("crash", 0)), expected.size(), Duration.ofSeconds(60));
                List<Integer> values = records.stream()
                        .map(r -> Integer.parseInt(r.value().substring(1)))
                        .toList();
                for (int i = 0; i < records.size(); i++) {
                    assertThat(records.get(i).offset()).isEqualTo(i);
                }
                assertThat(values).doesNotHaveDuplicates();
                assertThat(values).isSorted();
                assertThat(values).containsAll(expected);
            }
        }
    }
}
