package io.partita.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.config.BrokerConfig;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.EligibleLeadersNotAvailableException;
import org.apache.kafka.common.errors.PreferredLeaderNotAvailableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ElectLeaders through the Admin client, and the controller's automatic preferred-leader rebalance. */
@Tag("integration")
class ElectLeadersTest {
    private static final Map<String, String> NO_AUTO_REBALANCE =
            Map.of(BrokerConfig.AUTO_LEADER_REBALANCE_ENABLE, "false");

    @Test
    void preferredElectionRestoresLeadersAfterANodeReturns() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, NO_AUTO_REBALANCE);
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Topics.create(admin, "preferred", Map.of(0, List.of(0, 1, 2), 1, List.of(1, 2, 0), 2, List.of(0, 2, 1)));
            Clients.awaitFullIsr(admin, "preferred");
            cluster.cluster().stopNode(0);
            cluster.cluster().startNode(0);
            Clients.awaitFullIsr(admin, "preferred");
            assertThat(Clients.describe(admin, "preferred").partitions())
                    .extracting(Topics::leader)
                    .doesNotContain(0);

            Set<TopicPartition> all = Set.of(tp("preferred", 0), tp("preferred", 1), tp("preferred", 2));
            Map<TopicPartition, Optional<Throwable>> results =
                    admin.electLeaders(ElectionType.PREFERRED, all).partitions().get();
            assertThat(results.get(tp("preferred", 0))).isEmpty();
            assertThat(results.get(tp("preferred", 2))).isEmpty();
            assertThat(results.get(tp("preferred", 1))).containsInstanceOf(ElectionNotNeededException.class);
            // Answered once the answering node's metadata shows it; the others follow within a second.
            await().atMost(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(
                                    Clients.describe(admin, "preferred").partitions())
                            .extracting(Topics::leader)
                            .containsExactly(0, 1, 0));

            // Every partition (a null list): those already led by their preferred replica are left out.
            assertThat(admin.electLeaders(ElectionType.PREFERRED, null)
                            .partitions()
                            .get())
                    .isEmpty();
        }
    }

    @Test
    void theControllerRebalancesLeadershipsByItself() throws Exception {
        try (TestCluster cluster =
                        TestCluster.start(2, Map.of(BrokerConfig.LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS, "1"));
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Topics.create(admin, "balanced", Map.of(0, List.of(0, 1), 1, List.of(1, 0)));
            Clients.awaitFullIsr(admin, "balanced");
            cluster.cluster().stopNode(0);
            assertThat(Clients.describe(admin, "balanced").partitions())
                    .extracting(Topics::leader)
                    .containsExactly(1, 1);
            cluster.cluster().startNode(0);
            await().atMost(Topics.DEADLINE)
                    .untilAsserted(
                            () -> assertThat(Clients.describe(admin, "balanced").partitions())
                                    .extracting(Topics::leader)
                                    .containsExactly(0, 1));
        }
    }

    @Test
    void uncleanElectionGivesAnOfflinePartitionALeaderOutsideTheIsr() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, NO_AUTO_REBALANCE);
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Topics.create(admin, "unclean", Map.of(0, List.of(0, 1)));
            Topics.create(admin, "unclean-config", Map.of(0, List.of(0, 1)));
            Clients.awaitFullIsr(admin, "unclean");
            Clients.awaitFullIsr(admin, "unclean-config");
            // Node 1 leaves the ISRs (controlled stop), then node 0, the last in-sync replica, stops too.
            cluster.cluster().stopNode(1);
            cluster.cluster().stopNode(0);
            cluster.cluster().startNode(1);
            await().atMost(Topics.DEADLINE)
                    .until(() -> admin.describeCluster().nodes().get().size() == 2);
            assertThat(Topics.partition(admin, "unclean", 0).leader()).isNull();
            assertThat(Topics.ids(Topics.partition(admin, "unclean", 0).isr())).containsExactly(0);

            // Preferred cannot help (node 0 is down); unclean can, by the operator's choice.
            assertThat(admin.electLeaders(ElectionType.PREFERRED, Set.of(tp("unclean", 0)))
                            .partitions()
                            .get()
                            .get(tp("unclean", 0)))
                    .containsInstanceOf(PreferredLeaderNotAvailableException.class);
            assertThat(admin.electLeaders(ElectionType.UNCLEAN, Set.of(tp("unclean", 0)))
                            .partitions()
                            .get()
                            .get(tp("unclean", 0)))
                    .isEmpty();
            assertThat(Topics.leader(Topics.partition(admin, "unclean", 0))).isEqualTo(1);
            assertThat(Topics.ids(Topics.partition(admin, "unclean", 0).isr())).containsExactly(1);
            assertThat(admin.electLeaders(ElectionType.UNCLEAN, Set.of(tp("unclean", 0)))
                            .partitions()
                            .get()
                            .get(tp("unclean", 0)))
                    .containsInstanceOf(ElectionNotNeededException.class);

            // With unclean.leader.election.enable on the topic, the controller does it by itself.
            assertThat(Topics.partition(admin, "unclean-config", 0).leader()).isNull();
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, "unclean-config"),
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("unclean.leader.election.enable", "true"),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
            await().atMost(Topics.DEADLINE)
                    .until(() -> Topics.leader(Topics.partition(admin, "unclean-config", 0)) == 1);
        }
    }

    @Test
    void perPartitionErrors() throws Exception {
        try (TestCluster cluster = TestCluster.start(2, NO_AUTO_REBALANCE);
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Topics.create(admin, "errors", Map.of(0, List.of(0), 1, List.of(1)));
            Clients.awaitFullIsr(admin, "errors");
            Map<TopicPartition, Optional<Throwable>> results = admin.electLeaders(
                            ElectionType.PREFERRED, Set.of(tp("errors", 0), tp("errors", 7), tp("missing", 0)))
                    .partitions()
                    .get();
            assertThat(results.get(tp("errors", 0))).containsInstanceOf(ElectionNotNeededException.class);
            assertThat(results.get(tp("errors", 7))).containsInstanceOf(UnknownTopicOrPartitionException.class);
            assertThat(results.get(tp("missing", 0))).containsInstanceOf(UnknownTopicOrPartitionException.class);

            cluster.cluster().stopNode(1);
            Map<TopicPartition, Optional<Throwable>> unclean = admin.electLeaders(
                            ElectionType.UNCLEAN, Set.of(tp("errors", 0), tp("errors", 1)))
                    .partitions()
                    .get();
            assertThat(unclean.get(tp("errors", 0))).containsInstanceOf(ElectionNotNeededException.class);
            assertThat(unclean.get(tp("errors", 1))).containsInstanceOf(EligibleLeadersNotAvailableException.class);
        }
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }
}
