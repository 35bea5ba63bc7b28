package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.cluster.PartitionLimits;
import io.partita.broker.cluster.PartitionResult;
import io.partita.broker.cluster.ReassignmentRequest;
import io.partita.broker.cluster.Reassignments;
import io.partita.broker.cluster.TopicAssignment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.RequestContext;

/**
 * AlterPartitionReassignments: starts (or, with null replicas, cancels) reassignments. As in Kafka the answer
 * comes once a reassignment has started, not finished: the controller finishes it when the new replicas are in
 * sync (ListPartitionReassignments shows it meanwhile). Requests are checked here first, so plain mistakes are
 * answered without a trip through ZooKeeper; the controller checks again against its own metadata.
 */
final class AlterPartitionReassignmentsHandler implements ApiHandler<AlterPartitionReassignmentsRequest> {
    private final ApiContext api;
    private final ControllerRequests controller;

    AlterPartitionReassignmentsHandler(ApiContext api, ControllerRequests controller) {
        this.api = api;
        this.controller = controller;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(
            RequestContext context, AlterPartitionReassignmentsRequest request) {
        AlterPartitionReassignmentsRequestData data = request.data();
        boolean allowRfChange = request.version() == 0 || data.allowReplicationFactorChange();
        ClusterSnapshot snapshot = api.snapshot();
        Map<TopicPartition, ApiError> results = new LinkedHashMap<>();
        Map<TopicPartition, ReassignmentRequest.Target> targets = new LinkedHashMap<>();
        for (var topic : data.topics()) {
            for (var partition : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
                List<Integer> replicas = partition.replicas() == null ? null : List.copyOf(partition.replicas());
                Optional<ApiError> refused = check(snapshot, tp, replicas, allowRfChange);
                results.put(tp, refused.orElse(ApiError.NONE));
                if (refused.isEmpty()) {
                    targets.put(tp, new ReassignmentRequest.Target(tp.topic(), tp.partition(), replicas));
                }
            }
        }
        refuseOverLimits(snapshot, targets, results);
        if (targets.isEmpty()) {
            return CompletableFuture.completedFuture(response(results, allowRfChange));
        }
        List<ReassignmentRequest.Target> wanted = List.copyOf(targets.values());
        return controller
                .submit(
                        () -> api.clusterStore().submitReassignment(ReassignmentRequest.of(wanted, allowRfChange)),
                        s -> s.reassignmentRequests().entrySet().stream()
                                .filter(e -> e.getValue().isDone())
                                .collect(Collectors.toMap(
                                        Map.Entry::getKey, e -> e.getValue().results())),
                        (s, result) -> ControllerRequests.epochVisible(s, result)
                                && started(s, targets.get(result.topicPartition())),
                        data.timeoutMs())
                .handle((answered, error) -> {
                    if (error != null) {
                        ApiError failure = PendingWrites.apiError(error);
                        targets.keySet().forEach(tp -> results.put(tp, failure));
                    } else {
                        for (PartitionResult result : answered) {
                            results.put(result.topicPartition(), new ApiError(result.error(), result.errorMessage()));
                        }
                    }
                    return response(results, allowRfChange);
                });
    }

    private static Optional<ApiError> check(
            ClusterSnapshot snapshot, TopicPartition tp, List<Integer> replicas, boolean allowRfChange) {
        Optional<TopicAssignment> topic = snapshot.topic(tp.topic());
        if (topic.isEmpty()
                || !topic.get().partitions().containsKey(tp.partition())
                || snapshot.isBeingDeleted(tp.topic())) {
            return Optional.of(new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The partition does not exist."));
        }
        if (replicas == null) {
            return topic.get().isReassigning(tp.partition())
                    ? Optional.empty()
                    : Optional.of(new ApiError(
                            Errors.NO_REASSIGNMENT_IN_PROGRESS,
                            "No reassignment is in progress for partition " + tp + "."));
        }
        Optional<String> invalid = Reassignments.invalidTarget(replicas, snapshot);
        if (invalid.isPresent()) {
            return Optional.of(new ApiError(Errors.INVALID_REPLICA_ASSIGNMENT, invalid.get()));
        }
        if (!allowRfChange) {
            return Reassignments.replicationFactorChange(topic.get(), tp.partition(), replicas)
                    .map(message -> new ApiError(Errors.INVALID_REPLICATION_FACTOR, message));
        }
        return Optional.empty();
    }

    /**
     * The replicas the request adds to nodes that do not hold them yet, against each node's partition limit;
     * over a limit, the whole request is refused (a part of it would place the rest differently than asked).
     */
    private static void refuseOverLimits(
            ClusterSnapshot snapshot,
            Map<TopicPartition, ReassignmentRequest.Target> targets,
            Map<TopicPartition, ApiError> results) {
        List<Integer> added = new ArrayList<>();
        for (Map.Entry<TopicPartition, ReassignmentRequest.Target> entry : targets.entrySet()) {
            List<Integer> wanted = entry.getValue().replicas();
            if (wanted == null) {
                continue; // a cancel adds nothing
            }
            List<Integer> current = snapshot.topic(entry.getKey().topic())
                    .orElseThrow()
                    .replicas(entry.getKey().partition());
            wanted.stream().filter(id -> !current.contains(id)).forEach(added::add);
        }
        PartitionLimits.exceeded(snapshot, added).ifPresent(message -> {
            targets.keySet().forEach(tp -> results.put(tp, new ApiError(Errors.POLICY_VIOLATION, message)));
            targets.clear();
        });
    }

    /** The snapshot shows the reassignment under way or done (or, for a cancel, gone). */
    private static boolean started(ClusterSnapshot snapshot, ReassignmentRequest.Target target) {
        Optional<TopicAssignment> topic = snapshot.topic(target.topic());
        if (topic.isEmpty()) {
            return true;
        }
        return target.isCancel()
                ? !topic.get().isReassigning(target.partition())
                : topic.get().targetReplicas(target.partition()).equals(target.replicas());
    }

    private static AbstractResponse response(Map<TopicPartition, ApiError> results, boolean allowRfChange) {
        Map<String, AlterPartitionReassignmentsResponseData.ReassignableTopicResponse> byTopic = new LinkedHashMap<>();
        results.forEach((tp, error) -> byTopic.computeIfAbsent(
                        tp.topic(),
                        t -> new AlterPartitionReassignmentsResponseData.ReassignableTopicResponse().setName(t))
                .partitions()
                .add(new AlterPartitionReassignmentsResponseData.ReassignablePartitionResponse()
                        .setPartitionIndex(tp.partition())
                        .setErrorCode(error.error().code())
                        .setErrorMessage(error.error() == Errors.NONE ? null : error.message())));
        return new AlterPartitionReassignmentsResponse(new AlterPartitionReassignmentsResponseData()
                .setAllowReplicationFactorChange(allowRfChange)
                .setResponses(new ArrayList<>(byTopic.values())));
    }
}
