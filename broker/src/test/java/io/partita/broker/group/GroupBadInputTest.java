package io.partita.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.RawConnection;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bad group requests, sent raw next to a working group: each gets Kafka's error code, and the group's real
 * member goes on owning its partitions and consuming.
 */
@Tag("integration")
class GroupBadInputTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void badGroupRequestsGetKafkasErrorsWhileTheGroupKeepsWorking() throws Exception {
        try (TestCluster cluster = TestCluster.start(1, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap())) {
            String topic = "bad-input-groups";
            Clients.createTopic(admin, topic, 2, Map.of());
            try (GroupConsumer member = new GroupConsumer(cluster.bootstrap(), "g-bad", topic, Map.of())) {
                ConsumerGroupRebalanceTest.awaitBalanced(List.of(member), topic, 2, 2, 2);
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of("g-bad"))
                        .all()
                        .get()
                        .get("g-bad");
                String realMember = description.members().iterator().next().consumerId();
                int port = cluster.cluster().node(0).port();
                try (RawConnection raw = new RawConnection("127.0.0.1", port, 10_000)) {
                    // One key (2.8 clients) and a batch (4.x clients).
                    FindCoordinatorResponse one = call(
                            raw,
                            new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData().setKey("g-bad"))
                                    .build((short) 3));
                    assertThat(one.data().errorCode()).isZero();
                    assertThat(one.data().nodeId()).isZero();
                    FindCoordinatorResponse batch = call(
                            raw,
                            new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                                            .setCoordinatorKeys(List.of("g-bad", "other")))
                                    .build((short) 4));
                    assertThat(batch.data().coordinators())
                            .hasSize(2)
                            .allSatisfy(c -> assertThat(c.errorCode()).isZero());

                    assertThat(join(raw, join("", "", 10_000, "consumer", true)))
                            .isEqualTo(Errors.INVALID_GROUP_ID);
                    assertThat(join(raw, join("g-bad", "", 10, "consumer", true)))
                            .isEqualTo(Errors.INVALID_SESSION_TIMEOUT);
                    assertThat(join(raw, join("g-bad", "", 10_000, "consumer", false)))
                            .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
                    assertThat(join(raw, join("g-bad", "", 10_000, "other-type", true)))
                            .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
                    assertThat(join(raw, join("g-bad", "ghost", 10_000, "consumer", true)))
                            .isEqualTo(Errors.UNKNOWN_MEMBER_ID);

                    HeartbeatResponse ghostBeat = call(
                            raw,
                            new HeartbeatRequest.Builder(new HeartbeatRequestData()
                                            .setGroupId("g-bad")
                                            .setMemberId("ghost")
                                            .setGenerationId(1))
                                    .build((short) 4));
                    assertThat(ghostBeat.error()).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
                    HeartbeatResponse staleBeat = call(
                            raw,
                            new HeartbeatRequest.Builder(new HeartbeatRequestData()
                                            .setGroupId("g-bad")
                                            .setMemberId(realMember)
                                            .setGenerationId(999))
                                    .build((short) 4));
                    assertThat(staleBeat.error()).isEqualTo(Errors.ILLEGAL_GENERATION);
                    SyncGroupResponse ghostSync = call(
                            raw,
                            new SyncGroupRequest.Builder(new SyncGroupRequestData()
                                            .setGroupId("g-bad")
                                            .setMemberId("ghost")
                                            .setGenerationId(1))
                                    .build((short) 5));
                    assertThat(ghostSync.error()).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
                    OffsetCommitResponse ghostCommit = call(
                            raw,
                            OffsetCommitRequest.Builder.forTopicNames(new OffsetCommitRequestData()
                                            .setGroupId("g-bad")
                                            .setMemberId("ghost")
                                            .setGenerationIdOrMemberEpoch(1)
                                            .setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic()
                                                    .setName(topic)
                                                    .setPartitions(List.of(
                                                            new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                                                    .setPartitionIndex(0)
                                                                    .setCommittedOffset(5))))))
                                    .build((short) 8));
                    assertThat(ghostCommit
                                    .data()
                                    .topics()
                                    .get(0)
                                    .partitions()
                                    .get(0)
                                    .errorCode())
                            .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
                    LeaveGroupResponse ghostLeave = call(
                            raw,
                            new LeaveGroupRequest.Builder(
                                            "g-bad",
                                            List.of(new LeaveGroupRequestData.MemberIdentity().setMemberId("ghost")))
                                    .build((short) 4));
                    assertThat(ghostLeave.memberResponses().get(0).errorCode())
                            .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
                }

                // The real member was not disturbed.
                assertThat(admin.describeConsumerGroups(List.of("g-bad"))
                                .all()
                                .get()
                                .get("g-bad")
                                .groupState())
                        .isEqualTo(GroupState.STABLE);
                try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
                    producer.send(new ProducerRecord<>(topic, 0, "k", "after")).get();
                }
                await().atMost(DEADLINE)
                        .until(() ->
                                member.records.stream().anyMatch(r -> r.value().equals("after")));
                assertThat(member.owned()).hasSize(2);
            }
        }
    }

    private static JoinGroupRequestData join(
            String group, String memberId, int sessionTimeout, String type, boolean withProtocol) {
        JoinGroupRequestData data = new JoinGroupRequestData()
                .setGroupId(group)
                .setMemberId(memberId)
                .setSessionTimeoutMs(sessionTimeout)
                .setRebalanceTimeoutMs(10_000)
                .setProtocolType(type);
        if (withProtocol) {
            data.protocols()
                    .add(new JoinGroupRequestData.JoinGroupRequestProtocol()
                            .setName("range")
                            .setMetadata(new byte[0]));
        }
        return data;
    }

    private static Errors join(RawConnection raw, JoinGroupRequestData data) throws Exception {
        JoinGroupResponse response = call(raw, new JoinGroupRequest.Builder(data).build((short) 5));
        return response.error();
    }

    @SuppressWarnings("unchecked")
    private static <R extends AbstractResponse> R call(RawConnection raw, AbstractRequest request) throws Exception {
        RequestHeader header = raw.send(request);
        return (R) raw.receive(header);
    }
}
