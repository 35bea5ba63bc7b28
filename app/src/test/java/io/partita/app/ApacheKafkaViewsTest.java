package io.partita.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.BrokerColumn;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.client.core.ConnectionProfile;
import io.partita.app.client.core.SecuritySettings;
import io.partita.app.client.groups.GroupInfo;
import io.partita.app.client.groups.PartitionLag;
import io.partita.app.cluster.ClusterMapViewModel;
import io.partita.app.groups.GroupsViewModel;
import io.partita.app.testing.RealKafka;
import io.partita.app.topics.TopicsViewModel;
import io.partita.broker.testing.ApacheKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, item 5: the same views against a real Apache Kafka. The app's view models, refreshed through a gateway
 * connected over SASL (SCRAM), show Kafka's broker, a topic's partitions with leader and ISR, and a group's lag.
 */
@ExtendWith(RealKafka.class)
@Tag("integration")
class ApacheKafkaViewsTest {
    private static final String TOPIC = "views-orders";
    private static final String GROUP = "views-billing";
    private static ClusterGateway gateway;

    @BeforeAll
    static void connectAndSeed() {
        ApacheKafka kafka = RealKafka.kafka();
        gateway = new ClusterGateway(Runnable::run);
        gateway.connect(
                        ConnectionProfile.remote(
                                "",
                                kafka.saslBootstrap(),
                                SecuritySettings.sasl(
                                        SecuritySettings.Protocol.SASL_PLAINTEXT,
                                                SecuritySettings.SaslMechanism.SCRAM_SHA_256,
                                        ApacheKafka.SCRAM_USER, ApacheKafka.SCRAM_PASSWORD)),
                        null)
                .join();
        gateway.topics().createTopic(TOPIC, 3, (short) 1).join();
        Map<String, Object> client = new HashMap<>();
        client.put("bootstrap.servers", kafka.plaintextBootstrap());
        Map<String, Object> producerConfig = new HashMap<>(client);
        producerConfig.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, p, "k" + i, "v" + i));
                }
            }
            producer.flush();
        }
        Map<String, Object> consumerConfig = new HashMap<>(client);
        consumerConfig.put("group.id", GROUP);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            // Read all of partitions 0 and 1, four records of partition 2: a lag of 6.
            consumer.commitSync(Map.of(
                    new TopicPartition(TOPIC, 0),
                    new OffsetAndMetadata(10),
                    new TopicPartition(TOPIC, 1),
                    new OffsetAndMetadata(10),
                    new TopicPartition(TOPIC, 2),
                    new OffsetAndMetadata(4)));
        }
    }

    @AfterAll
    static void close() {
        gateway.close();
    }

    @Test
    void theClusterMapShowsKafkasBrokerAndTheTopicsPartitionsWithLeaderAndIsr() {
        ClusterMapViewModel map = new ClusterMapViewModel(gateway.cluster());
        map.refresh().join();
        assertThat(map.errorProperty().get()).isEmpty();
        assertThat(map.brokers())
                .containsExactly(new BrokerColumn(1, RealKafka.kafka().saslBootstrap(), null, true, true));
        List<PartitionRow> orders =
                map.partitions().stream().filter(r -> r.topic().equals(TOPIC)).toList();
        assertThat(orders).extracting(PartitionRow::partition).containsExactly(0, 1, 2);
        assertThat(orders).allSatisfy(r -> {
            assertThat(r.leader()).isEqualTo(1);
            assertThat(r.isr()).containsExactly(1);
            assertThat(r.replicas()).containsExactly(1);
        });
    }

    @Test
    void theTopicListShowsTheTopic() {
        TopicsViewModel topics = new TopicsViewModel(gateway);
        topics.refresh().join();
        assertThat(topics.errorProperty().get()).isEmpty();
        assertThat(topics.visibleTopics()).contains(new TopicInfo(TOPIC, 3, 1, 0, false));
    }

    @Test
    void theGroupsViewShowsTheGroupsLag() {
        GroupsViewModel groups = new GroupsViewModel(gateway.groups());
        await("the group's committed offsets").atMost(Duration.ofSeconds(20)).until(() -> {
            groups.refresh().join();
            return groups.groups().stream().anyMatch(g -> g.id().equals(GROUP));
        });
        GroupInfo group = groups.groups().stream()
                .filter(g -> g.id().equals(GROUP))
                .findFirst()
                .orElseThrow();
        assertThat(group.totalLag()).isEqualTo(6);
        assertThat(group.members()).isEmpty();
        assertThat(group.partitions())
                .containsExactly(
                        new PartitionLag(TOPIC, 0, 10, 10, ""),
                        new PartitionLag(TOPIC, 1, 10, 10, ""),
                        new PartitionLag(TOPIC, 2, 4, 10, ""));
    }
}
