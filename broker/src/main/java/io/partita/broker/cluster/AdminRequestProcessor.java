package io.partita.broker.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's side of ElectLeaders and AlterPartitionReassignments: it takes each pending request znode,
 * decides every partition on the controller's snapshot, and writes the partition states, topic assignments
 * and the request's results in one fenced transaction, so a request is done completely or not at all. Runs on
 * the controller's event thread.
 */
final class AdminRequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRequestProcessor.class);
    /** Answered requests whose node did not remove them (it stopped, or the client gave up) go after this. */
    static final long ANSWERED_REQUEST_RETENTION_MS = 60_000;

    private final FencedWriter writer;
    private final Time time;

    AdminRequestProcessor(FencedWriter writer, Time time) {
        this.writer = writer;
        this.time = time;
    }

    void process(ClusterSnapshot snapshot, int controllerEpoch) throws Exception {
        long now = time.milliseconds();
        for (var entry : snapshot.electionRequests().entrySet()) {
            ElectionRequest request = entry.getValue();
            if (request.isDone()) {
                removeIfStale(entry.getKey(), request.completedMs(), now);
            } else {
                attempt(entry.getKey(), () -> elect(snapshot, entry.getKey(), request, controllerEpoch, now));
            }
        }
        for (var entry : snapshot.reassignmentRequests().entrySet()) {
            ReassignmentRequest request = entry.getValue();
            if (request.isDone()) {
                removeIfStale(entry.getKey(), request.completedMs(), now);
            } else {
                attempt(entry.getKey(), () -> reassign(snapshot, entry.getKey(), request, controllerEpoch, now));
            }
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void attempt(String path, Work work) throws Exception {
        try {
            work.run();
        } catch (FencedWriter.FencedException e) {
            throw e;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException stale) {
            // A partition or topic changed after the snapshot (the next one retries), or the request was withdrawn.
            LOG.debug("Admin request {} not applied yet: {}", path, stale.toString());
        }
    }

    private void elect(ClusterSnapshot snapshot, String path, ElectionRequest request, int controllerEpoch, long now)
            throws Exception {
        List<CuratorOp> ops = new ArrayList<>();
        List<PartitionResult> results = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (ElectionRequest.Ref ref : request.partitions()) {
            TopicPartition tp = ref.topicPartition();
            if (snapshot.isBeingDeleted(tp.topic())) {
                results.add(
                        PartitionResult.error(tp, Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic is being deleted."));
                continue;
            }
            Elections.Outcome outcome = Elections.elect(request.type(), snapshot, tp, controllerEpoch);
            if (outcome.next() == null) {
                results.add(PartitionResult.error(tp, outcome.error(), outcome.message()));
            } else {
                ops.add(writer.setState(
                        tp,
                        outcome.next(),
                        snapshot.versionedState(tp).orElseThrow().zkVersion()));
                results.add(PartitionResult.ok(tp, outcome.next().leaderEpoch()));
                changes.add(request.type() + " election for " + tp + ": leader "
                        + snapshot.state(tp).orElseThrow().leader() + " -> "
                        + outcome.next().leader()
                        + " (epoch " + outcome.next().leaderEpoch() + ")");
            }
        }
        ops.add(writer.answer(path, request.completed(results, now)));
        writer.write(ops);
        changes.forEach(LOG::info);
    }

    private void reassign(
            ClusterSnapshot snapshot, String path, ReassignmentRequest request, int controllerEpoch, long now)
            throws Exception {
        Map<String, TopicAssignment> topics = new LinkedHashMap<>();
        Map<TopicPartition, PartitionState> states = new LinkedHashMap<>();
        List<PartitionResult> results = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (ReassignmentRequest.Target target : request.partitions()) {
            TopicPartition tp = target.topicPartition();
            TopicAssignment assignment = topics.containsKey(tp.topic())
                    ? topics.get(tp.topic())
                    : snapshot.topic(tp.topic()).orElse(null);
            PartitionState state =
                    states.containsKey(tp) ? states.get(tp) : snapshot.state(tp).orElse(null);
            if (assignment == null
                    || state == null
                    || snapshot.isBeingDeleted(tp.topic())
                    || !assignment.partitions().containsKey(tp.partition())) {
                results.add(PartitionResult.error(
                        tp, Errors.UNKNOWN_TOPIC_OR_PARTITION, "The partition " + tp + " does not exist."));
                continue;
            }
            Optional<Reassignments.Step> step;
            if (target.isCancel()) {
                step = Reassignments.cancel(assignment, tp.partition(), state, snapshot, controllerEpoch);
                if (step.isEmpty()) {
                    results.add(PartitionResult.error(
                            tp,
                            Errors.NO_REASSIGNMENT_IN_PROGRESS,
                            "No reassignment is in progress for partition " + tp + "."));
                    continue;
                }
            } else {
                Optional<String> invalid = Reassignments.invalidTarget(target.replicas(), snapshot);
                if (invalid.isPresent()) {
                    results.add(PartitionResult.error(tp, Errors.INVALID_REPLICA_ASSIGNMENT, invalid.get()));
                    continue;
                }
                Optional<String> rfChange = request.allowReplicationFactorChange()
                        ? Optional.empty()
                        : Reassignments.replicationFactorChange(assignment, tp.partition(), target.replicas());
                if (rfChange.isPresent()) {
                    results.add(PartitionResult.error(tp, Errors.INVALID_REPLICATION_FACTOR, rfChange.get()));
                    continue;
                }
                step = Optional.of(Reassignments.start(
                        assignment, tp.partition(), target.replicas(), state, snapshot, controllerEpoch));
            }
            topics.put(tp.topic(), step.get().assignment());
            PartitionState next = step.get().state();
            if (next != null) {
                states.put(tp, next);
            }
            results.add(PartitionResult.ok(tp, next == null ? -1 : next.leaderEpoch()));
            changes.add("Reassignment of " + tp + ": replicas " + assignment.replicas(tp.partition()) + " -> "
                    + step.get().assignment().replicas(tp.partition()) + " (adding "
                    + step.get().assignment().adding(tp.partition()) + ", removing "
                    + step.get().assignment().removing(tp.partition()) + ")");
        }
        List<CuratorOp> ops = new ArrayList<>();
        for (var topic : topics.entrySet()) {
            ops.add(writer.setTopic(topic.getKey(), topic.getValue(), snapshot.topicVersion(topic.getKey())));
        }
        for (var state : states.entrySet()) {
            ops.add(writer.setState(
                    state.getKey(),
                    state.getValue(),
                    snapshot.versionedState(state.getKey()).orElseThrow().zkVersion()));
        }
        ops.add(writer.answer(path, request.completed(results, now)));
        writer.write(ops);
        changes.forEach(LOG::info);
    }

    private void removeIfStale(String path, Long completedMs, long now) {
        if (completedMs != null && now - completedMs > ANSWERED_REQUEST_RETENTION_MS) {
            try {
                writer.client().delete().forPath(path);
            } catch (Exception e) {
                LOG.debug("Could not remove the answered request {}: {}", path, e.toString());
            }
        }
    }
}
