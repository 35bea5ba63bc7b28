package io.partita.broker.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    private static final Logger log = LoggerFactory.getLogger(ClassicGroup.class);
    private static final byte[] EMPTY = new byte[0];

    private final String groupId;
    private final GroupRuntime runtime;
    private GroupState state = GroupState.EMPTY;
    private long stateTimestamp;
    private String protocolType = "";
    private String protocolName;
    private String leaderId;
    private int generation;
    private final Map<String, GroupMember> members = new LinkedHashMap<>();
    /** group.instance.id -> the member id its current incarnation has. */
    private final Map<String, String> staticMembers = new HashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED whose owner has not joined with them yet. */
    private final Set<String> pendingMembers = new HashSet<>();
    /** Members of the current generation that have not sent their SyncGroup yet. */
    private final Set<String> pendingSync = new HashSet<>();
    private final Map<TopicPartition, CommittedOffset> offsets = new HashMap<>();
    /** The log offset each committed offset was written at: a commit answered late never overwrites a newer one. */
    private final Map<TopicPartition, Long> offsetPositions = new HashMap<>();
    /** Increments whenever a join phase begins, so a stale timer of an earlier phase does nothing. */
    private int joinPhase;
    private boolean initialDelayRunning;
    /** A member joined during the initial delay: the delay goes on (Kafka's InitialDelayedJoin). */
    private boolean newMemberAdded;
    private boolean unloaded;

    ClassicGroup(String groupId, GroupRuntime runtime) {
        this.groupId = groupId;
        this.runtime = runtime;
        this.stateTimestamp = runtime.now();
    }

    /** A group as loaded from the log by a new coordinator: it goes on in its generation, its members' sessions start afresh. */
    static ClassicGroup restore(String groupId, GroupRuntime runtime, GroupSnapshot snapshot,
                                Map<TopicPartition, CommittedOffset> offsets) {
        ClassicGroup group = new ClassicGroup(groupId, runtime);
        synchronized (group) {
            group.offsets.putAll(offsets);
            if (snapshot != null) {
                group.protocolType = snapshot.protocolType();
                group.generation = snapshot.generation();
                group.stateTimestamp = snapshot.stateTimestamp();
                for (GroupSnapshot.Member m : snapshot.members()) {
                    LinkedHashMap<String, byte[]> protocols = new LinkedHashMap<>();
                    protocols.put(snapshot.protocolName(), m.subscription());
                    GroupMember member = new GroupMember(m.memberId(), m.groupInstanceId(), m.clientId(),
                            m.clientHost(), m.rebalanceTimeoutMs(), m.sessionTimeoutMs(), protocols);
                    member.assignment = m.assignment();
                    group.members.put(member.memberId, member);
                    if (member.groupInstanceId != null) {
                        group.staticMembers.put(member.groupInstanceId, member.memberId);
                    }
                }
                if (!group.members.isEmpty()) {
                    group.protocolName = snapshot.protocolName();
                    group.leaderId = group.members.containsKey(snapshot.leaderId()) ? snapshot.leaderId()
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
    public synchronized CompletableFuture<JoinGroupResponseData> join(JoinGroupRequestData request, String clientId,
                                                                      String clientHost, boolean requireKnownMemberId,
                                                                      boolean supportsSkipAssignment) {
        String memberId = request.memberId();
        if (state == GroupState.DEAD || unloaded) {
            // Deleted or unloaded meanwhile: the client looks the coordinator up again.
            return joinError(memberId, Errors.COORDINATOR_NOT_AVAILABLE);
        }
        LinkedHashMap<String, byte[]> protocols = new LinkedHashMap<>();
        request.protocols().forEach(p -> protocols.putIfAbsent(p.name(), p.metadata()));
        if (!supportsProtocols(request.protocolType(), protocols.keySet())) {
            return joinError(memberId, Errors.INCONSISTENT_GROUP_PROTOCOL);
        }
        int rebalanceTimeout = request.rebalanceTimeoutMs() < 0 ? request.sessionTimeoutMs() : request.rebalanceTimeoutMs();
        String instanceId = request.groupInstanceId();
        boolean unknown = memberId.isEmpty();
        if (unknown) {
            if (instanceId != null && staticMembers.containsKey(instanceId)) {
                return replaceStaticMember(request, instanceId, protocols, clientId, clientHost, rebalanceTimeout,
                        supportsSkipAssignment);
            }
            if (members.size() + pendingMembers.size() >= runtime.config().maxSize()) {
                return joinError(memberId, Errors.GROUP_MAX_SIZE_REACHED);
            }
            String newId = (instanceId != null ? instanceId : clientId) + "-" + UUID.randomUUID();
            if (instanceId == null && requireKnownMemberId) {
                // KIP-394: the member retries with this id, so a client that never does costs only a pending slot.
                pendingMembers.add(newId);
                schedulePendingExpiry(newId, request.sessionTimeoutMs());
                return CompletableFuture.completedFuture(new JoinGroupResponseData()
                        .setErrorCode(Errors.MEMBER_ID_REQUIRED.code()).setMemberId(newId)
                        .setGenerationId(-1).setProtocolName(null).setLeader(""));
            }
            GroupMember member = new GroupMember(newId, instanceId, clientId, clientHost, rebalanceTimeout,
                    request.sessionTimeoutMs(), protocols);
            return addMemberAndRebalance(member, request.protocolType());
        }
        if (pendingMembers.remove(memberId)) {
            GroupMember member = new GroupMember(memberId, instanceId, clientId, clientHost, rebalanceTimeout,
                    request.sessionTimeoutMs(), protocols);
            return addMemberAndRebalance(member, request.protocolType());
        }
        Errors invalid = validateMember(memberId, instanceId);
        if (invalid != Errors.NONE) {
            return joinError(memberId, invalid);
        }
        GroupMember member = members.get(memberId);
        switch (state) {
            case PREPARING_REBALANCE -> {
                return updateMemberAndPark(member, protocols, clientId, clientHost, rebalanceTimeout, request.sessionTimeoutMs());
            }
            case COMPLETING_REBALANCE -> {
                if (member.sameProtocols(protocols)) {
                    // The JoinGroup response was lost: send it again.
                    touch(member);
                    return CompletableFuture.completedFuture(joinResponse(member, false));
                }
                return updateMemberAndRebalance(member, protocols, clientId, clientHost, rebalanceTimeout,
                        request.sessionTimeoutMs(), "member " + memberId + " changed its protocols");
            }
            case STABLE -> {
                if (memberId.equals(leaderId) || !member.sameProtocols(protocols)) {
                    return updateMemberAndRebalance(member, protocols, clientId, clientHost, rebalanceTimeout,
                            request.sessionTimeoutMs(), "member " + memberId + " rejoined");
                }
                touch(member);
                return CompletableFuture.completedFuture(joinResponse(member, false));
            }
            default -> {
                return joinError(memberId, Errors.UNKNOWN_MEMBER_ID);
            }
        }
    }

    private CompletableFuture<JoinGroupResponseData> replaceStaticMember(JoinGroupRequestData request, String instanceId,
                                                                         LinkedHashMap<String, byte[]> protocols,
                                                                         String clientId, String clientHost,
                                                                         int rebalanceTimeout, boolean supportsSkip) {
        String oldId = staticMembers.get(instanceId);
        GroupMember old = members.remove(oldId);
        String newId = instanceId + "-" + UUID.randomUUID();
        GroupMember member = old.withId(newId);
        member.clientId = clientId;
        member.clientHost = clientHost;
        member.sessionTimeoutMs = request.sessionTimeoutMs();
        member.rebalanceTimeoutMs = rebalanceTimeout;
        // The previous incarnation is fenced: whatever it still waits for ends with FENCED_INSTANCE_ID.
        if (old.awaitingJoin != null) {
            old.awaitingJoin.complete(joinErrorData(oldId, Errors.FENCED_INSTANCE_ID));
        }
        if (old.awaitingSync != null) {
            old.awaitingSync.complete(syncError(Errors.FENCED_INSTANCE_ID));
        }
        members.put(newId, member);
        staticMembers.put(instanceId, newId);
        if (oldId.equals(leaderId)) {
            leaderId = newId;
        }
        log.info("Group {}: static member {} rejoined as {} (was {})", groupId, instanceId, newId, oldId);
        member.protocols = protocols;
        if (state == GroupState.STABLE && protocolName != null && protocolName.equals(selectProtocol())) {
            // Kafka's rule (KIP-345, KIP-814): while the group's protocol stays the one selected, a rejoining
            // static member changes nothing for the others, whatever its metadata says: a restarted consumer's
            // subscription differs from its previous incarnation's (no owned partitions, no generation) and
            // comparing bytes made every restart a rebalance. It gets its current assignment with SyncGroup; the
            // id change is persisted first, so that a new coordinator knows the new incarnation.
            CompletableFuture<JoinGroupResponseData> response = new CompletableFuture<>();
            int gen = generation;
            touch(member);
            runtime.write(List.of(groupRecord())).whenComplete((pos, error) -> {
                synchronized (this) {
                    if (error != null) {
                        response.complete(joinErrorData("", GroupErrors.forWrite(error, false)));
                        return;
                    }
                    boolean isLeader = newId.equals(leaderId);
                    JoinGroupResponseData data = joinResponse(member, isLeader && supportsSkip);
                    data.setGenerationId(gen).setSkipAssignment(isLeader && supportsSkip);
                    response.complete(data);
                }
            });
            return response;
        }
        member.awaitingJoin = new CompletableFuture<>();
        CompletableFuture<JoinGroupResponseData> future = member.awaitingJoin;
        maybePrepareRebalance("static member " + instanceId + " rejoined with a change of protocol");
        return future;
    }

    private CompletableFuture<JoinGroupResponseData> addMemberAndRebalance(GroupMember member, String type) {
        member.awaitingJoin = new CompletableFuture<>();
        CompletableFuture<JoinGroupResponseData> future = member.awaitingJoin;
        members.put(member.memberId, member);
        member.isNew = true;
        scheduleNewMemberExpiry(member);
        if (member.groupInstanceId != null) {
            staticMembers.put(member.groupInstanceId, member.memberId);
        }
        if (members.size() == 1) {
            protocolType = type; // the first member defines the group's protocol type
        }
        if (leaderId == null) {
            leaderId = member.memberId;
        }
        touch(member);
        if (initialDelayRunning) {
            newMemberAdded = true;
        }
        maybePrepareRebalance("member " + member.memberId + " joined");
        return future;
    }

    private CompletableFuture<JoinGroupResponseData> updateMemberAndPark(GroupMember member,
                                                                         LinkedHashMap<String, byte[]> protocols,
                                                                         String clientId, String clientHost,
                                                                         int rebalanceTimeout, int sessionTimeout) {
        update(member, protocols, clientId, clientHost, rebalanceTimeout, sessionTimeout);
        if (member.awaitingJoin != null) {
            // A retried JoinGroup replaces the earlier one, which gets an answer to stop waiting.
            member.awaitingJoin.complete(joinErrorData(member.memberId, Errors.REBALANCE_IN_PROGRESS));
        }
        member.awaitingJoin = new CompletableFuture<>();
        CompletableFuture<JoinGroupResponseData> future = member.awaitingJoin;
        tryCompleteJoin();
        return future;
    }

    private CompletableFuture<JoinGroupResponseData> updateMemberAndRebalance(GroupMember member,
                                                                              LinkedHashMap<String, byte[]> protocols,
                                                                              String clientId, String clientHost,
                                                                              int rebalanceTimeout, int sessionTimeout,
                                                                              String reason) {
        update(member, protocols, clientId, clientHost, rebalanceTimeout, sessionTimeout);
        member.awaitingJoin = new CompletableFuture<>();
        CompletableFuture<JoinGroupResponseData> future = member.awaitingJoin;
        maybePrepareRebalance(reason);
        return future;
    }

    private void update(GroupMember member, LinkedHashMap<String, byte[]> protocols, String clientId,
                        String clientHost, int rebalanceTimeout, int sessionTimeout) {
        member.protocols = protocols;
        member.clientId = clientId;
        member.clientHost = clientHost;
        member.rebalanceTimeoutMs = rebalanceTimeout;
        member.sessionTimeoutMs = sessionTimeout;
        touch(member);
    }

    private boolean supportsProtocols(String type, Set<String> names) {
        if (type == null || type.isEmpty() || names.isEmpty()) {
            return false;
        }
        if (members.isEmpty()) {
            return true;
        }
        if (!type.equals(protocolType)) {
            return false;
        }
        Set<String> candidates = candidateProtocols();
        return names.stream().anyMatch(candidates::contains);
    }

    /** The protocols every member supports. */
    private Set<String> candidateProtocols() {
        Set<String> candidates = null;
        for (GroupMember member : members.values()) {
            if (candidates == null) {
                candidates = new HashSet<>(member.protocols.keySet());
            } else {
                candidates.retainAll(member.protocols.keySet());
            }
        }
        return candidates == null ? Set.of() : candidates;
    }

    /** Kafka's vote: each member votes for its most preferred protocol among those all support. */
    private String selectProtocol() {
        Set<String> candidates = candidateProtocols();
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (GroupMember member : members.values()) {
            member.protocols.keySet().stream().filter(candidates::contains).findFirst()
                    .ifPresent(p -> votes.merge(p, 1, Integer::sum));
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("group " + groupId + " has no common protocol"));
    }

    private void maybePrepareRebalance(String reason) {
        if (state == GroupState.PREPARING_REBALANCE) {
            tryCompleteJoin();
        } else {
            prepareRebalance(reason);
        }
    }

    private void prepareRebalance(String reason) {
        if (state == GroupState.COMPLETING_REBALANCE) {
            // The assignment being synced is void: its members will rejoin.
            members.values().forEach(m -> {
                m.assignment = EMPTY;
                if (m.awaitingSync != null) {
                    m.awaitingSync.complete(syncError(Errors.REBALANCE_IN_PROGRESS));
                    m.awaitingSync = null;
                }
            });
        }
        boolean wasEmpty = state == GroupState.EMPTY;
        transition(GroupState.PREPARING_REBALANCE);
        int phase = ++joinPhase;
        log.info("Group {} is preparing to rebalance in generation {}: {}", groupId, generation, reason);
        int rebalanceTimeout = members.values().stream().mapToInt(m -> m.rebalanceTimeoutMs).max().orElse(0);
        int delay = runtime.config().initialRebalanceDelayMs();
        if (wasEmpty && delay > 0) {
            // A new group waits a moment for more members, so that the first ones do not rebalance again at once.
            initialDelayRunning = true;
            newMemberAdded = false;
            runtime.schedule(() -> onInitialDelay(phase, Math.max(0, rebalanceTimeout - delay)),
                    Math.min(delay, rebalanceTimeout));
        } else {
            initialDelayRunning = false;
            runtime.schedule(() -> onJoinTimeout(phase), rebalanceTimeout);
            tryCompleteJoin();
        }
    }

    private synchronized void onInitialDelay(int phase, long remaining) {
        if (phase != joinPhase || state != GroupState.PREPARING_REBALANCE || unloaded) {
            return;
        }
        int delay = runtime.config().initialRebalanceDelayMs();
        if (newMemberAdded && remaining > 0) {
            // Members keep arriving: wait another delay, as long as the rebalance timeout allows.
            newMemberAdded = false;
            runtime.schedule(() -> onInitialDelay(phase, Math.max(0, remaining - delay)), Math.min(delay, remaining));
            return;
        }
        initialDelayRunning = false;
        if (!tryCompleteJoin()) {
            runtime.schedule(() -> onJoinTimeout(phase), remaining);
        }
    }

    private synchronized void onJoinTimeout(int phase) {
        if (phase == joinPhase && state == GroupState.PREPARING_REBALANCE && !initialDelayRunning && !unloaded) {
            completeJoin();
        }
    }

    private boolean tryCompleteJoin() {
        if (state != GroupState.PREPARING_REBALANCE || initialDelayRunning) {
            return false;
        }
        boolean allJoined = pendingMembers.isEmpty() && members.values().stream().allMatch(m -> m.awaitingJoin != null);
        if (allJoined) {
            completeJoin();
        }
        return allJoined;
    }

    /** The join phase ends: members that did not rejoin are out, a new generation begins. */
    private void completeJoin() {
        for (GroupMember member : List.copyOf(members.values())) {
            if (member.awaitingJoin == null) {
                log.info("Group {}: member {} did not rejoin in time and is removed", groupId, member.memberId);
                forget(member);
            }
        }
        pendingMembers.clear();
        generation++;
        if (members.isEmpty()) {
            protocolName = null;
            leaderId = null;
            transition(GroupState.EMPTY);
            log.info("Group {} is empty in generation {}", groupId, generation);
            runtime.write(List.of(groupRecord())).exceptionally(e -> {
                log.warn("Group {}: could not persist the empty generation: {}", groupId, e.toString());
                return null;
            });
            return;
        }
        protocolName = selectProtocol();
        if (leaderId == null || !members.containsKey(leaderId)) {
            leaderId = members.keySet().iterator().next();
        }
        transition(GroupState.COMPLETING_REBALANCE);
        log.info("Group {} formed generation {} with {} member(s), protocol {}, leader {}", groupId, generation,
                members.size(), protocolName, leaderId);
        pendingSync.clear();
        pendingSync.addAll(members.keySet());
        schedulePendingSyncExpiry(members.values().stream().mapToInt(m -> m.rebalanceTimeoutMs).max().orElse(0));
        for (GroupMember member : members.values()) {
            CompletableFuture<JoinGroupResponseData> waiting = member.awaitingJoin;
            member.awaitingJoin = null;
            member.isNew = false;
            member.assignment = EMPTY;
            touch(member);
            waiting.complete(joinResponse(member, false));
        }
    }

    private JoinGroupResponseData joinResponse(GroupMember member, boolean withMembersForSkip) {
        boolean isLeader = member.memberId.equals(leaderId);
        JoinGroupResponseData data = new JoinGroupResponseData()
                .setErrorCode(Errors.NONE.code())
                .setGenerationId(generation)
                .setProtocolType(protocolType)
                .setProtocolName(protocolName)
                .setLeader(leaderId)
                .setMemberId(member.memberId);
        if (isLeader && (withMembersForSkip || state != GroupState.STABLE)) {
            for (GroupMember m : members.values()) {
                data.members().add(new JoinGroupResponseData.JoinGroupResponseMember()
                        .setMemberId(m.memberId).setGroupInstanceId(m.groupInstanceId)
                        .setMetadata(m.metadata(protocolName)));
            }
        }
        return data;
    }

    private static CompletableFuture<JoinGroupResponseData> joinError(String memberId, Errors error) {
        return CompletableFuture.completedFuture(joinErrorData(memberId, error));
    }

    static JoinGroupResponseData joinErrorData(String memberId, Errors error) {
        return new JoinGroupResponseData().setErrorCode(error.code()).setMemberId(memberId == null ? "" : memberId)
                .setGenerationId(-1).setProtocolName(null).setLeader("");
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
                    log.warn("Group {}: could not persist the assignment of generation {}: {}", groupId, gen, code);
                    members.values().forEach(m -> {
                        m.assignment = EMPTY;
                        if (m.awaitingSync != null) {
                            m.awaitingSync.complete(syncError(code));
                            m.awaitingSync = null;
                        }
                    });
                    prepareRebalance("the assignment could not be persisted");
                    return;
                }
                members.values().forEach(m -> m.assignment = full.getOrDefault(m.memberId, EMPTY));
                transition(GroupState.STABLE);
                log.info("Group {} is stable in generation {}", groupId, gen);
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
        return new SyncGroupResponseData().setErrorCode(Errors.NONE.code()).setProtocolType(protocolType)
                .setProtocolName(protocolName).setAssignment(assignment);
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
    public synchronized List<LeaveGroupResponseData.MemberResponse> leave(List<LeaveGroupRequestData.MemberIdentity> leaving) {
        List<LeaveGroupResponseData.MemberResponse> results = new ArrayList<>();
        for (LeaveGroupRequestData.MemberIdentity identity : leaving) {
            results.add(new LeaveGroupResponseData.MemberResponse().setMemberId(identity.memberId())
                    .setGroupInstanceId(identity.groupInstanceId())
                    .setErrorCode(leaveOne(identity.memberId(), identity.groupInstanceId()).code()));
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
            tryCompleteJoin();
            return Errors.NONE;
        }
        GroupMember member = members.get(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        removeMember(member, "member " + memberId + " left");
        return Errors.NONE;
    }

    private void removeMember(GroupMember member, String reason) {
        forget(member);
        if (member.awaitingJoin != null) {
            member.awaitingJoin.complete(joinErrorData(member.memberId, Errors.UNKNOWN_MEMBER_ID));
        }
        if (member.awaitingSync != null) {
            member.awaitingSync.complete(syncError(Errors.UNKNOWN_MEMBER_ID));
        }
        switch (state) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(reason);
            case PREPARING_REBALANCE -> tryCompleteJoin();
            default -> { }
        }
    }

    private void forget(GroupMember member) {
        members.remove(member.memberId);
        pendingSync.remove(member.memberId);
        if (member.groupInstanceId != null && member.memberId.equals(staticMembers.get(member.groupInstanceId))) {
            staticMembers.remove(member.groupInstanceId);
        }
        if (member.memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    private Errors validateMember(String memberId, String instanceId) {
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
    private void touch(GroupMember member) {
        member.sessionDeadline = runtime.now() + member.sessionTimeoutMs;
        if (!member.expiryScheduled) {
            member.expiryScheduled = true;
            String id = member.memberId;
            runtime.schedule(() -> checkSession(id), member.sessionTimeoutMs);
        }
    }

    private synchronized void checkSession(String memberId) {
        GroupMember member = members.get(memberId);
        if (member == null || unloaded) {
            return;
        }
        member.expiryScheduled = false;
        long now = runtime.now();
        if (member.awaitingJoin != null && state == GroupState.PREPARING_REBALANCE) {
            // A parked JoinGroup is alive by definition; the rebalance timeout bounds it.
            touch(member);
            return;
        }
        if (now < member.sessionDeadline) {
            member.expiryScheduled = true;
            runtime.schedule(() -> checkSession(memberId), member.sessionDeadline - now);
            return;
        }
        log.info("Group {}: session of member {} expired after {} ms", groupId, memberId, member.sessionTimeoutMs);
        removeMember(member, "the session of member " + memberId + " expired");
    }

    /**
     * Kafka's new-member join timeout: a member that joined for the first time has no session yet (its JoinGroup
     * waits for the rebalance, and a closed socket goes unnoticed meanwhile), so one still waiting after
     * {@link GroupConfig#NEW_MEMBER_JOIN_TIMEOUT_MS} is dropped rather than holding the rebalance to its end. A client
     * still there retries.
     */
    private void scheduleNewMemberExpiry(GroupMember member) {
        String memberId = member.memberId;
        runtime.schedule(() -> {
            synchronized (this) {
                GroupMember current = members.get(memberId);
                if (current != null && current.isNew && current.awaitingJoin != null
                        && state == GroupState.PREPARING_REBALANCE && !unloaded) {
                    log.info("Group {}: new member {} did not complete its join within {} ms and is removed", groupId,
                            memberId, GroupConfig.NEW_MEMBER_JOIN_TIMEOUT_MS);
                    removeMember(current, "new member " + memberId + " timed out joining");
                }
            }
        }, GroupConfig.NEW_MEMBER_JOIN_TIMEOUT_MS);
    }

    /**
     * Kafka's pending-SyncGroup timeout: every member of a new generation must send its SyncGroup within the
     * rebalance timeout. One that does not (a client that joined and went silent, or one whose heartbeat thread
     * runs while its poll loop is stuck) is removed and the group rebalances, instead of keeping partitions
     * nobody consumes for as long as its heartbeats go on.
     */
    private void schedulePendingSyncExpiry(int rebalanceTimeoutMs) {
        int gen = generation;
        runtime.schedule(() -> {
            synchronized (this) {
                if (gen != generation || unloaded || pendingSync.isEmpty()
                        || (state != GroupState.COMPLETING_REBALANCE && state != GroupState.STABLE)) {
                    return;
                }
                log.info("Group {}: member(s) {} did not sync generation {} within {} ms and are removed", groupId,
                        pendingSync, gen, rebalanceTimeoutMs);
                for (String memberId : List.copyOf(pendingSync)) {
                    GroupMember member = members.get(memberId);
                    if (member != null) {
                        removeMember(member, "member " + memberId + " did not sync generation " + gen);
                    }
                }
                pendingSync.clear();
            }
        }, rebalanceTimeoutMs);
    }

    private void schedulePendingExpiry(String memberId, int sessionTimeoutMs) {
        runtime.schedule(() -> {
            synchronized (this) {
                if (pendingMembers.remove(memberId)) {
                    tryCompleteJoin();
                }
            }
        }, sessionTimeoutMs);
    }

    private void transition(GroupState next) {
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

    /** Records offsets once written; a slower, older write never replaces what a newer one committed. */
    synchronized void applyOffsets(Map<TopicPartition, CommittedOffset> committed, long logPosition) {
        committed.forEach((tp, offset) -> {
            Long previous = offsetPositions.get(tp);
            if (previous == null || previous <= logPosition) {
                offsets.put(tp, offset);
                offsetPositions.put(tp, logPosition);
            }
        });
    }

    synchronized void removeOffsets(Set<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            offsets.remove(tp);
            offsetPositions.remove(tp);
        });
    }

    public synchronized Map<TopicPartition, CommittedOffset> offsets() {
        return Map.copyOf(offsets);
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
        Set<TopicPartition> expired = new HashSet<>();
        if (state != GroupState.EMPTY) {
            return expired;
        }
        offsets.forEach((tp, offset) -> {
            long base = protocolType.isEmpty() ? offset.commitTimestamp()
                    : Math.max(stateTimestamp, offset.commitTimestamp());
            if (now - base >= retentionMs) {
                expired.add(tp);
            }
        });
        return expired;
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
        offsets.keySet().forEach(tp -> records.add(new SimpleRecord(now, GroupRecords.offsetKey(groupId, tp), null)));
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

    private SimpleRecord groupRecord() {
        Map<String, byte[]> current = new HashMap<>();
        members.values().forEach(m -> current.put(m.memberId, m.assignment));
        return groupRecord(current);
    }

    private SimpleRecord groupRecord(Map<String, byte[]> assignments) {
        List<GroupSnapshot.Member> snapshotMembers = new ArrayList<>();
        for (GroupMember m : members.values()) {
            snapshotMembers.add(new GroupSnapshot.Member(m.memberId, m.groupInstanceId, m.clientId, m.clientHost,
                    m.rebalanceTimeoutMs, m.sessionTimeoutMs, m.metadata(protocolName),
                    assignments.getOrDefault(m.memberId, EMPTY)));
        }
        GroupSnapshot snapshot = new GroupSnapshot(protocolType, generation, protocolName, leaderId, stateTimestamp,
                snapshotMembers);
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
                described.members().add(new DescribeGroupsResponseData.DescribedGroupMember()
                        .setMemberId(m.memberId).setGroupInstanceId(m.groupInstanceId)
                        .setClientId(m.clientId).setClientHost(m.clientHost)
                        .setMemberMetadata(stable ? m.metadata(protocolName) : EMPTY)
                        .setMemberAssignment(stable ? m.assignment : EMPTY));
            }
        }
        return described;
    }

}
