package io.partita.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.config.BrokerConfig;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node stopped cleanly hands its leaderships over before it leaves: no partition it led is ever without a
 * leader, and the metadata shows the new leaders as soon as the stop returns.
 */
@Tag("integration")
class ControlledShutdownTest {

    @Test
    void stoppingALeaderMovesItsLeadershipsAwayBeforeItExits() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, Map.of(BrokerConfig.AUTO_LEADER_REBALANCE_ENABLE, "false"));
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Topics.create(admin, "handover", Map.of(0, List.of(1, 0, 2), 1, List.of(1, 2, 0), 2, List.of(0, 1, 2)));
            Clients.awaitFullIsr(admin, "handover");
            assertThat(Clients.describe(admin, "handover").partitions())
                    .extracting(Topics::leader)
                    .containsExactly(1, 1, 0);

            // Watch from node 0: node 1 must never be gone while still leading.
            List<String> violations = new CopyOnWriteArrayList<>();
            cluster.cluster()
                    .broker(0)
                    .orElseThrow()
                    .clusterView()
                    .addListener(s -> watchHandover(s, "handover", 3, 1, violations));

            try (Topics.BackgroundProducer producer =
                    new Topics.BackgroundProducer(cluster.bootstrap(), List.of("handover"))) {
                producer.awaitMore(50);
                long started = System.nanoTime();
                cluster.cluster().stopNode(1);
                long stopMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

                // The cluster noticed the moment the stop returned; a second covers the other nodes' watches.
                await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
                    TopicDescription description = Clients.describe(admin, "handover");
                    for (TopicPartitionInfo p : description.partitions()) {
                        assertThat(Topics.leader(p)).isIn(0, 2);
                        assertThat(Topics.ids(p.isr())).doesNotContain(1).isNotEmpty();
                        assertThat(Topics.ids(p.replicas())).hasSize(3);
                    }
                });
                assertThat(stopMs)
                        .as("a controlled stop with in-sync followers does not wait for its deadline")
                        .isLessThan(10_000);
                producer.awaitMore(50);
                assertThat(producer.failures())
                        .as("acks=all sends failed during the handover")
                        .isZero();

                cluster.cluster().startNode(1);
                Clients.awaitFullIsr(admin, "handover");
                producer.awaitMore(20);
                producer.close();
                List<String> sent = producer.acknowledged("handover");
                assertThat(Topics.readAll(cluster.bootstrap(), List.of(new TopicPartition("handover", 0)), sent.size()))
                        .containsExactlyElementsOf(sent);
            }
            assertThat(violations).isEmpty();
        }
    }

    @Test
    void aLoneReplicaKeepsLeadingUntilTheEndAndTheStopDoesNotWaitForIt() throws Exception {
        try (TestCluster cluster = TestCluster.start(2, Map.of(BrokerConfig.CONTROLLED_SHUTDOWN_TIMEOUT_MS, "20000"));
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Topics.create(admin, "alone", Map.of(0, List.of(1)));
            Clients.awaitFullIsr(admin, "alone");

            long started = System.nanoTime();
            cluster.cluster().stopNode(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started).toMillis()).isLessThan(10_000);

            await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
                TopicPartitionInfo p = Topics.partition(admin, "alone", 0);
                assertThat(p.leader()).isNull();
                assertThat(Topics.ids(p.replicas())).containsExactly(1);
                assertThat(Topics.ids(p.isr())).containsExactly(1);
            });
            cluster.cluster().startNode(1);
            await().atMost(Topics.DEADLINE).until(() -> Topics.leader(Topics.partition(admin, "alone", 0)) == 1);
        }
    }

    @Test
    void aNodeProcessStoppedWithSigtermHandsItsLeadershipsOver() throws Exception {
        try (TestCluster cluster =
                        TestCluster.startChildJvms(2, Map.of(BrokerConfig.AUTO_LEADER_REBALANCE_ENABLE, "false"));
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Topics.create(admin, "terminated", Map.of(0, List.of(1, 0), 1, List.of(1, 0)));
            Clients.awaitFullIsr(admin, "terminated");
            assertThat(Clients.describe(admin, "terminated").partitions())
                    .extracting(Topics::leader)
                    .containsExactly(1, 1);

            // Watch from this JVM: node 1 must never be gone while still leading.
            List<String> violations = new CopyOnWriteArrayList<>();
            try (CuratorFramework zk = CuratorFrameworkFactory.newClient(
                            cluster.cluster().zookeeperConnect(), new ExponentialBackoffRetry(100, 3));
                    ClusterView view = new ClusterView(zk, "test")) {
                zk.start();
                view.addListener(s -> watchHandover(s, "terminated", 2, 1, violations));
                long deadline = System.nanoTime() + Topics.DEADLINE.toNanos();
                view.start(() -> System.nanoTime() - deadline > 0);

                cluster.cluster().stopNode(1); // SIGTERM: the node's shutdown hook runs its controlled shutdown
                await().atMost(Topics.DEADLINE).until(() -> !view.snapshot().isLive(1));
            }
            assertThat(violations).isEmpty();
            await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (TopicPartitionInfo p :
                        Clients.describe(admin, "terminated").partitions()) {
                    assertThat(Topics.leader(p)).isEqualTo(0);
                    assertThat(Topics.ids(p.isr())).containsExactly(0);
                }
            });
        }
    }

    /** Records every moment a partition is without a leader, or led by the stopping node after it left. */
    private static void watchHandover(
            ClusterSnapshot s, String topic, int partitions, int stopping, List<String> violations) {
        for (int p = 0; p < partitions; p++) {
            PartitionState state = s.state(new TopicPartition(topic, p)).orElse(null);
            if (state != null && (!state.hasLeader() || (state.leader() == stopping && !s.isLive(stopping)))) {
                violations.add("partition " + p + ": " + state + ", node " + stopping + " live: " + s.isLive(stopping));
            }
        }
    }
}
