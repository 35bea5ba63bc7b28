package io.partita.broker.group;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clocks on a classic group's members, as Kafka runs them: each member's session (any sign of life restarts
 * it), the new-member join timeout, the pending-SyncGroup timeout of a new generation, and the wait for a member
 * that was told its id (MEMBER_ID_REQUIRED) to come back with it. A timer only takes the group's lock and asks
 * the group to remove a member or finish its join phase; the group calls in holding its lock.
 */
final class MemberTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(MemberTimeouts.class);

    private final ClassicGroup group;

    MemberTimeouts(ClassicGroup group) {
        this.group = group;
    }

    /** Any sign of life (heartbeat, join, sync) restarts the member's session. */
    void touch(GroupMember member) {
        member.sessionDeadline = group.runtime.now() + member.sessionTimeoutMs;
        if (!member.expiryScheduled) {
            member.expiryScheduled = true;
            String id = member.memberId;
            group.runtime.schedule(() -> checkSession(id), member.sessionTimeoutMs);
        }
    }

    private void checkSession(String memberId) {
        synchronized (group) {
            GroupMember member = group.members.get(memberId);
            if (member == null || group.unloaded) {
                return;
            }
            member.expiryScheduled = false;
            long now = group.runtime.now();
            if (member.awaitingJoin != null && group.state == GroupState.PREPARING_REBALANCE) {
                // A parked JoinGroup is alive by definition; the rebalance timeout bounds it.
                touch(member);
                return;
            }
            if (now < member.sessionDeadline) {
                member.expiryScheduled = true;
                group.runtime.schedule(() -> checkSession(memberId), member.sessionDeadline - now);
                return;
            }
            LOG.info(
                    "Group {}: session of member {} expired after {} ms",
                    group.groupId,
                    memberId,
                    member.sessionTimeoutMs);
            group.removeMember(member, "the session of member " + memberId + " expired");
        }
    }

    /**
     * Kafka's new-member join timeout: a member that joined for the first time has no session yet (its JoinGroup
     * waits for the rebalance, and a closed socket goes unnoticed meanwhile), so one still waiting after
     * {@link GroupConfig#NEW_MEMBER_JOIN_TIMEOUT_MS} is dropped rather than holding the rebalance to its end. A client
     * still there retries.
     */
    void scheduleNewMemberExpiry(GroupMember member) {
        String memberId = member.memberId;
        group.runtime.schedule(
                () -> {
                    synchronized (group) {
                        GroupMember current = group.members.get(memberId);
                        if (current != null
                                && current.isNew
                                && current.awaitingJoin != null
                                && group.state == GroupState.PREPARING_REBALANCE
                                && !group.unloaded) {
                            LOG.info(
                                    "Group {}: new member {} did not complete its join within {} ms and is removed",
                                    group.groupId,
                                    memberId,
                                    GroupConfig.NEW_MEMBER_JOIN_TIMEOUT_MS);
                            group.removeMember(current, "new member " + memberId + " timed out joining");
                        }
                    }
                },
                GroupConfig.NEW_MEMBER_JOIN_TIMEOUT_MS);
    }

    /**
     * Kafka's pending-SyncGroup timeout: every member of a new generation must send its SyncGroup within the
     * rebalance timeout. One that does not (a client that joined and went silent, or one whose heartbeat thread
     * runs while its poll loop is stuck) is removed and the group rebalances, instead of keeping partitions
     * nobody consumes for as long as its heartbeats go on.
     */
    void schedulePendingSyncExpiry(int rebalanceTimeoutMs) {
        int gen = group.generation;
        group.runtime.schedule(
                () -> {
                    synchronized (group) {
                        if (gen != group.generation
                                || group.unloaded
                                || group.pendingSync.isEmpty()
                                || (group.state != GroupState.COMPLETING_REBALANCE
                                        && group.state != GroupState.STABLE)) {
                            return;
                        }
                        LOG.info(
                                "Group {}: member(s) {} did not sync generation {} within {} ms and are removed",
                                group.groupId,
                                group.pendingSync,
                                gen,
                                rebalanceTimeoutMs);
                        for (String memberId : List.copyOf(group.pendingSync)) {
                            GroupMember member = group.members.get(memberId);
                            if (member != null) {
                                group.removeMember(member, "member " + memberId + " did not sync generation " + gen);
                            }
                        }
                        group.pendingSync.clear();
                    }
                },
                rebalanceTimeoutMs);
    }

    void schedulePendingExpiry(String memberId, int sessionTimeoutMs) {
        group.runtime.schedule(
                () -> {
                    synchronized (group) {
                        if (group.pendingMembers.remove(memberId)) {
                            group.joins.tryCompleteJoin();
                        }
                    }
                },
                sessionTimeoutMs);
    }
}
