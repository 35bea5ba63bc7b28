package io.partita.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Several nodes with unreplicated partitions: spread over the nodes, each served by its own leader. */
@Tag("integration")
class MultiNodeTest {

    @Test
    void partitionsSpreadOverNodes() throws Exception {
        try (TestCluster cluster = TestCluster.start(2, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(2);
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("too-many", 2, (short) 3)))
                            .all()
                            .get())
                    .hasCauseInstanceOf(InvalidReplicationFactorException.class);

            Clients.createTopic(admin, "spread", 4, Map.of());
            TopicDescription description = admin.describeTopics(List.of("spread"))
                    .allTopicNames()
                    .get()
                    .get("spread");
            assertThat(description.partitions())
                    .extracting(p -> p.leader().id())
                    .containsOnly(0, 1)
                    .contains(0)
                    .contains(1);

            List<TopicPartition> partitions = new ArrayList<>();
            try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
                for (int p = 0; p < 4; p++) {
                    partitions.add(new TopicPartition("spread", p));
                    for (int i = 0; i < 25; i++) {
                        producer.send(new ProducerRecord<>("spread", p, "k" + i, "p" + p + "-" + i));
                    }
                }
                producer.flush();
            }
            try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
                var records = Clients.readAll(consumer, partitions, 100, Duration.ofSeconds(30));
                assertThat(records).hasSize(100);
                assertThat(records).allSatisfy(r -> assertThat(r.value()).startsWith("p" + r.partition() + "-"));
            }
        }
    }
}
