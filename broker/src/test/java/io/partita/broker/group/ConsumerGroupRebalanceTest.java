package io.partita.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Consumer groups with the real Java client on three nodes: partitions are shared out, and every change of
 * membership (a member leaves, dies, joins) rebalances the group so that each partition has exactly one owner.
 */
@Tag("integration")
class ConsumerGroupRebalanceTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(3, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    @Test
    void threeConsumersShareSixPartitionsAndTheGroupRebalancesOnLeaveDeathAndJoin() throws Exception {
        String topic = "rebalance-eager";
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            Clients.createTopic(admin, topic, 6, 3, Map.of());
        }
        Map<String, Object> eager =
                Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        List<GroupConsumer> members = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                members.add(new GroupConsumer(cluster.bootstrap(), "g-eager", topic, eager));
            }
            awaitBalanced(members, topic, 6, 2, 2);

            members.remove(0).stop(true); // leaves (LeaveGroup)
            awaitBalanced(members, topic, 6, 3, 3);

            members.add(new GroupConsumer(cluster.bootstrap(), "g-eager", topic, eager)); // joins
            awaitBalanced(members, topic, 6, 2, 2);

            members.remove(0).stop(false); // dies: no LeaveGroup, its session expires
            awaitBalanced(members, topic, 6, 3, 3);

            try (Admin admin = Clients.admin(cluster.bootstrap())) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of("g-eager"))
                        .all()
                        .get()
                        .get("g-eager");
                assertThat(description.groupState()).isEqualTo(GroupState.STABLE);
                assertThat(description.members()).hasSize(2);
                assertThat(description.partitionAssignor()).isEqualTo("range");
            }
        } finally {
            for (GroupConsumer member : members) {
                member.close();
            }
        }
    }

    @Test
    void theCooperativeStickyAssignorMovesOnlyThePartitionsThatChangeOwner() throws Exception {
        String topic = "rebalance-cooperative";
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            Clients.createTopic(admin, topic, 6, 1, Map.of());
        }
        Map<String, Object> cooperative =
                Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        List<GroupConsumer> members = new ArrayList<>();
        try {
            members.add(new GroupConsumer(cluster.bootstrap(), "g-coop", topic, cooperative));
            members.add(new GroupConsumer(cluster.bootstrap(), "g-coop", topic, cooperative));
            awaitBalanced(members, topic, 6, 3, 3);
            Set<TopicPartition> firstBefore = members.get(0).owned();
            Set<TopicPartition> secondBefore = members.get(1).owned();
            int firstRevocations = members.get(0).revocations.size();
            int secondRevocations = members.get(1).revocations.size();

            members.add(new GroupConsumer(cluster.bootstrap(), "g-coop", topic, cooperative));
            awaitBalanced(members, topic, 6, 2, 2);

            // Each of the two first members kept two of its three partitions: nothing else was revoked.
            assertThat(members.get(0).owned()).hasSize(2).isSubsetOf(firstBefore);
            assertThat(members.get(1).owned()).hasSize(2).isSubsetOf(secondBefore);
            List<TopicPartition> revoked = new ArrayList<>();
            members.get(0).revocations.stream().skip(firstRevocations).forEach(revoked::addAll);
            members.get(1).revocations.stream().skip(secondRevocations).forEach(revoked::addAll);
            assertThat(revoked).hasSize(2).doesNotHaveDuplicates();
            assertThat(members.get(2).owned()).containsExactlyInAnyOrderElementsOf(revoked);
        } finally {
            for (GroupConsumer member : members) {
                member.close();
            }
        }
    }

    /** Waits until the live members own every partition exactly once, each between min and max of them. */
    static void awaitBalanced(List<GroupConsumer> members, String topic, int partitions, int min, int max) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            List<TopicPartition> all = new ArrayList<>();
            for (GroupConsumer member : members) {
                Set<TopicPartition> owned = member.owned();
                assertThat(owned.size()).isBetween(min, max);
                all.addAll(owned);
            }
            assertThat(all).doesNotHaveDuplicates();
            Set<TopicPartition> expected = new HashSet<>();
            for (int p = 0; p < partitions; p++) {
                expected.add(new TopicPartition(topic, p));
            }
            assertThat(new HashSet<>(all)).isEqualTo(expected);
        });
    }
}
