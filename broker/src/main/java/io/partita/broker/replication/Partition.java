package io.partita.broker.replication;

import io.partita.broker.cluster.PartitionState;
import io.partita.broker.log.LogConfig;
import io.partita.broker.log.PartitionLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.FencedLeaderEpochException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownLeaderEpochException;

/**
 * This node's replica of one partition, as Kafka's {@code Partition}: the local log, the role the metadata
 * gives this node (leader or follower), the leader epoch and the ISR with the ZooKeeper version it was read
 * at. As leader it tracks every follower's progress from their fetches, advances the high watermark to the
 * smallest log end in the ISR, and says when the ISR should grow or shrink; the ISR itself changes only
 * once ZooKeeper accepted the write ({@link #onIsrWritten}), because the controller elects leaders from the
 * ISR in ZooKeeper and a high watermark computed from a smaller, unwritten ISR could expose records that a
 * newly elected leader does not have.
 */
public final class Partition {
    private final TopicPartition topicPartition;
    private final Uuid topicId;
    private final PartitionLog log;
    private final int localBrokerId;
    private volatile LogConfig config;
    private volatile PartitionState state;
    private volatile List<Integer> replicas;
    /** Set while this node's ZooKeeper session is lost: it must not act as leader on what it last knew. */
    private volatile boolean fenced;
    // Guarded by this:
    private int zkVersion;
    private final Map<Integer, FollowerProgress> followers = new HashMap<>();
    private long leaderEpochStartOffset = -1;
    private boolean isrWriteInFlight;

    /** What a metadata change did to this node's role. */
    enum RoleChange {
        UNCHANGED,
        /** Leads now, in a new leader epoch. */
        BECAME_LEADER,
        /** Follows now (a new leader, a new epoch, or no leader at all). */
        BECAME_FOLLOWER
    }

    Partition(TopicPartition topicPartition, Uuid topicId, PartitionLog log, LogConfig config, int localBrokerId) {
        this.topicPartition = topicPartition;
        this.topicId = topicId;
        this.log = log;
        this.config = config;
        this.localBrokerId = localBrokerId;
        this.state = new PartitionState(PartitionState.NO_LEADER, -1, List.of(), -1);
        this.replicas = List.of();
        this.zkVersion = -1;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Uuid topicId() {
        return topicId;
    }

    public PartitionLog log() {
        return log;
    }

    public LogConfig config() {
        return config;
    }

    void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
        log.updateConfig(newConfig);
    }

    public PartitionState state() {
        return state;
    }

    public List<Integer> replicas() {
        return replicas;
    }

    public boolean isLeader() {
        return !fenced && state.leader() == localBrokerId;
    }

    public int leaderEpoch() {
        return state.leaderEpoch();
    }

    public List<Integer> isr() {
        return state.isr();
    }

    void fence(boolean fenced) {
        this.fenced = fenced;
    }

    /**
     * A client's view of the leader epoch (-1: no view) must be this one: older gets FENCED_LEADER_EPOCH,
     * newer (its metadata is ahead of this node's) UNKNOWN_LEADER_EPOCH.
     */
    public void checkLeaderEpoch(int requested) {
        int current = state.leaderEpoch();
        if (requested == -1 || requested == current) {
            return;
        }
        if (requested < current) {
            throw new FencedLeaderEpochException("Leader epoch " + requested + " is older than " + current);
        }
        throw new UnknownLeaderEpochException("Leader epoch " + requested + " is newer than " + current);
    }

    /**
     * Applies the state read from ZooKeeper at {@code version}; an older version than the one applied (a
     * snapshot built before this node's own ISR write landed) is ignored.
     */
    synchronized RoleChange applyState(
            PartitionState newState, int version, List<Integer> assignedReplicas, long nowMs) {
        replicas = List.copyOf(assignedReplicas);
        if (version < zkVersion) {
            return RoleChange.UNCHANGED;
        }
        PartitionState old = state;
        boolean first = zkVersion == -1;
        state = newState;
        zkVersion = version;
        boolean newEpoch = first || newState.leaderEpoch() != old.leaderEpoch() || newState.leader() != old.leader();
        if (newState.leader() == localBrokerId) {
            if (newEpoch) {
                becomeLeader(nowMs);
                return RoleChange.BECAME_LEADER;
            }
            // Same epoch: the ISR or the assignment changed (a reassignment adds and removes replicas).
            trackFollowers(nowMs);
            return RoleChange.UNCHANGED;
        }
        followers.clear();
        return newEpoch ? RoleChange.BECAME_FOLLOWER : RoleChange.UNCHANGED;
    }

    private void becomeLeader(long nowMs) {
        followers.clear();
        trackFollowers(nowMs);
        leaderEpochStartOffset = log.logEndOffset();
        isrWriteInFlight = false;
    }

    /**
     * One progress record per follower in the assignment, keeping those already tracked. A new one counts as
     * caught up now if it is in the ISR (it could not fetch from a leader not yet known), else never.
     */
    private void trackFollowers(long nowMs) {
        for (int replica : replicas) {
            if (replica != localBrokerId) {
                followers.computeIfAbsent(
                        replica, r -> new FollowerProgress(state.isr().contains(r) ? nowMs : 0));
            }
        }
        followers.keySet().retainAll(replicas);
    }

    /** The result of a follower's fetch, for the replica manager to act on. */
    record FollowerFetch(boolean highWatermarkAdvanced, Optional<List<Integer>> expandedIsr) {}

    /**
     * Records a follower's fetch at {@code fetchOffset} (its log end). Returns whether the high watermark
     * moved, and the ISR to propose if the follower has caught up enough to join it.
     */
    synchronized FollowerFetch onFollowerFetch(
            int replicaId, long fetchOffset, long followerLogStartOffset, long nowMs) {
        if (!isLeader()) {
            throw new NotLeaderOrFollowerException("This node is not the leader of " + topicPartition);
        }
        FollowerProgress progress = followers.get(replicaId);
        if (progress == null) {
            throw new NotLeaderOrFollowerException("Node " + replicaId + " is not a replica of " + topicPartition);
        }
        progress.onFetch(fetchOffset, followerLogStartOffset, log.logEndOffset(), nowMs);
        boolean advanced = maybeAdvanceHighWatermark();
        Optional<List<Integer>> expanded = Optional.empty();
        if (!state.isr().contains(replicaId)
                && !isrWriteInFlight
                && fetchOffset >= log.highWatermark()
                && fetchOffset >= leaderEpochStartOffset) {
            List<Integer> isr = new ArrayList<>(state.isr());
            isr.add(replicaId);
            expanded = Optional.of(isr);
        }
        return new FollowerFetch(advanced, expanded);
    }

    /**
     * Moves the high watermark to the smallest log end offset in the ISR (never backwards). A follower whose
     * position is not known yet (none fetched since this node became leader) holds it where it is.
     */
    synchronized boolean maybeAdvanceHighWatermark() {
        if (!isLeader()) {
            return false;
        }
        long candidate = log.logEndOffset();
        for (int member : state.isr()) {
            if (member == localBrokerId) {
                continue;
            }
            FollowerProgress progress = followers.get(member);
            if (progress == null || progress.logEndOffset() == FollowerProgress.UNKNOWN) {
                return false;
            }
            candidate = Math.min(candidate, progress.logEndOffset());
        }
        if (candidate > log.highWatermark()) {
            log.updateHighWatermark(candidate);
            return true;
        }
        return false;
    }

    /**
     * Kafka's low watermark: the smallest log start offset among the in-sync replicas, this leader's included, as
     * the followers' fetches report theirs; 0 while a member's is not known yet. Records below it are gone from
     * every replica that could lead next, so a leader change cannot bring them back.
     */
    synchronized long lowWatermark() {
        long low = log.logStartOffset();
        for (int member : state.isr()) {
            if (member != localBrokerId) {
                FollowerProgress progress = followers.get(member);
                long start = progress == null ? FollowerProgress.UNKNOWN : progress.logStartOffset();
                low = Math.min(low, Math.max(start, 0));
            }
        }
        return low;
    }

    /** The ISR without the followers that fell behind for longer than {@code maxLagMs}, if any did. */
    synchronized Optional<List<Integer>> shrunkIsr(long nowMs, long maxLagMs) {
        if (!isLeader() || isrWriteInFlight) {
            return Optional.empty();
        }
        long leaderEnd = log.logEndOffset();
        List<Integer> kept = new ArrayList<>();
        for (int member : state.isr()) {
            FollowerProgress progress = followers.get(member);
            boolean outOfSync =
                    member != localBrokerId && (progress == null || progress.isOutOfSync(leaderEnd, nowMs, maxLagMs));
            if (!outOfSync) {
                kept.add(member);
            }
        }
        if (!kept.contains(localBrokerId)) {
            kept.add(0, localBrokerId);
        }
        return kept.size() < state.isr().size() ? Optional.of(kept) : Optional.empty();
    }

    /** An ISR change this leader wants written, with the znode version it must be conditional on. */
    record IsrProposal(PartitionState state, int expectedVersion) {}

    /** Starts an ISR write (one at a time), or returns empty if one is under way or this node no longer leads. */
    synchronized Optional<IsrProposal> proposeIsr(List<Integer> isr) {
        if (!isLeader() || isrWriteInFlight || isr.equals(state.isr())) {
            return Optional.empty();
        }
        isrWriteInFlight = true;
        return Optional.of(new IsrProposal(
                new PartitionState(state.leader(), state.leaderEpoch(), isr, state.controllerEpoch()), zkVersion));
    }

    /** The outcome of an ISR write: applied if nothing newer arrived meanwhile. */
    synchronized void onIsrWritten(IsrProposal proposal, int newVersion) {
        isrWriteInFlight = false;
        if (zkVersion == proposal.expectedVersion() && newVersion > zkVersion) {
            state = proposal.state();
            zkVersion = newVersion;
        }
    }

    /** The write lost a race (the controller changed the state): the next metadata brings the truth. */
    synchronized void onIsrWriteFailed() {
        isrWriteInFlight = false;
    }

    @Override
    public String toString() {
        return topicPartition + " " + state;
    }
}
