package io.partita.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.config.BrokerConfig;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node whose start takes longer than {@code zookeeper.connection.timeout.ms} still starts: that timeout bounds
 * the connection to ZooKeeper and nothing after it. Before, it bounded loading the metadata and opening every
 * partition too, so a node restarted with many partitions on a busy machine gave up ("cluster metadata did not
 * load from ZooKeeper in 6000 ms") and the cluster stayed one node short. Here the timeout is far below the time
 * opening the partitions takes (2 × 400 replicas on a 2-core machine), so only a start without that bound passes.
 * The 3,000-partition version under CPU pressure is {@code SlowStartBenchmark}, behind {@code -Pbench}.
 */
@Tag("integration")
class SlowStartTest {
    private static final int PARTITIONS = 400;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Test
    void aNodeRestartedWithManyPartitionsComesBackAndRejoinsEveryIsr() throws Exception {
        try (TestCluster cluster = TestCluster.start(2, Map.of(BrokerConfig.ZOOKEEPER_CONNECTION_TIMEOUT_MS, "150"));
                Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(
                            new NewTopic("many", PARTITIONS, (short) 2), new NewTopic("more", PARTITIONS, (short) 2)))
                    .all()
                    .get();
            awaitEveryIsr(admin, 2);

            cluster.cluster().stopNode(1);
            awaitEveryIsr(admin, 1);
            long started = System.nanoTime();
            cluster.cluster().startNode(1);
            long startMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertThat(startMs)
                    .as("the restart took longer than zookeeper.connection.timeout.ms")
                    .isGreaterThan(150);
            awaitEveryIsr(admin, 2);
        }
    }

    private static void awaitEveryIsr(Admin admin, int size) {
        await("every ISR of size " + size)
                .atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> admin.describeTopics(List.of("many", "more")).allTopicNames().get().values().stream()
                        .map(TopicDescription::partitions)
                        .flatMap(List::stream)
                        .allMatch(p -> p.leader() != null && p.isr().size() == size));
    }
}
