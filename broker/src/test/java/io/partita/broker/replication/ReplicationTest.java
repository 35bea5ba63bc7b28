package io.partita.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.partita.broker.server.BrokerNode;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replication between in-process nodes, judged by the Kafka client and by looking into each node's log:
 * every replica holds the same records at the same offsets, acks=all means the ISR has them, a shorter ISR
 * than min.insync.replicas refuses acks=all writes, and a follower that diverged truncates to its leader.
 */
@Tag("integration")
class ReplicationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void everyReplicaHoldsTheSameRecordsAndLeadersSpreadOverAllNodes() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(
                            new NewTopic("replicated", 6, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all()
                    .get();
            Clients.awaitFullIsr(admin, "replicated");
            TopicDescription description = Clients.describe(admin, "replicated");
            assertThat(description.partitions())
                    .extracting(p -> p.leader().id())
                    .contains(0, 1, 2);
            assertThat(description.partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));

            try (KafkaProducer<String, String> producer =
                    Clients.producer(cluster.bootstrap(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
                for (int i = 0; i < 600; i++) {
                    producer.send(new ProducerRecord<>("replicated", i % 6, "k" + i, "v" + i))
                            .get();
                }
            }
            for (int p = 0; p < 6; p++) {
                TopicPartition tp = new TopicPartition("replicated", p);
                // acks=all answered: every in-sync replica has the records, so all three logs end at 100.
                for (int node = 0; node < 3; node++) {
                    assertThat(broker(cluster, node)
                                    .replicaManager()
                                    .partition(tp)
                                    .orElseThrow()
                                    .log()
                                    .logEndOffset())
                            .as("log end of %s on node %d", tp, node)
                            .isEqualTo(100);
                }
                List<String> leaderValues = values(broker(cluster, 0), tp);
                assertThat(values(broker(cluster, 1), tp)).isEqualTo(leaderValues);
                assertThat(values(broker(cluster, 2), tp))
                        .isEqualTo(leaderValues)
                        .hasSize(100);
            }
            try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
                List<TopicPartition> all = IntStream.range(0, 6)
                        .mapToObj(p -> new TopicPartition("replicated", p))
                        .toList();
                assertThat(Clients.readAll(consumer, all, 600, DEADLINE)).hasSize(600);
            }
        }
    }

    @Test
    void withTwoOfThreeNodesDownAcksAllGetsNotEnoughReplicasAndCommittedDataStaysReadable() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(
                            List.of(new NewTopic("guarded", 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all()
                    .get();
            Clients.awaitFullIsr(admin, "guarded");
            int leader = Clients.describe(admin, "guarded")
                    .partitions()
                    .get(0)
                    .leader()
                    .id();
            try (KafkaProducer<String, String> producer =
                    Clients.producer(cluster.bootstrap(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>("guarded", "k" + i, "committed-" + i))
                            .get();
                }
            }
            for (int node = 0; node < 3; node++) {
                if (node != leader) {
                    cluster.cluster().killNode(node);
                }
            }
            await().atMost(DEADLINE)
                    .until(() -> Clients.describe(admin, "guarded")
                                    .partitions()
                                    .get(0)
                                    .isr()
                                    .size()
                            == 1);

            try (KafkaProducer<String, String> producer = Clients.producer(
                    cluster.bootstrap(),
                    Map.of(
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.RETRIES_CONFIG,
                            0,
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            false))) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("guarded", "k", "refused"))
                                .get())
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(NotEnoughReplicasException.class);
            }
            try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
                List<ConsumerRecord<String, String>> records =
                        Clients.readAll(consumer, List.of(new TopicPartition("guarded", 0)), 20, DEADLINE);
                assertThat(records)
                        .extracting(ConsumerRecord::value)
                        .containsExactlyElementsOf(IntStream.range(0, 20)
                                .mapToObj(i -> "committed-" + i)
                                .toList());
            }
        }
    }

    /** DeleteRecords at the leader moves every replica's log start, so a later leader does not bring them back. */
    @Test
    void followersFollowTheLeadersLogStart() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic("trimmed", 1, (short) 3)))
                    .all()
                    .get();
            Clients.awaitFullIsr(admin, "trimmed");
            produce(cluster.bootstrap(), "trimmed", "v", 20, "all");
            TopicPartition tp = new TopicPartition("trimmed", 0);
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(10)))
                    .all()
                    .get();
            produce(cluster.bootstrap(), "trimmed", "w", 1, "all");
            for (int node = 0; node < 3; node++) {
                int id = node;
                await().atMost(DEADLINE)
                        .until(() -> broker(cluster, id)
                                        .replicaManager()
                                        .partition(tp)
                                        .orElseThrow()
                                        .log()
                                        .logStartOffset()
                                == 10);
            }
        }
    }

    /**
     * A leader whose ZooKeeper session expires has lost its registration: the controller gives its partitions
     * to other in-sync replicas, and the node, once it has a new session, follows them and rejoins the ISR.
     */
    @Test
    void aLeaderWhoseSessionExpiresStopsLeadingAndRejoins() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic("expiring", 3, (short) 3)))
                    .all()
                    .get();
            Clients.awaitFullIsr(admin, "expiring");
            produce(cluster.bootstrap(), "expiring", "before-", 10, "all");
            int victim = Clients.describe(admin, "expiring")
                    .partitions()
                    .get(0)
                    .leader()
                    .id();
            TopicPartition tp = new TopicPartition("expiring", 0);

            cluster.cluster().expireSession(victim);

            await().atMost(DEADLINE).until(() -> {
                TopicPartitionInfo info =
                        Clients.describe(admin, "expiring").partitions().get(0);
                return info.leader() != null && info.leader().id() != victim;
            });
            await().atMost(DEADLINE)
                    .until(() -> !broker(cluster, victim)
                            .replicaManager()
                            .partition(tp)
                            .orElseThrow()
                            .isLeader());
            Clients.awaitFullIsr(admin, "expiring");
            produce(cluster.bootstrap(), "expiring", "after-", 10, "all");
            List<String> expected = new ArrayList<>();
            IntStream.range(0, 10).forEach(i -> expected.add("before-" + i));
            IntStream.range(0, 10).forEach(i -> expected.add("after-" + i));
            await().atMost(DEADLINE)
                    .untilAsserted(() ->
                            assertThat(values(broker(cluster, victim), tp)).isEqualTo(expected));
        }
    }

    /**
     * A leader that wrote records no follower copied, replaced through an unclean election by a follower that
     * missed them, must drop those records when it comes back as a follower, and copy the new leader's.
     */
    @Test
    void aDivergedFollowerTruncatesToItsNewLeader() throws Exception {
        try (TestCluster cluster = TestCluster.start(2, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic("diverge", Map.of(0, List.of(0, 1)))))
                    .all()
                    .get();
            Clients.awaitFullIsr(admin, "diverge");
            TopicPartition tp = new TopicPartition("diverge", 0);
            produce(cluster.bootstrap(), "diverge", "shared-", 10, "all");

            cluster.cluster().killNode(1);
            await().atMost(DEADLINE)
                    .until(() -> Clients.describe(admin, "diverge")
                            .partitions()
                            .get(0)
                            .isr()
                            .equals(List.of(Clients.describe(admin, "diverge")
                                    .partitions()
                                    .get(0)
                                    .leader())));
            produce(cluster.cluster().bootstrapServers(), "diverge", "lost-", 5, "1");
            assertThat(broker(cluster, 0)
                            .replicaManager()
                            .partition(tp)
                            .orElseThrow()
                            .log()
                            .logEndOffset())
                    .isEqualTo(15);

            cluster.cluster().killNode(0);
            cluster.cluster().startNode(1);
            await().atMost(DEADLINE).until(() -> {
                TopicPartitionInfo info =
                        Clients.describe(admin, "diverge").partitions().get(0);
                return info.leader() == null;
            });
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, "diverge"),
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("unclean.leader.election.enable", "true"),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
            await().atMost(DEADLINE).until(() -> {
                TopicPartitionInfo info =
                        Clients.describe(admin, "diverge").partitions().get(0);
                return info.leader() != null && info.leader().id() == 1;
            });
            produce(cluster.cluster().bootstrapServers(), "diverge", "new-", 3, "1");

            cluster.cluster().startNode(0);
            await().atMost(DEADLINE)
                    .until(() -> Clients.describe(admin, "diverge")
                                    .partitions()
                                    .get(0)
                                    .isr()
                                    .size()
                            == 2);
            List<String> expected = new ArrayList<>();
            IntStream.range(0, 10).forEach(i -> expected.add("shared-" + i));
            IntStream.range(0, 3).forEach(i -> expected.add("new-" + i));
            await().atMost(DEADLINE)
                    .untilAsserted(
                            () -> assertThat(values(broker(cluster, 0), tp)).isEqualTo(expected));
            assertThat(values(broker(cluster, 1), tp)).isEqualTo(expected);
        }
    }

    private static void produce(String bootstrap, String topic, String prefix, int count, String acks)
            throws Exception {
        try (KafkaProducer<String, String> producer = Clients.producer(
                bootstrap,
                Map.of(
                        ProducerConfig.ACKS_CONFIG,
                        acks,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        acks.equals("all")))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k" + i, prefix + i))
                        .get();
            }
        }
    }

    private static BrokerNode broker(TestCluster cluster, int id) {
        return cluster.cluster().broker(id).orElseThrow();
    }

    /** The values in a node's local copy of a partition, read straight from its log. */
    private static List<String> values(BrokerNode node, TopicPartition tp) {
        var log = node.replicaManager().partition(tp).orElseThrow().log();
        List<String> values = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            MemoryRecords records =
                    log.read(offset, 1 << 20, Long.MAX_VALUE, true).records();
            for (RecordBatch batch : records.batches()) {
                for (Record record : batch) {
                    if (record.offset() >= offset) {
                        byte[] bytes = new byte[record.valueSize()];
                        record.value().get(bytes);
                        values.add(new String(bytes, StandardCharsets.UTF_8));
                    }
                }
                offset = batch.lastOffset() + 1;
            }
        }
        return values;
    }
}
