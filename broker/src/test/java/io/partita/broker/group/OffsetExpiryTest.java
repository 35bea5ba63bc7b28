package io.partita.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.config.BrokerConfig;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.ManualTime;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * offsets.retention.minutes, on a node whose clock the test moves: the offsets of a group without members go when
 * the retention has passed since their commit, not a moment before, and nobody waits the minute out.
 */
@Tag("integration")
class OffsetExpiryTest {
    private static final TopicPartition PARTITION = new TopicPartition("expiring", 0);

    @Test
    void aStandaloneCommitExpiresOnceTheRetentionHasPassedOnTheNodesClock() throws Exception {
        ManualTime time = new ManualTime();
        Map<String, String> overrides = Map.of(
                BrokerConfig.OFFSETS_RETENTION_MINUTES, "1",
                // The check runs every 50 ms of real time; what it finds expired depends on the clock alone.
                BrokerConfig.OFFSETS_RETENTION_CHECK_INTERVAL_MS, "50");
        try (TestCluster cluster = TestCluster.start(1, overrides, time);
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Clients.createTopic(admin, PARTITION.topic(), 1, Map.of());
            admin.alterConsumerGroupOffsets("standalone", Map.of(PARTITION, new OffsetAndMetadata(5)))
                    .all()
                    .get();
            assertThat(committed(admin)).containsEntry(PARTITION, new OffsetAndMetadata(5));

            time.advance(59_000);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(committed(admin))
                            .as("59 s after the commit, a minute's retention keeps it")
                            .containsKey(PARTITION));

            time.advance(1_000);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(committed(admin))
                            .as("a minute after the commit it is gone")
                            .doesNotContainKey(PARTITION));
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("standalone")
                .partitionsToOffsetAndMetadata()
                .get();
        offsets.values().removeIf(offset -> offset == null);
        return offsets;
    }
}
