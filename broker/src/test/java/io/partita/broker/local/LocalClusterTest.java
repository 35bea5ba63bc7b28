package io.partita.broker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.cluster.ZkPaths;
import io.partita.broker.testing.Clients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalCluster's own promises: a directory per cluster, nodes that stop, restart and join, and a session hook. */
@Tag("integration")
class LocalClusterTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void aWholeClusterComesBackFromItsDirectory(@TempDir Path dir) throws Exception {
        LocalCluster.Settings settings = LocalCluster.Settings.of(3, dir);
        try (LocalCluster cluster = new LocalCluster(settings).start();
                Admin admin = Clients.admin(cluster.bootstrapServers());
                KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrapServers(), Map.of())) {
            // Six single-replica partitions over three nodes: every node's data directory holds some of them.
            Clients.createTopic(admin, "kept", 6, Map.of());
            // And every record on all three nodes.
            Clients.createTopic(admin, "replicated", 2, 3, Map.of("min.insync.replicas", "2"));
            for (int i = 0; i < 600; i++) {
                producer.send(new ProducerRecord<>("kept", i % 6, "k" + i, "v" + i));
                producer.send(new ProducerRecord<>("replicated", i % 2, "k" + i, "v" + i));
            }
            producer.flush();
        }
        assertThat(IntStream.range(0, 3).mapToObj(id -> dir.resolve("node-" + id)))
                .allMatch(p -> p.toFile().isDirectory());

        try (LocalCluster cluster = new LocalCluster(settings).start();
                Admin admin = Clients.admin(cluster.bootstrapServers());
                KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrapServers(), Map.of())) {
            assertThat(admin.describeCluster().nodes().get())
                    .extracting(Node::id)
                    .containsExactlyInAnyOrder(0, 1, 2);
            assertThat(admin.listTopics().names().get()).contains("kept");
            List<TopicPartition> partitions = IntStream.range(0, 6)
                    .mapToObj(p -> new TopicPartition("kept", p))
                    .toList();
            assertInPlace(Clients.readAll(consumer, partitions, 600, DEADLINE), 6);
            assertInPlace(
                    Clients.readAll(
                            consumer,
                            List.of(new TopicPartition("replicated", 0), new TopicPartition("replicated", 1)),
                            600,
                            DEADLINE),
                    2);
            assertThat(admin.describeTopics(List.of("replicated"))
                            .allTopicNames()
                            .get()
                            .get("replicated")
                            .partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        }
    }

    /** Record "v<i>" of a topic written round-robin over {@code partitions}: all 600 back, each where it was. */
    private static void assertInPlace(List<ConsumerRecord<String, String>> records, int partitions) {
        assertThat(records).hasSize(600);
        for (ConsumerRecord<String, String> record : records) {
            int i = Integer.parseInt(record.value().substring(1));
            assertThat(record.partition()).isEqualTo(i % partitions);
            assertThat(record.offset()).isEqualTo(i / partitions);
        }
    }

    @Test
    void nodesStopRestartAndJoinWithTheirIdPortAndData(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(LocalCluster.Settings.of(3, dir)).start();
                Admin admin = Clients.admin(cluster.bootstrapServers())) {
            Clients.createTopic(admin, "moving", 3, Map.of());
            int port = cluster.node(1).port();
            try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrapServers(), Map.of())) {
                for (int p = 0; p < 3; p++) {
                    producer.send(new ProducerRecord<>("moving", p, "k", "before-" + p))
                            .get();
                }
            }

            cluster.stopNode(1);
            assertThat(cluster.node(1).isRunning()).isFalse();
            await("node 1 leaves").atMost(DEADLINE).until(() -> nodeIds(admin).equals(List.of(0, 2)));

            cluster.startNode(1);
            cluster.restartNode(2);
            assertThat(cluster.node(1).port()).isEqualTo(port);
            await("nodes 1 and 2 are back")
                    .atMost(DEADLINE)
                    .until(() -> nodeIds(admin).equals(List.of(0, 1, 2)));

            LocalNode added = cluster.addNode();
            assertThat(added.id()).isEqualTo(3);
            assertThat(cluster.nodeDirectory(3)).isDirectory();
            await("node 3 joins").atMost(DEADLINE).until(() -> nodeIds(admin).equals(List.of(0, 1, 2, 3)));

            // Every partition, wherever it lives, still holds what was written before the restarts.
            try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrapServers(), Map.of())) {
                List<TopicPartition> partitions = IntStream.range(0, 3)
                        .mapToObj(p -> new TopicPartition("moving", p))
                        .toList();
                assertThat(Clients.readAll(consumer, partitions, 3, DEADLINE))
                        .extracting(ConsumerRecord::value)
                        .containsExactlyInAnyOrder("before-0", "before-1", "before-2");
            }
        }
    }

    @Test
    void aNodeWhoseSessionExpiredRegistersAgainAndServes(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(LocalCluster.Settings.of(3, dir)).start();
                Admin admin = Clients.admin(cluster.bootstrapServers());
                CuratorFramework zk =
                        CuratorFrameworkFactory.newClient(cluster.zookeeperConnect(), new RetryOneTime(100))) {
            zk.start();
            Clients.createTopic(admin, "before-expiry", 3, 3, Map.of("min.insync.replicas", "2"));
            awaitFullIsr(admin, "before-expiry");
            int controller = admin.describeCluster().controller().get().id();
            long session = zk.checkExists().forPath(ZkPaths.broker(controller)).getEphemeralOwner();

            cluster.expireSession(controller);

            await("node " + controller + " registers under a new session")
                    .atMost(DEADLINE)
                    .ignoreExceptions()
                    .until(() ->
                            zk.checkExists().forPath(ZkPaths.broker(controller)).getEphemeralOwner() != session);
            await("all three nodes and a controller")
                    .atMost(DEADLINE)
                    .ignoreExceptions()
                    .until(() -> nodeIds(admin).equals(List.of(0, 1, 2))
                            && admin.describeCluster().controller().get() != null
                            && !admin.describeCluster().controller().get().isEmpty());
            // The renewed node follows again: every replica back in sync, acks=all writes go through.
            awaitFullIsr(admin, "before-expiry");
            // A topic made afterwards has a partition on every node, the renewed one included, and all serve.
            Clients.createTopic(admin, "after-expiry", 3, Map.of());
            try (KafkaProducer<String, String> producer =
                    Clients.producer(cluster.bootstrapServers(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
                for (int p = 0; p < 3; p++) {
                    assertThat(producer.send(new ProducerRecord<>("after-expiry", p, "k", "v"))
                                    .get()
                                    .offset())
                            .isZero();
                    assertThat(producer.send(new ProducerRecord<>("before-expiry", p, "k", "v"))
                                    .get()
                                    .offset())
                            .isZero();
                }
            }
        }
    }

    private static void awaitFullIsr(Admin admin, String topic) {
        await("every replica of " + topic + " in sync")
                .atMost(DEADLINE)
                .ignoreExceptions()
                .until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .allMatch(p -> p.leader() != null
                                && p.isr().size() == p.replicas().size()));
    }

    private static List<Integer> nodeIds(Admin admin) throws Exception {
        return admin.describeCluster().nodes().get().stream()
                .map(Node::id)
                .sorted()
                .toList();
    }
}
