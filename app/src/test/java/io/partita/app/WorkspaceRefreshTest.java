package io.partita.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.client.core.Connection;
import io.partita.app.client.topics.TopicStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace's periodic refresh on a real one-node cluster: one metadata read fills the brokers, the map and
 * the topic list; the topics' sizes and record counts are read only while the topic list is on screen.
 */
@Tag("integration")
class WorkspaceRefreshTest {
    @TempDir
    static Path dir;

    private static ClusterGateway gateway;
    private static Connection connection;

    @BeforeAll
    static void aClusterWithATopicOfThreeRecords() throws Exception {
        gateway = new ClusterGateway(Runnable::run);
        connection = gateway.startLocalCluster(1, dir, null).get(2, TimeUnit.MINUTES);
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("orders", i % 2, "k" + i, "v" + i))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void oneReadFillsEveryViewAndTheFiguresWaitForTheTopicList() throws Exception {
        WorkspaceViewModel workspace = new WorkspaceViewModel(gateway, connection);
        workspace.selectedTabProperty().set("map");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            workspace.refresh().get(30, TimeUnit.SECONDS);
            return workspace.map().partitions().stream()
                            .filter(r -> r.topic().equals("orders"))
                            .allMatch(r -> r.leader() != PartitionRow.NO_LEADER)
                    && workspace.map().partitions().size() == 2;
        });
        assertThat(workspace.problemProperty().get()).isEmpty();
        assertThat(workspace.brokers().brokers()).hasSize(1);
        assertThat(workspace.topics().allTopics()).extracting(TopicInfo::name).contains("orders");
        assertThat(workspace.topics().stats("orders"))
                .as("not read while the map shows")
                .isEqualTo(TopicStats.NONE);

        workspace.selectedTabProperty().set("topics");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> workspace.topics().stats("orders").records() == 3);
        assertThat(workspace.topics().stats("orders").sizeBytes()).isPositive();
    }

    @Test
    void aRefreshThatFailsSaysSoInEveryViewThatShowsTheMetadata() throws Exception {
        ClusterGateway notConnected = new ClusterGateway(Runnable::run);
        try {
            WorkspaceViewModel workspace = new WorkspaceViewModel(notConnected, connection);
            workspace.refresh().get(30, TimeUnit.SECONDS);
            assertThat(workspace.brokers().errorProperty().get()).contains("Not connected");
            assertThat(workspace.map().errorProperty().get()).contains("Not connected");
            assertThat(workspace.topics().errorProperty().get()).contains("Not connected");
            assertThat(workspace.problemProperty().get()).isNotEmpty();
        } finally {
            notConnected.close();
        }
    }
}
