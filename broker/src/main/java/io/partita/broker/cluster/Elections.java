package io.partita.broker.cluster;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * The controller's leader and ISR decisions, as pure functions of a snapshot so that they can be tested alone:
 * the standing rules it applies on every reconcile (failover, controlled shutdown, ISR without dead replicas)
 * and the elections an admin asks for (ElectLeaders, automatic preferred-leader rebalance).
 *
 * <p>A replica may become leader only on an "eligible" node: registered and not in its controlled shutdown, as
 * Kafka's controller only elects replicas on online, not-shutting-down brokers.
 */
public final class Elections {

    private Elections() {}

    /** An admin election's result for one partition: Kafka's error, or the state to write. */
    public record Outcome(Errors error, String message, PartitionState next) {
        static Outcome elect(PartitionState next) {
            return new Outcome(Errors.NONE, null, next);
        }

        static Outcome fail(Errors error, String message) {
            return new Outcome(error, message, null);
        }
    }

    public static Outcome elect(ElectionType type, ClusterSnapshot snapshot, TopicPartition tp, int controllerEpoch) {
        return type == ElectionType.UNCLEAN
                ? unclean(snapshot, tp, controllerEpoch)
                : preferred(snapshot, tp, controllerEpoch);
    }

    /** Makes the first replica leader again, if it is eligible and in sync. */
    public static Outcome preferred(ClusterSnapshot snapshot, TopicPartition tp, int controllerEpoch) {
        Optional<TopicAssignment> topic = snapshot.topic(tp.topic());
        Optional<PartitionState> current = snapshot.state(tp);
        if (topic.isEmpty() || !topic.get().partitions().containsKey(tp.partition()) || current.isEmpty()) {
            return Outcome.fail(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The partition " + tp + " does not exist.");
        }
        PartitionState state = current.get();
        int preferred = topic.get().replicas(tp.partition()).get(0);
        if (state.leader() == preferred) {
            return Outcome.fail(Errors.ELECTION_NOT_NEEDED, "Leader election not needed for topic partition.");
        }
        if (!snapshot.isEligibleLeader(preferred) || !state.isr().contains(preferred)) {
            return Outcome.fail(
                    Errors.PREFERRED_LEADER_NOT_AVAILABLE,
                    "Failed to elect leader for partition " + tp
                            + " under strategy PreferredReplicaPartitionLeaderElectionStrategy: preferred replica "
                            + preferred + " is not live and in sync.");
        }
        return Outcome.elect(new PartitionState(preferred, state.leaderEpoch() + 1, state.isr(), controllerEpoch));
    }

    /**
     * Gives a leaderless partition a leader: from the ISR if any member is eligible, else (losing what only the
     * ISR held) the first eligible replica. The topic's unclean.leader.election.enable does not apply: asking
     * for an unclean election is the operator's explicit consent, as in Kafka.
     */
    public static Outcome unclean(ClusterSnapshot snapshot, TopicPartition tp, int controllerEpoch) {
        Optional<TopicAssignment> topic = snapshot.topic(tp.topic());
        Optional<PartitionState> current = snapshot.state(tp);
        if (topic.isEmpty() || !topic.get().partitions().containsKey(tp.partition()) || current.isEmpty()) {
            return Outcome.fail(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The partition " + tp + " does not exist.");
        }
        PartitionState state = current.get();
        if (state.hasLeader() && snapshot.isLive(state.leader())) {
            return Outcome.fail(Errors.ELECTION_NOT_NEEDED, "Leader election not needed for topic partition.");
        }
        List<Integer> replicas = topic.get().replicas(tp.partition());
        List<Integer> liveIsr = state.isr().stream().filter(snapshot::isLive).toList();
        Optional<Integer> clean = replicas.stream()
                .filter(r -> liveIsr.contains(r) && snapshot.isEligibleLeader(r))
                .findFirst();
        if (clean.isPresent()) {
            return Outcome.elect(new PartitionState(clean.get(), state.leaderEpoch() + 1, liveIsr, controllerEpoch));
        }
        Optional<Integer> any =
                replicas.stream().filter(snapshot::isEligibleLeader).findFirst();
        if (any.isPresent()) {
            return Outcome.elect(
                    new PartitionState(any.get(), state.leaderEpoch() + 1, List.of(any.get()), controllerEpoch));
        }
        return Outcome.fail(
                Errors.ELIGIBLE_LEADERS_NOT_AVAILABLE,
                "Failed to elect leader for partition " + tp
                        + " under strategy UncleanLeaderElectionStrategy: no replica is live.");
    }

    /**
     * The state a partition's leader and ISR should move to given who is registered and who is shutting down,
     * or empty if it is fine as it is:
     * <ul>
     *   <li>a leader that is gone is replaced by the first eligible replica of the live ISR; failing that by any
     *       eligible replica if unclean election is enabled; failing that the partition goes offline and keeps
     *       its last ISR, as in Kafka;</li>
     *   <li>a leader in its controlled shutdown hands over to the first eligible replica of the ISR and leaves
     *       the ISR; with no one to hand over to (a lone replica) it keeps leading until it is gone;</li>
     *   <li>the ISR loses replicas that are gone and followers that are shutting down.</li>
     * </ul>
     * Leader epochs move only with the leader.
     */
    public static Optional<PartitionState> standing(
            ClusterSnapshot snapshot,
            List<Integer> replicas,
            PartitionState state,
            boolean uncleanEnabled,
            int controllerEpoch) {
        List<Integer> liveIsr = state.isr().stream().filter(snapshot::isLive).toList();
        boolean leaderUp = state.hasLeader() && snapshot.isLive(state.leader());
        if (!leaderUp || snapshot.isShuttingDown(state.leader())) {
            List<Integer> staying =
                    liveIsr.stream().filter(snapshot::isEligibleLeader).toList();
            Optional<Integer> clean =
                    replicas.stream().filter(staying::contains).findFirst();
            if (clean.isPresent()) {
                return Optional.of(new PartitionState(clean.get(), state.leaderEpoch() + 1, staying, controllerEpoch));
            }
            if (leaderUp) {
                // A lone replica in its controlled shutdown: it keeps leading; only the dead leave the ISR.
                return liveIsr.size() < state.isr().size()
                        ? Optional.of(new PartitionState(state.leader(), state.leaderEpoch(), liveIsr, controllerEpoch))
                        : Optional.empty();
            }
            Optional<Integer> any =
                    replicas.stream().filter(snapshot::isEligibleLeader).findFirst();
            if (any.isPresent() && uncleanEnabled) {
                return Optional.of(
                        new PartitionState(any.get(), state.leaderEpoch() + 1, List.of(any.get()), controllerEpoch));
            }
            if (state.hasLeader()) {
                return Optional.of(new PartitionState(
                        PartitionState.NO_LEADER, state.leaderEpoch() + 1, state.isr(), controllerEpoch));
            }
            return Optional.empty();
        }
        List<Integer> isr = liveIsr.stream()
                .filter(r -> r == state.leader() || !snapshot.isShuttingDown(r))
                .toList();
        if (isr.size() < state.isr().size()) {
            return Optional.of(new PartitionState(state.leader(), state.leaderEpoch(), isr, controllerEpoch));
        }
        return Optional.empty();
    }

    /**
     * The leader for a new partition: the first eligible replica (the preferred one when it can), with every
     * live replica in the ISR, as the partition is empty.
     */
    public static Optional<PartitionState> initial(
            ClusterSnapshot snapshot, List<Integer> replicas, int controllerEpoch) {
        List<Integer> live = replicas.stream().filter(snapshot::isLive).toList();
        Optional<Integer> leader = live.stream()
                .filter(snapshot::isEligibleLeader)
                .findFirst()
                .or(() -> live.stream().findFirst());
        return leader.map(l -> new PartitionState(l, 0, live, controllerEpoch));
    }

    /** True while a node in its controlled shutdown still leads a partition that another replica could lead. */
    public static boolean leadsWhatOthersCouldLead(ClusterSnapshot snapshot, int brokerId) {
        for (TopicPartition tp : snapshot.partitions()) {
            if (snapshot.isBeingDeleted(tp.topic())) {
                continue;
            }
            PartitionState state = snapshot.state(tp).orElse(null);
            if (state != null
                    && state.leader() == brokerId
                    && state.isr().stream().anyMatch(r -> r != brokerId && snapshot.isEligibleLeader(r))) {
                return true;
            }
        }
        return false;
    }
}
