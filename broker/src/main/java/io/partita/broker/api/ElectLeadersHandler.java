package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.cluster.ElectionRequest;
import io.partita.broker.cluster.PartitionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.ElectLeadersRequest;
import org.apache.kafka.common.requests.ElectLeadersResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * ElectLeaders (v0 preferred only; v1+ preferred or unclean): the controller elects, this node answers with
 * Kafka's per-partition errors once its metadata shows the new leaders. A null partition list means every
 * partition, and then, as in Kafka, partitions that needed no election are left out of the answer.
 */
final class ElectLeadersHandler implements ApiHandler<ElectLeadersRequest> {
    private final ApiContext api;
    private final ControllerRequests controller;

    ElectLeadersHandler(ApiContext api, ControllerRequests controller) {
        this.api = api;
        this.controller = controller;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, ElectLeadersRequest request) {
        ElectLeadersRequestData data = request.data();
        ElectionType type;
        try {
            type = request.version() == 0 ? ElectionType.PREFERRED : ElectionType.valueOf(data.electionType());
        } catch (IllegalArgumentException unknown) {
            return CompletableFuture.completedFuture(new ElectLeadersResponse(
                    new ElectLeadersResponseData().setErrorCode(Errors.INVALID_REQUEST.code())));
        }
        ClusterSnapshot snapshot = api.snapshot();
        boolean all = data.topicPartitions() == null;
        Map<TopicPartition, ApiError> results = new LinkedHashMap<>();
        List<TopicPartition> wanted = new ArrayList<>();
        if (all) {
            snapshot.partitions().stream()
                    .filter(tp -> !snapshot.isBeingDeleted(tp.topic()))
                    .forEach(wanted::add);
        } else {
            for (ElectLeadersRequestData.TopicPartitions topic : data.topicPartitions()) {
                for (int partition : topic.partitions()) {
                    TopicPartition tp = new TopicPartition(topic.topic(), partition);
                    boolean exists = snapshot.topic(tp.topic())
                            .map(t -> t.partitions().containsKey(partition))
                            .orElse(false);
                    if (!exists || snapshot.isBeingDeleted(tp.topic())) {
                        results.put(
                                tp, new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The partition does not exist."));
                    } else if (!wanted.contains(tp)) {
                        wanted.add(tp);
                    }
                }
            }
        }
        if (wanted.isEmpty()) {
            return CompletableFuture.completedFuture(response(results, all));
        }
        return controller
                .submit(
                        () -> api.clusterStore().submitElection(ElectionRequest.of(type, wanted)),
                        s -> s.electionRequests().entrySet().stream()
                                .filter(e -> e.getValue().isDone())
                                .collect(Collectors.toMap(
                                        Map.Entry::getKey, e -> e.getValue().results())),
                        ControllerRequests::epochVisible,
                        data.timeoutMs())
                .handle((answered, error) -> {
                    if (error != null) {
                        ApiError failure = PendingWrites.apiError(error);
                        wanted.forEach(tp -> results.put(tp, failure));
                    } else {
                        for (PartitionResult result : answered) {
                            results.put(result.topicPartition(), new ApiError(result.error(), result.errorMessage()));
                        }
                    }
                    return response(results, all);
                });
    }

    private static AbstractResponse response(Map<TopicPartition, ApiError> results, boolean all) {
        Map<String, ElectLeadersResponseData.ReplicaElectionResult> byTopic = new LinkedHashMap<>();
        results.forEach((tp, error) -> {
            if (all && error.error() == Errors.ELECTION_NOT_NEEDED) {
                return;
            }
            byTopic.computeIfAbsent(tp.topic(), t -> new ElectLeadersResponseData.ReplicaElectionResult().setTopic(t))
                    .partitionResult()
                    .add(new ElectLeadersResponseData.PartitionResult()
                            .setPartitionId(tp.partition())
                            .setErrorCode(error.error().code())
                            .setErrorMessage(error.error() == Errors.NONE ? null : error.message()));
        });
        return new ElectLeadersResponse(new ElectLeadersResponseData()
                .setErrorCode(Errors.NONE.code())
                .setReplicaElectionResults(new ArrayList<>(byTopic.values())));
    }
}
