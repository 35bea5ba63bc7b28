package io.partita.broker.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Kafka's partition reassignment (KIP-455) as pure steps on a topic's assignment and a partition's state:
 * <ol>
 *   <li>start: the replica set becomes target ∪ original (target first, so the target's first replica is the
 *       preferred leader), with the replicas joining recorded as adding and those leaving as removing; the new
 *       replicas start as followers and copy the log;</li>
 *   <li>complete, once every target replica is in the ISR: the replica set becomes the target, the ISR shrinks
 *       to it, and if the leader is leaving a new one is elected from the target;</li>
 *   <li>cancel: back to the original replicas, dropping the ones that were joining from the ISR.</li>
 * </ol>
 * A reassignment replacing one in progress starts from the original replicas of the one it replaces.
 */
public final class Reassignments {

    private Reassignments() {}

    /** A topic assignment and partition state to write together; a null state means "unchanged". */
    public record Step(TopicAssignment assignment, PartitionState state) {}

    /** Kafka's checks of a target replica list; the reason it is refused (INVALID_REPLICA_ASSIGNMENT), if it is. */
    public static Optional<String> invalidTarget(List<Integer> target, ClusterSnapshot snapshot) {
        if (target.isEmpty()) {
            return Optional.of("The replica list is empty.");
        }
        if (new HashSet<>(target).size() != target.size()) {
            return Optional.of("The replica list " + target + " contains duplicates.");
        }
        for (int broker : target) {
            if (!snapshot.isLive(broker)) {
                return Optional.of("The proposed assignment " + target + " contains the unknown or non-live broker "
                        + broker + ".");
            }
        }
        return Optional.empty();
    }

    public static Step start(
            TopicAssignment assignment,
            int partition,
            List<Integer> target,
            PartitionState state,
            ClusterSnapshot snapshot,
            int controllerEpoch) {
        List<Integer> original = assignment.originalReplicas(partition);
        List<Integer> adding = minus(target, original);
        List<Integer> removing = minus(original, target);
        List<Integer> full = new ArrayList<>(target);
        full.addAll(removing);
        TopicAssignment next = assignment.withPartition(partition, full, adding, removing);
        // Replicas of a replaced reassignment that are no longer wanted leave the ISR (and leadership) now.
        PartitionState fitted = fit(state, full, snapshot, controllerEpoch).orElse(null);
        Step step = new Step(next, fitted);
        return complete(step.assignment(), partition, fitted == null ? state : fitted, snapshot, controllerEpoch)
                .orElse(step);
    }

    /** Back to the original replicas; empty if the partition is not being reassigned (NO_REASSIGNMENT_IN_PROGRESS). */
    public static Optional<Step> cancel(
            TopicAssignment assignment,
            int partition,
            PartitionState state,
            ClusterSnapshot snapshot,
            int controllerEpoch) {
        if (!assignment.isReassigning(partition)) {
            return Optional.empty();
        }
        List<Integer> original = assignment.originalReplicas(partition);
        return Optional.of(new Step(
                assignment.withPartition(partition, original, List.of(), List.of()),
                fit(state, original, snapshot, controllerEpoch).orElse(null)));
    }

    /**
     * The final step, once every target replica is in sync; empty while some are not, or while the leader is
     * leaving and no target replica could take over.
     */
    public static Optional<Step> complete(
            TopicAssignment assignment,
            int partition,
            PartitionState state,
            ClusterSnapshot snapshot,
            int controllerEpoch) {
        if (!assignment.isReassigning(partition)) {
            return Optional.empty();
        }
        List<Integer> target = assignment.targetReplicas(partition);
        if (!state.isr().containsAll(target)) {
            return Optional.empty();
        }
        Optional<PartitionState> fitted = fit(state, target, snapshot, controllerEpoch);
        if (fitted.isPresent() && state.hasLeader() && !fitted.get().hasLeader()) {
            return Optional.empty();
        }
        return Optional.of(
                new Step(assignment.withPartition(partition, target, List.of(), List.of()), fitted.orElse(null)));
    }

    /**
     * The state with its ISR (and leader) limited to a replica set; empty if it already is. A leader outside the
     * set is replaced by the set's first eligible in-sync replica (leader epoch + 1), or none.
     */
    static Optional<PartitionState> fit(
            PartitionState state, List<Integer> replicas, ClusterSnapshot snapshot, int controllerEpoch) {
        List<Integer> isr = state.isr().stream().filter(replicas::contains).toList();
        if (!state.hasLeader() || replicas.contains(state.leader())) {
            if (isr.size() == state.isr().size() || isr.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PartitionState(state.leader(), state.leaderEpoch(), isr, controllerEpoch));
        }
        Optional<Integer> leader = replicas.stream()
                .filter(r -> isr.contains(r) && snapshot.isEligibleLeader(r))
                .findFirst();
        return Optional.of(new PartitionState(
                leader.orElse(PartitionState.NO_LEADER),
                state.leaderEpoch() + 1,
                isr.isEmpty() ? state.isr() : isr,
                controllerEpoch));
    }

    /** Kafka's error for a request that changes the replication factor when the client forbade it. */
    public static Optional<String> replicationFactorChange(
            TopicAssignment assignment, int partition, List<Integer> target) {
        int current = assignment.originalReplicas(partition).size();
        return target.size() == current
                ? Optional.empty()
                : Optional.of("The replication factor is changed from " + current + " to " + target.size()
                        + " but AllowReplicationFactorChange is false.");
    }

    private static List<Integer> minus(List<Integer> a, List<Integer> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }
}
