package io.partita.broker.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group of Kafka's classic protocol and its committed offsets: the state machine of Kafka's
 * {@code ClassicGroup} and {@code GroupMetadataManager}. Every method runs under the group's lock (this
 * object), so each group's transitions are serialized while different groups proceed in parallel. Parked
 * JoinGroup and SyncGroup requests are futures completed later, by another member's request, a timer or a
 * finished write; nothing here blocks.
 *
 * <p>Eager and cooperative rebalancing need nothing different from the coordinator: a cooperative consumer
 * simply rejoins, with changed metadata, after giving partitions up, which starts the next rebalance.
 */
public final class ClassicGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicGroup.class);
    private static final byte[] EMPTY = new byte[0];

    final String groupId;
    final GroupRuntime runtime;
    GroupState state = GroupState.EMPTY;
    private long stateTimestamp;
    String protocolType = "";
    String protocolName;
    String leaderId;
    int generation;
    final Map<String, GroupMember> members = new LinkedHashMap<>();
    /** group.instance.id -> the member id its current incarnation has. */
    final Map<String, String> staticMembers = new HashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED whose owner has not joined with them yet. */
    final Set<String> pendingMembers = new HashSet<>();
    /** Members of the current generation that have not sent their SyncGroup yet. */
    final Set<String> pendingSync = new HashSet<>();

    private final GroupOffsets offsets = new GroupOffsets();
    boolean unloaded;
    /** JoinGroup and the join phase of a rebalance, under this group's lock. */
    final GroupJoins joins = new GroupJoins(this);
    /** Sessions and the other timeouts of members, under this group's lock. */
    final MemberTimeouts timeouts = new MemberTimeouts(this);

    ClassicGroup(String groupId, GroupRuntime runtime) {
        this.groupId = groupId;
        this.runtime = runtime;
        this.stateTimestamp = runtime.now();
    }

    /** A group as loaded from the log by a new coordinator: it goes on in its generation, its members' sessions start afresh. */
    static ClassicGroup restore(
            String groupId,
            GroupRuntime runtime,
            GroupSnapshot snapshot,
            Map<TopicPartition, CommittedOffset> offsets) {
        ClassicGroup group = new ClassicGroup(groupId, runtime);
        synchronized (group) {
            group.offsets.restore(offsets);
            if (snapshot != null) {
                group.protocolType = snapshot.protocolType();
                group.generation = snapshot.generation();
                group.stateTimestamp = snapshot.stateTimestamp();
                for (GroupSnapshot.Member m : snapshot.members()) {
                    LinkedHashMap<String, byte[]> protocols = new LinkedHashMap<>();
                    protocols.put(snapshot.protocolName(), m.subscription());
                    GroupMember member = new GroupMember(
                            m.memberId(),
                            m.groupInstanceId(),
                            m.clientId(),
                            m.clientHost(),
                            m.rebalanceTimeoutMs(),
                            m.sessionTimeoutMs(),
                            protocols);
                    member.assignment = m.assignment();
                    group.members.put(member.memberId, member);
                    if (member.groupInstanceId != null) {
                        group.staticMembers.put(member.groupInstanceId, member.memberId);
                    }
                }
                if (!group.members.isEmpty()) {
                    group.protocolName = snapshot.protocolName();
                    group.leaderId = group.members.containsKey(snapshot.leaderId())
                            ? snapshot.leaderId()
                            : group.members.keySet().iterator().next();
                    group.state = GroupState.STABLE;
                    group.members.values().forEach(group::touch);
                }
            }
        }
        return group;
    }

    public String groupId() {
        return groupId;
    }

    public synchronized GroupState state() {
        return state;
    }

    public synchronized String protocolType() {
        return protocolType;
    }

    public synchronized int generation() {
        return generation;
    }

    synchronized int size() {
        return members.size();
    }

    // ---------------------------------------------------------------- JoinGroup

    /**
     * @param requireKnownMemberId JoinGroup v4+: a new dynamic member first gets its id with MEMBER_ID_REQUIRED
     * @param supportsSkipAssignment JoinGroup v9+: a rejoining static leader is told to skip the assignment
     */
    public synchronized CompletableFuture<JoinGroupResponseData> join(
            JoinGroupRequestData request,
            String clientId,
            String clientHost,
            boolean requireKnownMemberId,
            boolean supportsSkipAssignment) {
        return joins.join(request, clientId, clientHost, requireKnownMemberId, supportsSkipAssignment);
    }

    static JoinGroupResponseData joinErrorData(String memberId, Errors error) {
        return new JoinGroupResponseData()
                .setErrorCode(error.code())
                .setMemberId(memberId == null ? "" : memberId)
                .setGenerationId(-1)
                .setProtocolName(null)
                .setLeader("");
    }

    // ---------------------------------------------------------------- SyncGroup

    public synchronized CompletableFuture<SyncGroupResponseData> sync(SyncGroupRequestData request) {
        if (state == GroupState.DEAD || unloaded) {
            return CompletableFuture.completedFuture(syncError(Errors.COORDINATOR_NOT_AVAILABLE));
        }
        Errors invalid = validateMember(request.memberId(), request.groupInstanceId());
        if (invalid != Errors.NONE) {
            return CompletableFuture.completedFuture(syncError(invalid));
        }
        if (request.generationId() != generation) {
            return CompletableFuture.completedFuture(syncError(Errors.ILLEGAL_GENERATION));
        }
        if ((request.protocolType() != null && !request.protocolType().equals(protocolType))
                || (request.protocolName() != null && !request.protocolName().equals(protocolName))) {
            return CompletableFuture.completedFuture(syncError(Errors.INCONSISTENT_GROUP_PROTOCOL));
        }
        GroupMember member = members.get(request.memberId());
        if (state != GroupState.PREPARING_REBALANCE) {
            pendingSync.remove(member.memberId);
        }
        switch (state) {
            case PREPARING_REBALANCE -> {
                return CompletableFuture.completedFuture(syncError(Errors.REBALANCE_IN_PROGRESS));
            }
            case STABLE -> {
                touch(member);
                return CompletableFuture.completedFuture(syncResponse(member.assignment));
            }
            case COMPLETING_REBALANCE -> {
                touch(member);
                if (member.awaitingSync != null) {
                    member.awaitingSync.complete(syncError(Errors.REBALANCE_IN_PROGRESS));
                }
                member.awaitingSync = new CompletableFuture<>();
                CompletableFuture<SyncGroupResponseData> future = member.awaitingSync;
                if (member.memberId.equals(leaderId)) {
                    applyLeaderAssignment(request);
                }
                return future;
            }
            default -> {
                return CompletableFuture.completedFuture(syncError(Errors.UNKNOWN_MEMBER_ID));
            }
        }
    }

    /** The leader's assignment is persisted before anyone gets it, so a new coordinator serves the same one. */
    private void applyLeaderAssignment(SyncGroupRequestData request) {
        Map<String, byte[]> assignments = new HashMap<>();
        request.assignments().forEach(a -> assignments.put(a.memberId(), a.assignment()));
        int gen = generation;
        Map<String, byte[]> full = new HashMap<>();
        members.keySet().forEach(id -> full.put(id, assignments.getOrDefault(id, EMPTY)));
        runtime.write(List.of(groupRecord(full))).whenComplete((pos, error) -> {
            synchronized (this) {
                if (gen != generation || state != GroupState.COMPLETING_REBALANCE || unloaded) {
                    return; // a rebalance began meanwhile; its members were told
                }
                if (error != null) {
                    Errors code = GroupErrors.forWrite(error, false);
                    LOG.warn("Group {}: could not persist the assignment of generation {}: {}", groupId, gen, code);
                    members.values().forEach(m -> {
                        m.assignment = EMPTY;
                        if (m.awaitingSync != null) {
                            m.awaitingSync.complete(syncError(code));
                            m.awaitingSync = null;
                        }
                    });
                    joins.prepareRebalance("the assignment could not be persisted");
                    return;
                }
                members.values().forEach(m -> m.assignment = full.getOrDefault(m.memberId, EMPTY));
                transition(GroupState.STABLE);
                LOG.info("Group {} is stable in generation {}", groupId, gen);
                members.values().forEach(m -> {
                    if (m.awaitingSync != null) {
                        m.awaitingSync.complete(syncResponse(m.assignment));
                        m.awaitingSync = null;
                    }
                });
            }
        });
    }

    private SyncGroupResponseData syncResponse(byte[] assignment) {
        return new SyncGroupResponseData()
                .setErrorCode(Errors.NONE.code())
                .setProtocolType(protocolType)
                .setProtocolName(protocolName)
                .setAssignment(assignment);
    }

    static SyncGroupResponseData syncError(Errors error) {
        return new SyncGroupResponseData().setErrorCode(error.code()).setAssignment(EMPTY);
    }

    // ---------------------------------------------------------------- Heartbeat and LeaveGroup

    public synchronized Errors heartbeat(String memberId, String instanceId, int generationId) {
        if (state == GroupState.DEAD || unloaded) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        Errors invalid = validateMember(memberId, instanceId);
        if (invalid != Errors.NONE) {
            return invalid;
        }
        if (generationId != generation) {
            return Errors.ILLEGAL_GENERATION;
        }
        GroupMember member = members.get(memberId);
        return switch (state) {
            case PREPARING_REBALANCE -> {
                touch(member);
                yield Errors.REBALANCE_IN_PROGRESS;
            }
            case COMPLETING_REBALANCE, STABLE -> {
                touch(member);
                yield Errors.NONE;
            }
            default -> Errors.UNKNOWN_MEMBER_ID;
        };
    }

    /** Removes members by id or by group.instance.id (LeaveGroup, or the admin client's removeMembersFromConsumerGroup). */
    public synchronized List<LeaveGroupResponseData.MemberResponse> leave(
            List<LeaveGroupRequestData.MemberIdentity> leaving) {
        List<LeaveGroupResponseData.MemberResponse> results = new ArrayList<>();
        for (LeaveGroupRequestData.MemberIdentity identity : leaving) {
            results.add(new LeaveGroupResponseData.MemberResponse()
                    .setMemberId(identity.memberId())
                    .setGroupInstanceId(identity.groupInstanceId())
                    .setErrorCode(leaveOne(identity.memberId(), identity.groupInstanceId())
                            .code()));
        }
        return results;
    }

    private Errors leaveOne(String memberId, String instanceId) {
        if (state == GroupState.DEAD || unloaded) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (instanceId != null) {
            String current = staticMembers.get(instanceId);
            if (current == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            if (!memberId.isEmpty() && !memberId.equals(current)) {
                return Errors.FENCED_INSTANCE_ID;
            }
            removeMember(members.get(current), "static member " + instanceId + " left");
            return Errors.NONE;
        }
        if (pendingMembers.remove(memberId)) {
            joins.tryCompleteJoin();
            return Errors.NONE;
        }
        GroupMember member = members.get(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        removeMember(member, "member " + memberId + " left");
        return Errors.NONE;
    }

    void removeMember(GroupMember member, String reason) {
        forget(member);
        if (member.awaitingJoin != null) {
            member.awaitingJoin.complete(joinErrorData(member.memberId, Errors.UNKNOWN_MEMBER_ID));
        }
        if (member.awaitingSync != null) {
            member.awaitingSync.complete(syncError(Errors.UNKNOWN_MEMBER_ID));
        }
        switch (state) {
            case STABLE, COMPLETING_REBALANCE -> joins.prepareRebalance(reason);
            case PREPARING_REBALANCE -> joins.tryCompleteJoin();
            default -> {}
        }
    }

    void forget(GroupMember member) {
        members.remove(member.memberId);
        pendingSync.remove(member.memberId);
        if (member.groupInstanceId != null && member.memberId.equals(staticMembers.get(member.groupInstanceId))) {
            staticMembers.remove(member.groupInstanceId);
        }
        if (member.memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    Errors validateMember(String memberId, String instanceId) {
        if (instanceId != null) {
            String current = staticMembers.get(instanceId);
            if (current == null) {
                return members.containsKey(memberId) ? Errors.FENCED_INSTANCE_ID : Errors.UNKNOWN_MEMBER_ID;
            }
            if (!current.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
            return Errors.NONE;
        }
        return members.containsKey(memberId) ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
    }

    // ---------------------------------------------------------------- sessions

    /** Any sign of life (heartbeat, join, sync) restarts the member's session. */
    void touch(GroupMember member) {
        timeouts.touch(member);
    }

    void transition(GroupState next) {
        state = next;
        stateTimestamp = runtime.now();
    }

    // ---------------------------------------------------------------- offsets

    /**
     * Kafka's checks for a commit by a classic group's member; a commit without generation and member id (the
     * admin client, or a consumer with manual assignment) is allowed while the group has no members.
     */
    public synchronized Errors validateCommit(String memberId, String instanceId, int generationId) {
        if (state == GroupState.DEAD || unloaded) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (generationId < 0 && state == GroupState.EMPTY) {
            return Errors.NONE;
        }
        if (state == GroupState.COMPLETING_REBALANCE) {
            return Errors.REBALANCE_IN_PROGRESS;
        }
        Errors invalid = validateMember(memberId, instanceId);
        if (invalid != Errors.NONE) {
            return invalid;
        }
        if (generationId != generation) {
            return Errors.ILLEGAL_GENERATION;
        }
        touch(members.get(memberId));
        return Errors.NONE;
    }

    /**
     * A commit accepted by {@link #validateCommit} goes to the log: until {@link #endCommit} the group counts as
     * holding offsets, so the offset expiry, which forgets an empty group without offsets, cannot drop it (and the
     * commit with it) meanwhile. False when the group is already gone: the client looks it up again.
     */
    synchronized boolean beginCommit() {
        if (state == GroupState.DEAD || unloaded) {
            return false;
        }
        offsets.commitStarted();
        return true;
    }

    /**
     * The commit begun with {@link #beginCommit} was written at {@code logPosition} (its offsets recorded; a slower,
     * older write never replaces what a newer one committed), or failed ({@code committed} null).
     */
    synchronized void endCommit(Map<TopicPartition, CommittedOffset> committed, long logPosition) {
        offsets.commitEnded();
        if (committed != null) {
            offsets.apply(committed, logPosition);
        }
    }

    synchronized void removeOffsets(Set<TopicPartition> partitions) {
        offsets.remove(partitions);
    }

    public synchronized Map<TopicPartition, CommittedOffset> offsets() {
        return offsets.snapshot();
    }

    /** The topics the members subscribe to (consumer protocol only), for OffsetDelete. */
    synchronized Set<String> subscribedTopics() {
        Set<String> topics = new HashSet<>();
        if (!ConsumerProtocolNames.TYPE.equals(protocolType) || protocolName == null) {
            return topics;
        }
        for (GroupMember member : members.values()) {
            topics.addAll(ConsumerProtocolNames.topics(member.metadata(protocolName)));
        }
        return topics;
    }

    /**
     * Offsets past offsets.retention.minutes: of an empty group, counted from when it became empty (or from
     * the commit, if later); of a group that only commits (no protocol type), from each commit.
     */
    synchronized Set<TopicPartition> expiredOffsets(long now, long retentionMs) {
        if (state != GroupState.EMPTY) {
            return Set.of();
        }
        return offsets.olderThan(
                now,
                retentionMs,
                offset -> protocolType.isEmpty()
                        ? offset.commitTimestamp()
                        : Math.max(stateTimestamp, offset.commitTimestamp()));
    }

    // ---------------------------------------------------------------- lifecycle and records

    /** DeleteGroups: only a group without members can go. Marks it dead and returns the tombstones to write. */
    synchronized Errors markDeleted() {
        if (state == GroupState.DEAD || unloaded) {
            return Errors.GROUP_ID_NOT_FOUND;
        }
        if (state != GroupState.EMPTY) {
            return Errors.NON_EMPTY_GROUP;
        }
        transition(GroupState.DEAD);
        return Errors.NONE;
    }

    synchronized List<SimpleRecord> tombstones() {
        long now = runtime.now();
        List<SimpleRecord> records = new ArrayList<>();
        offsets.partitions()
                .forEach(tp -> records.add(new SimpleRecord(now, GroupRecords.offsetKey(groupId, tp), null)));
        records.add(new SimpleRecord(now, GroupRecords.groupKey(groupId), null));
        return records;
    }

    /** Whether an empty group can be forgotten: no members, no offsets. */
    synchronized boolean isEmptyAndOffsetless() {
        return state == GroupState.EMPTY && offsets.isEmpty() && pendingMembers.isEmpty();
    }

    synchronized boolean markDeadIfOffsetless() {
        if (isEmptyAndOffsetless()) {
            transition(GroupState.DEAD);
            return true;
        }
        return false;
    }

    /** This node no longer coordinates the group: everyone waiting is told to look the coordinator up again. */
    synchronized void unload() {
        unloaded = true;
        for (GroupMember member : members.values()) {
            if (member.awaitingJoin != null) {
                member.awaitingJoin.complete(joinErrorData(member.memberId, Errors.NOT_COORDINATOR));
                member.awaitingJoin = null;
            }
            if (member.awaitingSync != null) {
                member.awaitingSync.complete(syncError(Errors.NOT_COORDINATOR));
                member.awaitingSync = null;
            }
        }
    }

    SimpleRecord groupRecord() {
        Map<String, byte[]> current = new HashMap<>();
        members.values().forEach(m -> current.put(m.memberId, m.assignment));
        return groupRecord(current);
    }

    SimpleRecord groupRecord(Map<String, byte[]> assignments) {
        List<GroupSnapshot.Member> snapshotMembers = new ArrayList<>();
        for (GroupMember m : members.values()) {
            snapshotMembers.add(new GroupSnapshot.Member(
                    m.memberId,
                    m.groupInstanceId,
                    m.clientId,
                    m.clientHost,
                    m.rebalanceTimeoutMs,
                    m.sessionTimeoutMs,
                    m.metadata(protocolName),
                    assignments.getOrDefault(m.memberId, EMPTY)));
        }
        GroupSnapshot snapshot =
                new GroupSnapshot(protocolType, generation, protocolName, leaderId, stateTimestamp, snapshotMembers);
        return new SimpleRecord(runtime.now(), GroupRecords.groupKey(groupId), GroupRecords.groupValue(snapshot));
    }

    /** DescribeGroups: members with metadata and assignment once stable, as Kafka describes them. */
    public synchronized DescribeGroupsResponseData.DescribedGroup describe() {
        boolean stable = state == GroupState.STABLE;
        DescribeGroupsResponseData.DescribedGroup described = new DescribeGroupsResponseData.DescribedGroup()
                .setGroupId(groupId)
                .setErrorCode(Errors.NONE.code())
                .setGroupState(state.kafkaName())
                .setProtocolType(protocolType)
                .setProtocolData(stable && protocolName != null ? protocolName : "");
        if (state != GroupState.DEAD) {
            for (GroupMember m : members.values()) {
                described
                        .members()
                        .add(new DescribeGroupsResponseData.DescribedGroupMember()
                                .setMemberId(m.memberId)
                                .setGroupInstanceId(m.groupInstanceId)
                                .setClientId(m.clientId)
                                .setClientHost(m.clientHost)
                                .setMemberMetadata(stable ? m.metadata(protocolName) : EMPTY)
                                .setMemberAssignment(stable ? m.assignment : EMPTY));
            }
        }
        return described;
    }
}
