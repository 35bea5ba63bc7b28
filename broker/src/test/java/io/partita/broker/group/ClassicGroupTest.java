package io.partita.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** The classic group state machine, driven by hand: joins, syncs, heartbeats, leaves and expiring sessions. */
class ClassicGroupTest {
    private final ManualRuntime runtime = new ManualRuntime(GroupConfig.defaults());
    private final ClassicGroup group = new ClassicGroup("g", runtime);

    private static JoinGroupRequestData join(String memberId, String instanceId, String... protocols) {
        JoinGroupRequestData request = new JoinGroupRequestData()
                .setGroupId("g")
                .setMemberId(memberId)
                .setGroupInstanceId(instanceId)
                .setSessionTimeoutMs(10_000)
                .setRebalanceTimeoutMs(30_000)
                .setProtocolType("consumer");
        for (String p : protocols) {
            request.protocols()
                    .add(new JoinGroupRequestData.JoinGroupRequestProtocol()
                            .setName(p)
                            .setMetadata(new byte[] {1}));
        }
        return request;
    }

    private String newMemberId() {
        JoinGroupResponseData required =
                group.join(join("", null, "range"), "c", "h", true, false).join();
        assertThat(Errors.forCode(required.errorCode())).isEqualTo(Errors.MEMBER_ID_REQUIRED);
        return required.memberId();
    }

    private SyncGroupRequestData sync(String memberId, int generation) {
        return new SyncGroupRequestData().setGroupId("g").setMemberId(memberId).setGenerationId(generation);
    }

    @Test
    void twoMembersFormAGenerationAndTheLeaderAssigns() {
        String a = newMemberId();
        String b = newMemberId();
        CompletableFuture<JoinGroupResponseData> joinA = group.join(join(a, null, "range"), "c", "h", true, false);
        assertThat(joinA).isNotDone(); // waits for b, which holds a pending member id
        CompletableFuture<JoinGroupResponseData> joinB = group.join(join(b, null, "range"), "c", "h", true, false);
        assertThat(joinA).isDone();
        assertThat(joinB).isDone();
        JoinGroupResponseData leader = joinA.join().leader().equals(a) ? joinA.join() : joinB.join();
        JoinGroupResponseData follower = leader == joinA.join() ? joinB.join() : joinA.join();
        assertThat(leader.members()).hasSize(2);
        assertThat(follower.members()).isEmpty();
        assertThat(leader.generationId()).isEqualTo(1);
        assertThat(group.state()).isEqualTo(GroupState.COMPLETING_REBALANCE);

        CompletableFuture<SyncGroupResponseData> followerSync = group.sync(sync(follower.memberId(), 1));
        assertThat(followerSync).isNotDone();
        SyncGroupRequestData leaderSync = sync(leader.memberId(), 1);
        leaderSync
                .assignments()
                .add(new SyncGroupRequestData.SyncGroupRequestAssignment()
                        .setMemberId(follower.memberId())
                        .setAssignment(new byte[] {7}));
        assertThat(group.sync(leaderSync).join().assignment()).isEmpty();
        assertThat(followerSync.join().assignment()).containsExactly(7);
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        assertThat(runtime.written).hasSize(1); // the assignment was persisted before anyone got it
    }

    @Test
    void wrongGenerationAndUnknownMembersGetKafkasErrorsAndTheGroupGoesOn() {
        String a = newMemberId();
        group.join(join(a, null, "range"), "c", "h", true, false).join();
        group.sync(sync(a, 1)).join();
        assertThat(group.heartbeat(a, null, 0)).isEqualTo(Errors.ILLEGAL_GENERATION);
        assertThat(group.heartbeat("nobody", null, 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        assertThat(group.sync(sync(a, 7)).join().errorCode()).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(group.join(join("nobody", null, "range"), "c", "h", true, false)
                        .join()
                        .errorCode())
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(group.join(join("", null, "roundrobin"), "c", "h", true, false)
                        .join()
                        .errorCode())
                .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
        assertThat(group.join(join("", null), "c", "h", true, false).join().errorCode())
                .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
        assertThat(group.heartbeat(a, null, 1)).isEqualTo(Errors.NONE);
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
    }

    @Test
    void anExpiredSessionRemovesTheMemberAndTheOthersRebalance() {
        String a = newMemberId();
        String b = newMemberId();
        var joinA = group.join(join(a, null, "range"), "c", "h", true, false);
        group.join(join(b, null, "range"), "c", "h", true, false);
        String leader = joinA.join().leader();
        group.sync(sync(a, 1));
        group.sync(sync(b, 1));
        assertThat(group.state()).isEqualTo(GroupState.STABLE);

        // b keeps heartbeating, a falls silent
        for (int i = 0; i < 4; i++) {
            runtime.advance(3_000);
            group.heartbeat(b, null, 1);
        }
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(group.heartbeat(b, null, 1)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
        JoinGroupResponseData rejoined =
                group.join(join(b, null, "range"), "c", "h", true, false).join();
        assertThat(rejoined.generationId()).isEqualTo(2);
        assertThat(rejoined.leader()).isEqualTo(b);
        assertThat(rejoined.members()).hasSize(1);
        assertThat(leader).isIn(a, b);
    }

    @Test
    void leavingEmptiesTheGroupAndAStaticMemberRejoinsWithoutARebalance() {
        JoinGroupResponseData first = group.join(join("", "instance-1", "range"), "c", "h", true, false)
                .join();
        assertThat(first.errorCode()).isEqualTo(Errors.NONE.code());
        group.sync(sync(first.memberId(), 1)).join();
        assertThat(group.state()).isEqualTo(GroupState.STABLE);

        // The same instance restarts with a new member id: no new generation, the old id is fenced.
        JoinGroupResponseData again = group.join(join("", "instance-1", "range"), "c", "h", true, false)
                .join();
        assertThat(again.generationId()).isEqualTo(1);
        assertThat(again.memberId()).isNotEqualTo(first.memberId());
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        assertThat(group.heartbeat(first.memberId(), "instance-1", 1)).isEqualTo(Errors.FENCED_INSTANCE_ID);
        assertThat(group.heartbeat(again.memberId(), "instance-1", 1)).isEqualTo(Errors.NONE);

        var results = group.leave(List.of(
                new LeaveGroupRequestData.MemberIdentity().setMemberId("").setGroupInstanceId("instance-1")));
        assertThat(results.get(0).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(group.state()).isEqualTo(GroupState.EMPTY);
        assertThat(group.validateCommit("", null, -1)).isEqualTo(Errors.NONE);
    }

    @Test
    void aCommitFromOutsideAnActiveGroupIsRefused() {
        String a = newMemberId();
        group.join(join(a, null, "range"), "c", "h", true, false).join();
        assertThat(group.validateCommit("", null, -1)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
        group.sync(sync(a, 1)).join();
        assertThat(group.validateCommit("", null, -1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        assertThat(group.validateCommit(a, null, 0)).isEqualTo(Errors.ILLEGAL_GENERATION);
        assertThat(group.validateCommit(a, null, 1)).isEqualTo(Errors.NONE);
    }

    @Test
    void anEmptyGroupWithACommitBeingWrittenIsNotForgottenUnderIt() {
        TopicPartition tp = new TopicPartition("t", 0);
        assertThat(group.beginCommit()).isTrue();
        assertThat(group.markDeadIfOffsetless())
                .as("the offset expiry must not drop the group while its commit is written")
                .isFalse();
        group.endCommit(Map.of(tp, new CommittedOffset(5, -1, "", runtime.now())), 0);
        assertThat(group.offsets()).containsKey(tp);

        group.removeOffsets(Set.of(tp));
        assertThat(group.beginCommit()).isTrue();
        group.endCommit(null, -1); // the write failed
        assertThat(group.markDeadIfOffsetless()).isTrue();
        assertThat(group.beginCommit()).as("a dead group takes no commit").isFalse();
    }

    @Test
    void offsetsOfAnEmptyGroupExpireAfterTheRetentionCountedFromWhenItBecameEmpty() {
        TopicPartition tp = new TopicPartition("t", 0);
        String a = newMemberId();
        group.join(join(a, null, "range"), "c", "h", true, false).join();
        group.sync(sync(a, 1)).join();
        assertThat(group.beginCommit()).isTrue();
        group.endCommit(Map.of(tp, new CommittedOffset(5, -1, "", runtime.now())), 0);
        long retention = 60_000;
        for (int i = 0; i < 15; i++) {
            runtime.advance(8_000);
            assertThat(group.heartbeat(a, null, 1)).isEqualTo(Errors.NONE);
        }
        assertThat(group.expiredOffsets(runtime.now(), retention))
                .as("not while the group has members")
                .isEmpty();

        group.leave(List.of(new LeaveGroupRequestData.MemberIdentity().setMemberId(a)));
        assertThat(group.state()).isEqualTo(GroupState.EMPTY);
        runtime.advance(retention - 1);
        assertThat(group.expiredOffsets(runtime.now(), retention)).isEmpty();
        runtime.advance(1);
        assertThat(group.expiredOffsets(runtime.now(), retention)).containsExactly(tp);
        group.removeOffsets(Set.of(tp));
        assertThat(group.markDeadIfOffsetless()).isTrue();
    }

    @Test
    void aNewGroupWaitsTheInitialDelayAgainWhileMembersKeepArriving() {
        GroupConfig d = GroupConfig.defaults();
        ManualRuntime delayed = new ManualRuntime(new GroupConfig(
                d.offsetsTopicPartitions(),
                d.offsetsTopicReplicationFactor(),
                d.offsetsRetentionMs(),
                d.offsetsRetentionCheckIntervalMs(),
                d.offsetCommitTimeoutMs(),
                d.offsetMetadataMaxBytes(),
                3_000,
                d.minSessionTimeoutMs(),
                d.maxSessionTimeoutMs(),
                d.maxSize()));
        ClassicGroup fresh = new ClassicGroup("fresh", delayed);
        CompletableFuture<JoinGroupResponseData> a = fresh.join(join("", null, "range"), "c", "h", false, false);
        delayed.advance(2_000);
        CompletableFuture<JoinGroupResponseData> b = fresh.join(join("", null, "range"), "c", "h", false, false);
        delayed.advance(1_000);
        assertThat(a).as("b arrived during the delay: another delay begins").isNotDone();
        delayed.advance(2_999);
        assertThat(a).isNotDone();
        delayed.advance(1);
        assertThat(a.join().generationId()).isEqualTo(1);
        assertThat(b.join().generationId()).isEqualTo(1);
        assertThat(a.join().members().size() + b.join().members().size()).isEqualTo(2);
    }

    /** Dynamic members a and b join (a leads), a syncs the assignment: a stable generation 1. */
    private List<String> stableGroupOfTwo(int rebalanceTimeoutMs) {
        String a = newMemberId();
        String b = newMemberId();
        CompletableFuture<JoinGroupResponseData> joinA =
                group.join(join(a, null, "range").setRebalanceTimeoutMs(rebalanceTimeoutMs), "c", "h", true, true);
        group.join(join(b, null, "range").setRebalanceTimeoutMs(rebalanceTimeoutMs), "c", "h", true, true);
        assertThat(joinA.getNow(null)).isNotNull();
        assertThat(joinA.join().leader()).isEqualTo(a);
        SyncGroupRequestData leaderSync = sync(a, 1);
        leaderSync
                .assignments()
                .add(new SyncGroupRequestData.SyncGroupRequestAssignment()
                        .setMemberId(b)
                        .setAssignment(new byte[] {7}));
        assertThat(group.sync(leaderSync).getNow(null)).isNotNull();
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        return List.of(a, b);
    }

    /**
     * KIP-814, as Kafka 4.4 answers it: a static leader restarted in a stable group rejoins with other metadata
     * (a new consumer owns no partitions yet), and since the group's protocol stays the one selected, nobody
     * rebalances: the other member's heartbeats keep getting NONE, and the leader is told to skip the assignment.
     */
    @Test
    void aRestartedStaticLeaderDoesNotRebalanceAStableGroup() {
        // The leader alone first (generation 1), then the other joins and both form generation 2.
        String leader = group.join(join("", "leader-instance", "range"), "c", "h", true, true)
                .join()
                .memberId();
        group.sync(sync(leader, 1).setGroupInstanceId("leader-instance")).join();
        CompletableFuture<JoinGroupResponseData> other =
                group.join(join("", "other-instance", "range"), "c", "h", true, true);
        group.join(join(leader, "leader-instance", "range"), "c", "h", true, true)
                .join();
        String otherId = other.getNow(null).memberId();
        SyncGroupRequestData leaderSync = sync(leader, 2).setGroupInstanceId("leader-instance");
        leaderSync
                .assignments()
                .add(new SyncGroupRequestData.SyncGroupRequestAssignment()
                        .setMemberId(otherId)
                        .setAssignment(new byte[] {7}));
        assertThat(group.sync(leaderSync).getNow(null)).isNotNull();
        assertThat(group.sync(sync(otherId, 2).setGroupInstanceId("other-instance"))
                        .getNow(null)
                        .assignment())
                .containsExactly(7);
        List<String> ids = List.of(leader, otherId);

        JoinGroupRequestData restarted = join("", "leader-instance", "range");
        restarted.protocols().find("range").setMetadata(new byte[] {9, 9}); // not what the old incarnation sent
        JoinGroupResponseData again =
                group.join(restarted, "c", "h", true, true).join();
        assertThat(Errors.forCode(again.errorCode())).isEqualTo(Errors.NONE);
        assertThat(again.generationId()).isEqualTo(2);
        assertThat(again.skipAssignment()).isTrue();
        assertThat(again.leader()).isEqualTo(again.memberId());
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        assertThat(group.heartbeat(ids.get(1), "other-instance", 2)).isEqualTo(Errors.NONE);
        assertThat(group.heartbeat(ids.get(0), "leader-instance", 2)).isEqualTo(Errors.FENCED_INSTANCE_ID);
    }

    /**
     * Kafka's pending-SyncGroup timeout: a member that joined a generation but never syncs it is removed after the
     * rebalance timeout, heartbeats or not, and the group rebalances without it. Before, its heartbeats kept it,
     * and its partitions, for as long as they went on.
     */
    @Test
    void aMemberThatJoinsAndNeverSyncsIsRemovedAfterTheRebalanceTimeout() {
        List<String> ids = stableGroupOfTwo(30_000);
        String silent = ids.get(1);
        for (int second = 0; second < 30; second += 3) {
            assertThat(group.heartbeat(silent, null, 1)).isEqualTo(Errors.NONE);
            assertThat(group.heartbeat(ids.get(0), null, 1)).isEqualTo(Errors.NONE);
            runtime.advance(3_000);
        }
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(group.heartbeat(silent, null, 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        assertThat(group.heartbeat(ids.get(0), null, 1)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
        JoinGroupResponseData alone = group.join(join(ids.get(0), null, "range"), "c", "h", true, false)
                .join();
        assertThat(alone.generationId()).isEqualTo(2);
        assertThat(alone.members())
                .extracting(JoinGroupResponseData.JoinGroupResponseMember::memberId)
                .containsExactly(ids.get(0));
    }

    /**
     * Kafka's new-member join timeout: a member joining for the first time whose JoinGroup waits for a long
     * rebalance (the others' rebalance timeout is 10 minutes) is dropped after 5 minutes; the rebalance then
     * completes without it.
     */
    @Test
    void aNewMemberWaitingForALongRebalanceIsDroppedAfterFiveMinutes() {
        String a = newMemberId();
        group.join(join(a, null, "range").setRebalanceTimeoutMs(600_000), "c", "h", true, false)
                .join();
        group.sync(sync(a, 1)).join();
        String newcomer = newMemberId();
        CompletableFuture<JoinGroupResponseData> waiting =
                group.join(join(newcomer, null, "range").setRebalanceTimeoutMs(600_000), "c", "h", true, false);
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        for (int second = 0; second < 297; second += 3) {
            assertThat(group.heartbeat(a, null, 1)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
            runtime.advance(3_000);
        }
        assertThat(waiting).isNotDone();
        runtime.advance(3_000);
        assertThat(Errors.forCode(waiting.join().errorCode())).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        JoinGroupResponseData rejoined = group.join(
                        join(a, null, "range").setRebalanceTimeoutMs(600_000), "c", "h", true, false)
                .join();
        assertThat(rejoined.members())
                .extracting(JoinGroupResponseData.JoinGroupResponseMember::memberId)
                .containsExactly(a);
    }
}
