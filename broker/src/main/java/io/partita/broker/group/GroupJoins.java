package io.partita.broker.group;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JoinGroup and the join phase of a classic group's rebalance: members join (or rejoin, or a static member comes
 * back as a new incarnation), the group waits for every member or the rebalance timeout (after Kafka's initial
 * delay for a new group), then forms the next generation and answers every parked JoinGroup. Kafka keeps this in
 * its {@code GroupMetadataManager} beside the group's state; here it is the group's partner, and runs under the
 * group's lock like everything that touches the group ({@link ClassicGroup} calls it holding the lock, and its own
 * timers take the lock).
 */
final class GroupJoins {
    private static final Logger LOG = LoggerFactory.getLogger(GroupJoins.class);
    private static final byte[] EMPTY = new byte[0];

    private final ClassicGroup group;
    /** Increments whenever a join phase begins, so a stale timer of an earlier phase does nothing. */
    private int joinPhase;

    private boolean initialDelayRunning;
    /** A member joined during the initial delay: the delay goes on (Kafka's InitialDelayedJoin). */
    private boolean newMemberAdded;

    GroupJoins(ClassicGroup group) {
        this.group = group;
    }

    /**
     * @param requireKnownMemberId JoinGroup v4+: a new dynamic member first gets its id with MEMBER_ID_REQUIRED
     * @param supportsSkipAssignment JoinGroup v9+: a rejoining static leader is told to skip the assignment
     */
    CompletableFuture<JoinGroupResponseData> join(
            JoinGroupRequestData request,
            String clientId,
            String clientHost,
            boolean requireKnownMemberId,
            boolean supportsSkipAssignment) {
        String memberId = request.memberId();
        if (group.state == GroupState.DEAD || group.unloaded) {
            // Deleted or unloaded meanwhile: the client looks the coordinator up again.
            return joinError(memberId, Errors.COORDINATOR_NOT_AVAILABLE);
        }
        LinkedHashMap<String, byte[]> protocols = new LinkedHashMap<>();
        request.protocols().forEach(p -> protocols.putIfAbsent(p.name(), p.metadata()));
        if (!supportsProtocols(request.protocolType(), protocols.keySet())) {
            return joinError(memberId, Errors.INCONSISTENT_GROUP_PROTOCOL);
        }
        int rebalanceTimeout =
                request.rebalanceTimeoutMs() < 0 ? request.sessionTimeoutMs() : request.rebalanceTimeoutMs();
        String instanceId = request.groupInstanceId();
        boolean unknown = memberId.isEmpty();
        if (unknown) {
            if (instanceId != null && group.staticMembers.containsKey(instanceId)) {
                return replaceStaticMember(
                        request, instanceId, protocols, clientId, clientHost, rebalanceTimeout, supportsSkipAssignment);
            }
            if (group.members.size() + group.pendingMembers.size()
                    >= group.runtime.config().maxSize()) {
                return joinError(memberId, Errors.GROUP_MAX_SIZE_REACHED);
            }
            String newId = (instanceId != null ? instanceId : clientId) + "-" + UUID.randomUUID();
            if (instanceId == null && requireKnownMemberId) {
                // KIP-394: the member retries with this id, so a client that never does costs only a pending slot.
                group.pendingMembers.add(newId);
                group.timeouts.schedulePendingExpiry(newId, request.sessionTimeoutMs());
                return CompletableFuture.completedFuture(new JoinGroupResponseData()
                        .setErrorCode(Errors.MEMBER_ID_REQUIRED.code())
                        .setMemberId(newId)
                        .setGenerationId(-1)
                        .setProtocolName(null)
                        .setLeader(""));
            }
            GroupMember member = new GroupMember(
                    newId, instanceId, clientId, clientHost, rebalanceTimeout, request.sessionTimeoutMs(), protocols);
            return addMemberAndRebalance(member, request.protocolType());
        }
        if (group.pendingMembers.remove(memberId)) {
            GroupMember member = new GroupMember(
                    memberId,
                    instanceId,
                    clientId,
                    clientHost,
                    rebalanceTimeout,
                    request.sessionTimeoutMs(),
                    protocols);
            return addMemberAndRebalance(member, request.protocolType());
        }
        Errors invalid = group.validateMember(memberId, instanceId);
        if (invalid != Errors.NONE) {
            return joinError(memberId, invalid);
        }
        GroupMember member = group.members.get(memberId);
        switch (group.state) {
            case PREPARING_REBALANCE -> {
                return updateMemberAndPark(
                        member, protocols, clientId, clientHost, rebalanceTimeout, request.sessionTimeoutMs());
            }
            case COMPLETING_REBALANCE -> {
                if (member.sameProtocols(protocols)) {
                    // The JoinGroup response was lost: send it again.
                    group.touch(member);
                    return CompletableFuture.completedFuture(joinResponse(member, false));
                }
                return updateMemberAndRebalance(
                        member,
                        protocols,
                        clientId,
                        clientHost,
                        rebalanceTimeout,
                        request.sessionTimeoutMs(),
                        "member " + memberId + " changed its protocols");
            }
            case STABLE -> {
                if (memberId.equals(group.leaderId) || !member.sameProtocols(protocols)) {
                    return updateMemberAndRebalance(
                            member,
                            protocols,
                            clientId,
                            clientHost,
                            rebalanceTimeout,
                            request.sessionTimeoutMs(),
                            "member " + memberId + " rejoined");
                }
                group.touch(member);
                return CompletableFuture.completedFuture(joinResponse(member, false));
            }
            default -> {
                return joinError(memberId, Errors.UNKNOWN_MEMBER_ID);
            }
        }
    }

    private CompletableFuture<JoinGroupResponseData> replaceStaticMember(
            JoinGroupRequestData request,
            String instanceId,
            LinkedHashMap<String, byte[]> protocols,
            String clientId,
            String clientHost,
            int rebalanceTimeout,
            boolean supportsSkip) {
        String oldId = group.staticMembers.get(instanceId);
        GroupMember old = group.members.remove(oldId);
        String newId = instanceId + "-" + UUID.randomUUID();
        GroupMember member = old.withId(newId);
        member.clientId = clientId;
        member.clientHost = clientHost;
        member.sessionTimeoutMs = request.sessionTimeoutMs();
        member.rebalanceTimeoutMs = rebalanceTimeout;
        // The previous incarnation is fenced: whatever it still waits for ends with FENCED_INSTANCE_ID.
        if (old.awaitingJoin != null) {
            old.awaitingJoin.complete(ClassicGroup.joinErrorData(oldId, Errors.FENCED_INSTANCE_ID));
        }
        if (old.awaitingSync != null) {
            old.awaitingSync.complete(ClassicGroup.syncError(Errors.FENCED_INSTANCE_ID));
        }
        group.members.put(newId, member);
        group.staticMembers.put(instanceId, newId);
        if (oldId.equals(group.leaderId)) {
            group.leaderId = newId;
        }
        LOG.info("Group {}: static member {} rejoined as {} (was {})", group.groupId, instanceId, newId, oldId);
        member.protocols = protocols;
        if (group.state == GroupState.STABLE
                && group.protocolName != null
                && group.protocolName.equals(selectProtocol())) {
            // Kafka's rule (KIP-345, KIP-814): while the group's protocol stays the one selected, a rejoining
            // static member changes nothing for the others, whatever its metadata says: a restarted consumer's
            // subscription differs from its previous incarnation's (no owned partitions, no generation) and
            // comparing bytes made every restart a rebalance. It gets its current assignment with SyncGroup; the
            // id change is persisted first, so that a new coordinator knows the new incarnation.
            CompletableFuture<JoinGroupResponseData> response = new CompletableFuture<>();
            int gen = group.generation;
            group.touch(member);
            group.runtime.write(List.of(group.groupRecord())).whenComplete((pos, error) -> {
                synchronized (group) {
                    if (error != null) {
                        response.complete(ClassicGroup.joinErrorData("", GroupErrors.forWrite(error, false)));
                        return;
                    }
                    boolean isLeader = newId.equals(group.leaderId);
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
        group.members.put(member.memberId, member);
        member.isNew = true;
        group.timeouts.scheduleNewMemberExpiry(member);
        if (member.groupInstanceId != null) {
            group.staticMembers.put(member.groupInstanceId, member.memberId);
        }
        if (group.members.size() == 1) {
            group.protocolType = type; // the first member defines the group's protocol type
        }
        if (group.leaderId == null) {
            group.leaderId = member.memberId;
        }
        group.touch(member);
        if (initialDelayRunning) {
            newMemberAdded = true;
        }
        maybePrepareRebalance("member " + member.memberId + " joined");
        return future;
    }

    private CompletableFuture<JoinGroupResponseData> updateMemberAndPark(
            GroupMember member,
            LinkedHashMap<String, byte[]> protocols,
            String clientId,
            String clientHost,
            int rebalanceTimeout,
            int sessionTimeout) {
        update(member, protocols, clientId, clientHost, rebalanceTimeout, sessionTimeout);
        if (member.awaitingJoin != null) {
            // A retried JoinGroup replaces the earlier one, which gets an answer to stop waiting.
            member.awaitingJoin.complete(ClassicGroup.joinErrorData(member.memberId, Errors.REBALANCE_IN_PROGRESS));
        }
        member.awaitingJoin = new CompletableFuture<>();
        CompletableFuture<JoinGroupResponseData> future = member.awaitingJoin;
        tryCompleteJoin();
        return future;
    }

    private CompletableFuture<JoinGroupResponseData> updateMemberAndRebalance(
            GroupMember member,
            LinkedHashMap<String, byte[]> protocols,
            String clientId,
            String clientHost,
            int rebalanceTimeout,
            int sessionTimeout,
            String reason) {
        update(member, protocols, clientId, clientHost, rebalanceTimeout, sessionTimeout);
        member.awaitingJoin = new CompletableFuture<>();
        CompletableFuture<JoinGroupResponseData> future = member.awaitingJoin;
        maybePrepareRebalance(reason);
        return future;
    }

    private void update(
            GroupMember member,
            LinkedHashMap<String, byte[]> protocols,
            String clientId,
            String clientHost,
            int rebalanceTimeout,
            int sessionTimeout) {
        member.protocols = protocols;
        member.clientId = clientId;
        member.clientHost = clientHost;
        member.rebalanceTimeoutMs = rebalanceTimeout;
        member.sessionTimeoutMs = sessionTimeout;
        group.touch(member);
    }

    private boolean supportsProtocols(String type, Set<String> names) {
        if (type == null || type.isEmpty() || names.isEmpty()) {
            return false;
        }
        if (group.members.isEmpty()) {
            return true;
        }
        if (!type.equals(group.protocolType)) {
            return false;
        }
        Set<String> candidates = candidateProtocols();
        return names.stream().anyMatch(candidates::contains);
    }

    /** The protocols every member supports. */
    private Set<String> candidateProtocols() {
        Set<String> candidates = null;
        for (GroupMember member : group.members.values()) {
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
        for (GroupMember member : group.members.values()) {
            member.protocols.keySet().stream()
                    .filter(candidates::contains)
                    .findFirst()
                    .ifPresent(p -> votes.merge(p, 1, Integer::sum));
        }
        return votes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("group " + group.groupId + " has no common protocol"));
    }

    private void maybePrepareRebalance(String reason) {
        if (group.state == GroupState.PREPARING_REBALANCE) {
            tryCompleteJoin();
        } else {
            prepareRebalance(reason);
        }
    }

    void prepareRebalance(String reason) {
        if (group.state == GroupState.COMPLETING_REBALANCE) {
            // The assignment being synced is void: its members will rejoin.
            group.members.values().forEach(m -> {
                m.assignment = EMPTY;
                if (m.awaitingSync != null) {
                    m.awaitingSync.complete(ClassicGroup.syncError(Errors.REBALANCE_IN_PROGRESS));
                    m.awaitingSync = null;
                }
            });
        }
        boolean wasEmpty = group.state == GroupState.EMPTY;
        group.transition(GroupState.PREPARING_REBALANCE);
        int phase = ++joinPhase;
        LOG.info("Group {} is preparing to rebalance in generation {}: {}", group.groupId, group.generation, reason);
        int rebalanceTimeout = group.members.values().stream()
                .mapToInt(m -> m.rebalanceTimeoutMs)
                .max()
                .orElse(0);
        int delay = group.runtime.config().initialRebalanceDelayMs();
        if (wasEmpty && delay > 0) {
            // A new group waits a moment for more members, so that the first ones do not rebalance again at once.
            initialDelayRunning = true;
            newMemberAdded = false;
            group.runtime.schedule(
                    () -> onInitialDelay(phase, Math.max(0, rebalanceTimeout - delay)),
                    Math.min(delay, rebalanceTimeout));
        } else {
            initialDelayRunning = false;
            group.runtime.schedule(() -> onJoinTimeout(phase), rebalanceTimeout);
            tryCompleteJoin();
        }
    }

    private void onInitialDelay(int phase, long remaining) {
        synchronized (group) {
            if (phase != joinPhase || group.state != GroupState.PREPARING_REBALANCE || group.unloaded) {
                return;
            }
            int delay = group.runtime.config().initialRebalanceDelayMs();
            if (newMemberAdded && remaining > 0) {
                // Members keep arriving: wait another delay, as long as the rebalance timeout allows.
                newMemberAdded = false;
                group.runtime.schedule(
                        () -> onInitialDelay(phase, Math.max(0, remaining - delay)), Math.min(delay, remaining));
                return;
            }
            initialDelayRunning = false;
            if (!tryCompleteJoin()) {
                group.runtime.schedule(() -> onJoinTimeout(phase), remaining);
            }
        }
    }

    private void onJoinTimeout(int phase) {
        synchronized (group) {
            if (phase == joinPhase
                    && group.state == GroupState.PREPARING_REBALANCE
                    && !initialDelayRunning
                    && !group.unloaded) {
                completeJoin();
            }
        }
    }

    boolean tryCompleteJoin() {
        if (group.state != GroupState.PREPARING_REBALANCE || initialDelayRunning) {
            return false;
        }
        boolean allJoined = group.pendingMembers.isEmpty()
                && group.members.values().stream().allMatch(m -> m.awaitingJoin != null);
        if (allJoined) {
            completeJoin();
        }
        return allJoined;
    }

    /** The join phase ends: members that did not rejoin are out, a new generation begins. */
    private void completeJoin() {
        for (GroupMember member : List.copyOf(group.members.values())) {
            if (member.awaitingJoin == null) {
                LOG.info("Group {}: member {} did not rejoin in time and is removed", group.groupId, member.memberId);
                group.forget(member);
            }
        }
        group.pendingMembers.clear();
        group.generation++;
        if (group.members.isEmpty()) {
            group.protocolName = null;
            group.leaderId = null;
            group.transition(GroupState.EMPTY);
            LOG.info("Group {} is empty in generation {}", group.groupId, group.generation);
            group.runtime.write(List.of(group.groupRecord())).exceptionally(e -> {
                LOG.warn("Group {}: could not persist the empty generation: {}", group.groupId, e.toString());
                return null;
            });
            return;
        }
        group.protocolName = selectProtocol();
        if (group.leaderId == null || !group.members.containsKey(group.leaderId)) {
            group.leaderId = group.members.keySet().iterator().next();
        }
        group.transition(GroupState.COMPLETING_REBALANCE);
        LOG.info(
                "Group {} formed generation {} with {} member(s), protocol {}, leader {}",
                group.groupId,
                group.generation,
                group.members.size(),
                group.protocolName,
                group.leaderId);
        group.pendingSync.clear();
        group.pendingSync.addAll(group.members.keySet());
        group.timeouts.schedulePendingSyncExpiry(group.members.values().stream()
                .mapToInt(m -> m.rebalanceTimeoutMs)
                .max()
                .orElse(0));
        for (GroupMember member : group.members.values()) {
            CompletableFuture<JoinGroupResponseData> waiting = member.awaitingJoin;
            member.awaitingJoin = null;
            member.isNew = false;
            member.assignment = EMPTY;
            group.touch(member);
            waiting.complete(joinResponse(member, false));
        }
    }

    private JoinGroupResponseData joinResponse(GroupMember member, boolean withMembersForSkip) {
        boolean isLeader = member.memberId.equals(group.leaderId);
        JoinGroupResponseData data = new JoinGroupResponseData()
                .setErrorCode(Errors.NONE.code())
                .setGenerationId(group.generation)
                .setProtocolType(group.protocolType)
                .setProtocolName(group.protocolName)
                .setLeader(group.leaderId)
                .setMemberId(member.memberId);
        if (isLeader && (withMembersForSkip || group.state != GroupState.STABLE)) {
            for (GroupMember m : group.members.values()) {
                data.members()
                        .add(new JoinGroupResponseData.JoinGroupResponseMember()
                                .setMemberId(m.memberId)
                                .setGroupInstanceId(m.groupInstanceId)
                                .setMetadata(m.metadata(group.protocolName)));
            }
        }
        return data;
    }

    private static CompletableFuture<JoinGroupResponseData> joinError(String memberId, Errors error) {
        return CompletableFuture.completedFuture(ClassicGroup.joinErrorData(memberId, error));
    }
}
