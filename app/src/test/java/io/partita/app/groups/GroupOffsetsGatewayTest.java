package io.partita.app.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.Failures;
import io.partita.app.client.groups.GroupInfo;
import io.partita.app.client.groups.GroupMember;
import io.partita.app.client.groups.PartitionLag;
import io.partita.app.client.groups.ResetRequest;
import io.partita.app.client.groups.ResetRow;
import io.partita.app.client.groups.ResetStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's group calls against a real one-node cluster: log start and members in the group list, reset
 * previews by offset and by time, and the coordinator's refusal of a reset or deletion of a group with a live
 * member, in words a user understands.
 */
@Tag("integration")
class GroupOffsetsGatewayTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static ClusterGateway gateway;
    private static String bootstrap;
    /** Record i of topic "ledger" has timestamp BASE + i * 1000; records 0..2 have been deleted. */
    private static final long BASE = 1_700_000_000_000L;

    @BeforeAll
    static void cluster() throws Exception {
        gateway = new ClusterGateway(Runnable::run);
        gateway.startLocalCluster(1, dir.resolve("cluster"), null).get(90, TimeUnit.SECONDS);
        bootstrap = gateway.connection().bootstrapServers();
        gateway.topics().createTopic("ledger", 1, (short) 1).get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("ledger", 0, BASE + i * 1000L, "k" + i, "v" + i))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteRecords(Map.of(new TopicPartition("ledger", 0), RecordsToDelete.beforeOffset(3)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void previewsByOffsetAndTimeAndRefusesWhileAMemberIsLive() throws Exception {
        TopicPartition tp = new TopicPartition("ledger", 0);
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "auditors",
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "auditor-1",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer())) {
            member.subscribe(List.of("ledger"));
            await("assigned").atMost(DEADLINE).until(() -> {
                member.poll(Duration.ofMillis(100));
                return member.assignment().contains(tp);
            });
            member.commitSync(Map.of(tp, new OffsetAndMetadata(8)));

            GroupInfo group = gateway.groups().consumerGroups().get(30, TimeUnit.SECONDS).stream()
                    .filter(g -> g.id().equals("auditors"))
                    .findFirst()
                    .orElseThrow();
            assertThat(group.state()).isEqualTo("Stable");
            assertThat(group.members())
                    .extracting(GroupMember::clientId, GroupMember::host)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("auditor-1", "127.0.0.1"));
            String memberId = group.members().get(0).memberId();
            assertThat(group.partitions()).containsExactly(new PartitionLag("ledger", 0, 3, 8, 10, memberId));

            // The preview reads the cluster: a time maps to the first record at or after it, an offset is kept
            // within the log (3..10).
            assertThat(gateway.groups()
                            .previewOffsetReset(
                                    "auditors", new ResetRequest(ResetStrategy.TIMESTAMP, 0, BASE + 4_500, null))
                            .get(30, TimeUnit.SECONDS))
                    .containsExactly(new ResetRow("ledger", 0, 8, 5));
            assertThat(gateway.groups()
                            .previewOffsetReset(
                                    "auditors", new ResetRequest(ResetStrategy.TIMESTAMP, 0, BASE + 60_000, null))
                            .get(30, TimeUnit.SECONDS))
                    .containsExactly(new ResetRow("ledger", 0, 8, 10));
            assertThat(gateway.groups()
                            .previewOffsetReset(
                                    "auditors", new ResetRequest(ResetStrategy.SPECIFIC_OFFSET, 1, 0, "ledger"))
                            .get(30, TimeUnit.SECONDS))
                    .containsExactly(new ResetRow("ledger", 0, 8, 3));
            assertThat(gateway.groups()
                            .previewOffsetReset(
                                    "auditors", new ResetRequest(ResetStrategy.EARLIEST, 0, 0, "other-topic"))
                            .get(30, TimeUnit.SECONDS))
                    .isEmpty();

            // Applying or deleting while the member is in the group: the coordinator refuses; the message says why.
            assertThatThrownBy(() -> gateway.groups()
                            .applyOffsetReset("auditors", List.of(new ResetRow("ledger", 0, 8, 3)))
                            .get(30, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(Failures.describe(e))
                            .isEqualTo("Group auditors has active members now."
                                    + " Kafka changes a group's offsets or deletes it only while the group is Empty: stop its"
                                    + " consumers, then try again."));
            assertThatThrownBy(() ->
                            gateway.groups().deleteConsumerGroup("auditors").get(30, TimeUnit.SECONDS))
                    .satisfies(
                            e -> assertThat(Failures.describe(e)).startsWith("Group auditors has active members now."));
        }

        // Once it has left, the same reset goes through.
        gateway.groups()
                .applyOffsetReset("auditors", List.of(new ResetRow("ledger", 0, 8, 3)))
                .get(30, TimeUnit.SECONDS);
        assertThat(gateway.groups().consumerGroups().get(30, TimeUnit.SECONDS).stream()
                        .filter(g -> g.id().equals("auditors"))
                        .findFirst()
                        .orElseThrow()
                        .partitions())
                .containsExactly(new PartitionLag("ledger", 0, 3, 3, 10, ""));
    }
}
