package io.partita.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.partita.broker.config.BrokerConfig;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.RawConnection;
import io.partita.broker.testing.TestCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.NoReassignmentInProgressException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Partition reassignment through the Admin client: data moves to other nodes under a running producer and
 * nothing acknowledged is lost; a reassignment that cannot finish is listed, shown in the metadata and can be
 * cancelled; bad requests get Kafka's errors.
 */
@Tag("integration")
class ReassignmentTest {
    private static final Map<String, String> NO_AUTO_REBALANCE =
            Map.of(BrokerConfig.AUTO_LEADER_REBALANCE_ENABLE, "false");

    @Test
    void partitionsMoveToOtherNodesWhileAProducerKeepsWriting() throws Exception {
        try (TestCluster cluster = TestCluster.start(4, NO_AUTO_REBALANCE);
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Topics.create(admin, "rf-one", Map.of(0, List.of(0)));
            Topics.create(admin, "rf-two", Map.of(0, List.of(0, 1)));
            Topics.create(admin, "rf-three", Map.of(0, List.of(0, 1, 2)));
            for (String topic : List.of("rf-one", "rf-two", "rf-three")) {
                Clients.awaitFullIsr(admin, topic);
            }
            Map<String, List<Integer>> targets =
                    Map.of("rf-one", List.of(3), "rf-two", List.of(2, 3), "rf-three", List.of(3, 2, 1));
            try (Topics.BackgroundProducer producer =
                    new Topics.BackgroundProducer(cluster.bootstrap(), List.of("rf-one", "rf-two", "rf-three"))) {
                producer.awaitMore(300);
                Map<TopicPartition, Optional<NewPartitionReassignment>> request = new HashMap<>();
                targets.forEach((topic, target) ->
                        request.put(new TopicPartition(topic, 0), Optional.of(new NewPartitionReassignment(target))));
                admin.alterPartitionReassignments(request).all().get();

                await().atMost(Topics.DEADLINE)
                        .until(() -> admin.listPartitionReassignments()
                                .reassignments()
                                .get()
                                .isEmpty());
                for (var target : targets.entrySet()) {
                    TopicPartitionInfo info = Topics.partition(admin, target.getKey(), 0);
                    assertThat(Topics.ids(info.replicas()))
                            .as(target.getKey())
                            .containsExactlyElementsOf(target.getValue());
                    assertThat(Topics.leader(info))
                            .as(target.getKey())
                            .isIn(target.getValue().toArray());
                    assertThat(Topics.ids(info.isr())).as(target.getKey()).doesNotContain(0);
                }
                // Node 0 no longer holds any of them.
                await().atMost(Topics.DEADLINE)
                        .until(() -> cluster.cluster()
                                .broker(0)
                                .orElseThrow()
                                .replicaManager()
                                .partitions()
                                .isEmpty());
                producer.awaitMore(300);
                producer.close();
                assertThat(producer.failures()).isZero();
                for (String topic : targets.keySet()) {
                    List<String> sent = producer.acknowledged(topic);
                    assertThat(Topics.readAll(cluster.bootstrap(), List.of(new TopicPartition(topic, 0)), sent.size()))
                            .as(topic)
                            .containsExactlyElementsOf(sent);
                }
            }
        }
    }

    @Test
    void aReassignmentThatCannotFinishIsListedAndCanBeCancelledOrCompleted() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, NO_AUTO_REBALANCE);
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Topics.create(admin, "stuck", Map.of(0, List.of(1), 1, List.of(0)));
            Clients.awaitFullIsr(admin, "stuck");
            try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("stuck", 0, null, "v" + i));
                }
                producer.flush();
            }
            // With its only replica's node down, the partition has nobody to copy from: moving it to node 2
            // starts (node 2 is live) but cannot finish.
            cluster.cluster().stopNode(1);
            TopicPartition stuck = new TopicPartition("stuck", 0);
            admin.alterPartitionReassignments(Map.of(stuck, Optional.of(new NewPartitionReassignment(List.of(2)))))
                    .all()
                    .get();
            Map<TopicPartition, PartitionReassignment> listed =
                    admin.listPartitionReassignments().reassignments().get();
            assertThat(listed).containsOnlyKeys(stuck);
            assertThat(listed.get(stuck).replicas()).containsExactly(2, 1);
            assertThat(listed.get(stuck).addingReplicas()).containsExactly(2);
            assertThat(listed.get(stuck).removingReplicas()).containsExactly(1);
            assertThat(admin.listPartitionReassignments(Set.of(new TopicPartition("stuck", 1)))
                            .reassignments()
                            .get())
                    .isEmpty();
            // Metadata shows the full replica set during a reassignment, as Kafka does.
            TopicPartitionInfo moving = Topics.partition(admin, "stuck", 0);
            assertThat(Topics.ids(moving.replicas())).containsExactly(2, 1);

            // New partitions take the topic's replication factor, and leave the reassignment alone.
            admin.createPartitions(Map.of("stuck", NewPartitions.increaseTo(3, List.of(List.of(2)))))
                    .all()
                    .get();
            assertThat(Topics.ids(Topics.partition(admin, "stuck", 2).replicas()))
                    .containsExactly(2);
            assertThat(admin.listPartitionReassignments().reassignments().get()).containsOnlyKeys(stuck);

            admin.alterPartitionReassignments(Map.of(stuck, Optional.empty()))
                    .all()
                    .get();
            assertThat(admin.listPartitionReassignments().reassignments().get()).isEmpty();
            assertThat(Topics.ids(Topics.partition(admin, "stuck", 0).replicas()))
                    .containsExactly(1);

            // Again, and this time the old replica comes back and the data moves.
            admin.alterPartitionReassignments(Map.of(stuck, Optional.of(new NewPartitionReassignment(List.of(2)))))
                    .all()
                    .get();
            cluster.cluster().startNode(1);
            await().atMost(Topics.DEADLINE)
                    .until(() -> admin.listPartitionReassignments()
                            .reassignments()
                            .get()
                            .isEmpty());
            TopicPartitionInfo moved = Topics.partition(admin, "stuck", 0);
            assertThat(Topics.ids(moved.replicas())).containsExactly(2);
            assertThat(Topics.leader(moved)).isEqualTo(2);
            assertThat(Topics.readAll(cluster.bootstrap(), List.of(stuck), 100))
                    .hasSize(100)
                    .startsWith("v0", "v1");
        }
    }

    @Test
    void badRequestsGetKafkasErrors() throws Exception {
        try (TestCluster cluster = TestCluster.start(2, NO_AUTO_REBALANCE);
                Admin admin = Clients.admin(cluster.bootstrap())) {
            Topics.create(admin, "checked", Map.of(0, List.of(0)));
            Clients.awaitFullIsr(admin, "checked");
            TopicPartition tp = new TopicPartition("checked", 0);
            Map<TopicPartition, Class<? extends Throwable>> expected = Map.of(
                    new TopicPartition("missing", 0), UnknownTopicOrPartitionException.class,
                    new TopicPartition("checked", 5), UnknownTopicOrPartitionException.class);
            for (var entry : expected.entrySet()) {
                assertThatThrownBy(() -> admin.alterPartitionReassignments(
                                        Map.of(entry.getKey(), Optional.of(new NewPartitionReassignment(List.of(1)))))
                                .all()
                                .get())
                        .hasCauseInstanceOf(entry.getValue());
            }
            for (List<Integer> bad : List.of(List.of(1, 1), List.of(0, 9))) {
                assertThatThrownBy(() -> admin.alterPartitionReassignments(
                                        Map.of(tp, Optional.of(new NewPartitionReassignment(bad))))
                                .all()
                                .get())
                        .as("target %s", bad)
                        .hasCauseInstanceOf(InvalidReplicaAssignmentException.class);
            }
            assertThatThrownBy(() -> admin.alterPartitionReassignments(Map.of(tp, Optional.empty()))
                            .all()
                            .get())
                    .hasCauseInstanceOf(NoReassignmentInProgressException.class);
            // The Java client refuses an empty target itself; other clients may send one.
            try (RawConnection raw =
                    new RawConnection("127.0.0.1", cluster.cluster().node(0).port(), 10_000)) {
                AlterPartitionReassignmentsRequestData data =
                        new AlterPartitionReassignmentsRequestData().setTimeoutMs(10_000);
                data.topics()
                        .add(new AlterPartitionReassignmentsRequestData.ReassignableTopic()
                                .setName("checked")
                                .setPartitions(
                                        List.of(new AlterPartitionReassignmentsRequestData.ReassignablePartition()
                                                .setPartitionIndex(0)
                                                .setReplicas(List.of()))));
                var header = raw.send(new AlterPartitionReassignmentsRequest.Builder(data).build((short) 0));
                AlterPartitionReassignmentsResponse response = raw.receive(header);
                assertThat(Errors.forCode(response.data()
                                .responses()
                                .get(0)
                                .partitions()
                                .get(0)
                                .errorCode()))
                        .isEqualTo(Errors.INVALID_REPLICA_ASSIGNMENT);
            }
            assertThat(Topics.ids(Topics.partition(admin, "checked", 0).replicas()))
                    .containsExactly(0);
            assertThat(admin.listPartitionReassignments().reassignments().get()).isEmpty();
        }
    }
}
