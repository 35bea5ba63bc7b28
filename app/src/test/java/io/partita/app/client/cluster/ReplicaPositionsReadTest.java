package io.partita.app.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map's replica positions on a real local cluster of three: every replica's log end offset, read from its own
 * broker, with the leader's high watermark and log start; a stopped follower's position is unknown, and after
 * its start it catches up to its leader.
 */
@Tag("integration")
class ReplicaPositionsReadTest {
    @TempDir
    Path dir;

    @Test
    void everyReplicasLogEndTheHighWatermarkAndAFollowerCatchingUp() throws Exception {
        ClusterGateway gateway = new ClusterGateway(Runnable::run);
        try {
            Connection connection = gateway.startLocalCluster(3, dir, null).get(2, TimeUnit.MINUTES);
            String bootstrap = connection.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("positions", 1, (short) 3)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            produce(bootstrap, 10);
            PartitionRow row = awaitRow(
                    gateway,
                    r -> r.positions().highWatermark() == 10
                            && r.replicas().stream()
                                    .allMatch(b -> r.positions().logEnd(b).equals(OptionalLong.of(10))));
            assertThat(row.positions().logStart()).isZero();
            int follower = row.replicas().stream()
                    .filter(b -> b != row.leader())
                    .findFirst()
                    .orElseThrow();
            assertThat(row.positions().behind(follower, row.leader())).hasValue(0);

            gateway.cluster().stopNode(follower).get(1, TimeUnit.MINUTES);
            produce(bootstrap, 5);
            PartitionRow stopped =
                    awaitRow(gateway, r -> r.positions().logEnd(r.leader()).equals(OptionalLong.of(15)));
            assertThat(stopped.positions().logEnd(follower))
                    .as("the stopped follower")
                    .isEmpty();

            gateway.cluster().startNode(follower).get(1, TimeUnit.MINUTES);
            PartitionRow back =
                    awaitRow(gateway, r -> r.positions().logEnd(follower).equals(OptionalLong.of(15)));
            assertThat(back.positions().behind(follower, back.leader())).hasValue(0);
        } finally {
            gateway.close();
        }
    }

    private static PartitionRow awaitRow(ClusterGateway gateway, Predicate<PartitionRow> done) {
        PartitionRow[] found = new PartitionRow[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ClusterMap map = gateway.cluster()
                            .snapshot(true)
                            .get(30, TimeUnit.SECONDS)
                            .map();
                    found[0] = map.rows().stream()
                            .filter(r -> r.topic().equals("positions"))
                            .findFirst()
                            .orElse(null);
                    return found[0] != null && found[0].hasLeader() && done.test(found[0]);
                });
        return found[0];
    }

    private static void produce(String bootstrap, int records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "1"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("positions", 0, null, "record " + i));
            }
            producer.flush();
        }
    }
}
