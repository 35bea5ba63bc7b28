package io.partita.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The admin client's consumer-group calls, as kafka-consumer-groups.sh uses them: list, describe, list offsets,
 * reset offsets (earliest, latest, an offset, a time), delete offsets, remove members, delete groups.
 */
@Tag("integration")
class ConsumerGroupAdminTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(1, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    /** Records a minute apart, starting an hour ago; returns the timestamp of the sixth (offset 5). */
    private static long produce(String topic, int partitions, int perPartition) throws Exception {
        long base = System.currentTimeMillis() - 3_600_000;
        try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
            for (int i = 0; i < perPartition; i++) {
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(topic, p, base + i * 60_000L, "k", "v" + i));
                }
            }
        }
        return base + 5 * 60_000L;
    }

    @Test
    void listsDescribesResetsAndDeletesTheOffsetsOfAnEmptyGroup() throws Exception {
        String topic = "admin-groups";
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            Clients.createTopic(admin, topic, 2, Map.of());
            long middle = produce(topic, 2, 10);
            TopicPartition p0 = new TopicPartition(topic, 0);
            TopicPartition p1 = new TopicPartition(topic, 1);

            try (GroupConsumer member = new GroupConsumer(cluster.bootstrap(), "g-admin", topic, Map.of())) {
                await().atMost(DEADLINE).until(() -> member.records.size() == 20);
                member.requestCommit();
                await().atMost(DEADLINE).until(member::committed);

                Collection<GroupListing> listed = admin.listGroups(
                                new ListGroupsOptions().inGroupStates(Set.of(GroupState.STABLE)))
                        .all()
                        .get();
                assertThat(listed).extracting(GroupListing::groupId).contains("g-admin");
                assertThat(admin.listGroups(new ListGroupsOptions().inGroupStates(Set.of(GroupState.EMPTY)))
                                .all()
                                .get())
                        .extracting(GroupListing::groupId)
                        .doesNotContain("g-admin");
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of("g-admin"))
                        .all()
                        .get()
                        .get("g-admin");
                assertThat(description.members()).hasSize(1);
                assertThat(description.members().iterator().next().assignment().topicPartitions())
                        .containsExactlyInAnyOrder(p0, p1);

                // An active group's offsets cannot be reset: Kafka answers UNKNOWN_MEMBER_ID.
                assertThatThrownBy(
                                () -> admin.alterConsumerGroupOffsets("g-admin", Map.of(p0, new OffsetAndMetadata(0)))
                                        .all()
                                        .get())
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(UnknownMemberIdException.class);
                assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of("g-admin"))
                                .all()
                                .get())
                        .hasCauseInstanceOf(GroupNotEmptyException.class);
            }
            await().atMost(DEADLINE)
                    .until(() -> admin.describeConsumerGroups(List.of("g-admin"))
                                    .all()
                                    .get()
                                    .get("g-admin")
                                    .groupState()
                            == GroupState.EMPTY);
            assertThat(committed(admin)).isEqualTo(Map.of(p0, 10L, p1, 10L));

            // Reset to earliest, to a time, to an offset, to latest: what kafka-consumer-groups --reset-offsets does.
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> earliest = admin.listOffsets(
                            Map.of(p0, OffsetSpec.earliest(), p1, OffsetSpec.earliest()))
                    .all()
                    .get();
            alter(
                    admin,
                    Map.of(p0, earliest.get(p0).offset(), p1, earliest.get(p1).offset()));
            assertThat(committed(admin)).isEqualTo(Map.of(p0, 0L, p1, 0L));

            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> byTime = admin.listOffsets(
                            Map.of(p0, OffsetSpec.forTimestamp(middle)))
                    .all()
                    .get();
            alter(admin, Map.of(p0, byTime.get(p0).offset()));
            assertThat(committed(admin).get(p0)).isEqualTo(5L);

            alter(admin, Map.of(p1, 7L));
            assertThat(committed(admin).get(p1)).isEqualTo(7L);

            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest =
                    admin.listOffsets(Map.of(p0, OffsetSpec.latest())).all().get();
            alter(admin, Map.of(p0, latest.get(p0).offset()));
            assertThat(committed(admin)).isEqualTo(Map.of(p0, 10L, p1, 7L));

            // A consumer of the group starts where the reset put it.
            try (GroupConsumer member = new GroupConsumer(cluster.bootstrap(), "g-admin", topic, Map.of())) {
                await().atMost(DEADLINE).until(() -> member.records.size() == 3);
                assertThat(member.firstOffsets).isEqualTo(Map.of(p1, 7L));
            }

            admin.deleteConsumerGroupOffsets("g-admin", Set.of(p1)).all().get();
            assertThat(committed(admin)).isEqualTo(Map.of(p0, 10L));

            admin.deleteConsumerGroups(List.of("g-admin")).all().get();
            assertThat(committed(admin)).isEmpty();
            assertThatThrownBy(() ->
                            admin.deleteConsumerGroups(List.of("g-admin")).all().get())
                    .hasCauseInstanceOf(GroupIdNotFoundException.class);
        }
    }

    @Test
    void removesStaticMembersFromAGroup() throws Exception {
        String topic = "admin-remove";
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            Clients.createTopic(admin, topic, 2, Map.of());
            try (GroupConsumer a = new GroupConsumer(
                            cluster.bootstrap(),
                            "g-remove",
                            topic,
                            Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-a"));
                    GroupConsumer b = new GroupConsumer(
                            cluster.bootstrap(),
                            "g-remove",
                            topic,
                            Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-b"))) {
                ConsumerGroupRebalanceTest.awaitBalanced(List.of(a, b), topic, 2, 1, 1);
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of("g-remove"))
                        .all()
                        .get()
                        .get("g-remove");
                assertThat(description.members().stream()
                                .map(m -> m.groupInstanceId().orElse(null))
                                .collect(Collectors.toSet()))
                        .containsExactlyInAnyOrder("instance-a", "instance-b");

                // A static member that vanishes without leaving keeps its partitions until removed by an admin.
                a.stop(false);
                admin.removeMembersFromConsumerGroup(
                                "g-remove",
                                new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove("instance-a"))))
                        .all()
                        .get();
                ConsumerGroupRebalanceTest.awaitBalanced(List.of(b), topic, 2, 2, 2);
                assertThatThrownBy(() -> admin.removeMembersFromConsumerGroup(
                                        "g-remove",
                                        new RemoveMembersFromConsumerGroupOptions(
                                                List.of(new MemberToRemove("instance-a"))))
                                .all()
                                .get())
                        .hasCauseInstanceOf(UnknownMemberIdException.class);
            }
        }
    }

    private static void alter(Admin admin, Map<TopicPartition, Long> offsets) throws Exception {
        admin.alterConsumerGroupOffsets(
                        "g-admin",
                        offsets.entrySet().stream()
                                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))))
                .all()
                .get();
    }

    private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets("g-admin").partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
