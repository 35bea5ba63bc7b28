package io.partita.broker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node whose data does not open cannot start, and says which directory; started empty instead, it copies its
 * partitions back from the other replicas and rejoins every ISR, with nothing lost.
 */
@Tag("integration")
class StartNodeEmptyTest {
    @Test
    void aNodeWhoseDataDoesNotOpenStartsEmptyAndReplicatesBack() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic("kept", 2, (short) 3)))
                    .all()
                    .get();
            Clients.awaitFullIsr(admin, "kept");
            try (KafkaProducer<String, String> producer =
                    Clients.producer(cluster.bootstrap(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("kept", i % 2, null, "v" + i))
                            .get();
                }
            }
            LocalCluster local = cluster.cluster();
            local.stopNode(2);
            Path data = local.nodeDirectory(2).resolve("data");
            Files.write(
                    data.resolve("data.mdb"),
                    "scribbled over by a failing disk".repeat(1000).getBytes());

            assertThatThrownBy(() -> local.startNode(2))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("The log store in " + data.toAbsolutePath() + " cannot be opened");
            Path aside = local.startNodeEmpty(2);

            assertThat(aside.resolve("data.mdb")).exists();
            Clients.awaitFullIsr(admin, "kept");
            local.stopNode(0);
            local.stopNode(1); // only the node that started empty is left to read from
            try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
                List<ConsumerRecord<String, String>> records = Clients.readAll(
                        consumer,
                        List.of(new TopicPartition("kept", 0), new TopicPartition("kept", 1)),
                        100,
                        Duration.ofSeconds(60));
                assertThat(records).hasSize(100);
            }
        }
    }

    @Test
    void aClusterStartedAgainWithOneNodesDataUnreadableStartsWithoutItUntilItStartsEmpty() throws Exception {
        Path dir = Files.createTempDirectory("partita-unreadable-");
        LocalCluster.Settings settings = LocalCluster.Settings.of(3, dir);
        try (LocalCluster first = new LocalCluster(settings).start();
                Admin admin = Clients.admin(first.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 3)))
                    .all()
                    .get();
            Clients.awaitFullIsr(admin, "kept");
            try (KafkaProducer<String, String> producer =
                    Clients.producer(first.bootstrapServers(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>("kept", 0, null, "v" + i))
                            .get();
                }
            }
        }
        Path data = dir.resolve("node-1").resolve("data");
        Files.write(
                data.resolve("data.mdb"),
                "scribbled over by a failing disk".repeat(1000).getBytes());

        try (LocalCluster again = new LocalCluster(settings).start();
                Admin admin = Clients.admin(again.bootstrapServers())) {
            assertThat(again.node(1).isRunning()).isFalse();
            assertThat(again.node(0).isRunning()).isTrue();
            assertThat(again.node(2).isRunning()).isTrue();
            assertThat(again.unreadableNodes()).containsOnlyKeys(1);
            assertThat(again.unreadableNodes().get(1)).startsWith("The log store in " + data.toAbsolutePath());

            again.startNodeEmpty(1);
            assertThat(again.unreadableNodes()).isEmpty();
            Clients.awaitFullIsr(admin, "kept");
            try (KafkaConsumer<String, String> consumer = Clients.consumer(again.bootstrapServers(), Map.of())) {
                assertThat(Clients.readAll(
                                consumer, List.of(new TopicPartition("kept", 0)), 50, Duration.ofSeconds(60)))
                        .hasSize(50);
            }
        }
    }
}
