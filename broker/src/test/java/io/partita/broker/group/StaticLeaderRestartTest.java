package io.partita.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * As tried by a user with kafka-clients 4.4: two static members (range assignor), the group stable, and the
 * member that leads it restarted with the same group.instance.id. Apache Kafka 4.4 never rebalances here (KIP-814:
 * the rejoining leader is told to skip the assignment); Partita revoked and reassigned the other member's
 * partitions in 5 of 7 runs. Now the other member is told to revoke nothing, and the restarted one gets its
 * partitions back.
 */
@Tag("integration")
class StaticLeaderRestartTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void restartingTheStaticLeaderRevokesNothingFromTheOtherMember() throws Exception {
        try (TestCluster cluster = TestCluster.start(1, Map.of("group.initial.rebalance.delay.ms", "0"));
                Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic("orders", 4, (short) 1)))
                    .all()
                    .get();
            String bootstrap = cluster.bootstrap();
            GroupConsumer leader = staticMember(bootstrap, "leader-instance");
            await().atMost(DEADLINE).until(() -> leader.owned().size() == 4);
            try (GroupConsumer other = staticMember(bootstrap, "other-instance")) {
                await().atMost(DEADLINE)
                        .until(() -> leader.owned().size() == 2 && other.owned().size() == 2);
                Set<TopicPartition> leaderOwned = leader.owned();
                int revokedBefore = other.revocations.size();

                leader.stop(false); // a static member's process ends: no LeaveGroup, its session stays
                try (GroupConsumer restarted = staticMember(bootstrap, "leader-instance")) {
                    await().atMost(DEADLINE).until(() -> restarted.owned().equals(leaderOwned));
                    // Long enough for a rebalance to have reached the other member's poll loop, had there been one.
                    Set<Set<TopicPartition>> seen = new HashSet<>();
                    long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    while (System.nanoTime() < end) {
                        seen.add(other.owned());
                        Thread.sleep(50); // sampling what the other member owns, not waiting for a condition
                    }
                    assertThat(other.revocations)
                            .as("partitions the other member was told to revoke")
                            .hasSize(revokedBefore);
                    assertThat(seen).as("what the other member owned meanwhile").hasSize(1);
                    assertThat(restarted.owned()).isEqualTo(leaderOwned);
                }
            }
        }
    }

    private static GroupConsumer staticMember(String bootstrap, String instance) {
        return new GroupConsumer(
                bootstrap,
                "static-group",
                "orders",
                Map.of(
                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                        instance,
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        30_000,
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        RangeAssignor.class.getName()));
    }
}
