package io.partita.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DeletedRecords;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
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
 * Deleted records stay deleted across a leader change. DeleteRecords is answered, as in Kafka, only once every
 * in-sync replica has moved its log start (the low watermark): killing the leader right after the answer leaves
 * a new leader whose log starts where the deleted records ended. Before, the answer came as soon as the leader
 * had moved its own log start; a follower learned of it only with its next fetch, up to half a second later, and
 * a leader killed meanwhile left the records to come back from the new one.
 */
@Tag("integration")
class DeleteRecordsReplicationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void recordsDeletedBeforeALeaderChangeNeverComeBack() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            TopicPartition tp = new TopicPartition("trimmed", 0);
            admin.createTopics(
                            List.of(new NewTopic(tp.topic(), 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all()
                    .get();
            Clients.awaitFullIsr(admin, tp.topic());
            try (KafkaProducer<String, String> producer =
                    Clients.producer(cluster.bootstrap(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>(tp.topic(), 0, "k" + i, "v" + i))
                            .get();
                }
            }
            int leader = Clients.describe(admin, tp.topic())
                    .partitions()
                    .get(0)
                    .leader()
                    .id();

            DeletedRecords deleted = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(10)))
                    .lowWatermarks()
                    .get(tp)
                    .get();
            assertThat(deleted.lowWatermark())
                    .as("the low watermark: every in-sync replica's log start")
                    .isEqualTo(10);
            cluster.cluster().killNode(leader); // at once: no fetch of the followers' may come in between

            await().atMost(DEADLINE).until(() -> {
                TopicPartitionInfo info =
                        Clients.describe(admin, tp.topic()).partitions().get(0);
                return info.leader() != null && info.leader().id() != leader;
            });
            long earliest = admin.listOffsets(Map.of(tp, OffsetSpec.earliest()))
                    .partitionResult(tp)
                    .get()
                    .offset();
            assertThat(earliest).as("the new leader's log start").isEqualTo(10);
            try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
                List<ConsumerRecord<String, String>> records = Clients.readAll(consumer, List.of(tp), 10, DEADLINE);
                assertThat(records).extracting(ConsumerRecord::offset).first().isEqualTo(10L);
                assertThat(records)
                        .extracting(ConsumerRecord::value)
                        .doesNotContain("v0", "v9")
                        .contains("v10");
            }

            cluster.cluster().startNode(leader);
            Clients.awaitFullIsr(admin, tp.topic());
            admin.electLeaders(ElectionType.PREFERRED, Set.of(tp)).all().get();
            long afterRestart = admin.listOffsets(Map.of(tp, OffsetSpec.earliest()))
                    .partitionResult(tp)
                    .get()
                    .offset();
            assertThat(afterRestart)
                    .as("log start after the old leader leads again")
                    .isEqualTo(10);
        }
    }
}
