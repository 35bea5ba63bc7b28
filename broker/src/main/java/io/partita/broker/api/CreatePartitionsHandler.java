package io.partita.broker.api;

import io.partita.broker.cluster.PartitionLimits;
import io.partita.broker.cluster.ReplicaAssigner;
import io.partita.broker.cluster.TopicAssignment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.apache.kafka.common.requests.RequestContext;

/** CreatePartitions: grows a topic, with its replication factor, optionally on given brokers. */
final class CreatePartitionsHandler implements ApiHandler<CreatePartitionsRequest> {
    private final ApiContext api;

    CreatePartitionsHandler(ApiContext api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, CreatePartitionsRequest request) {
        CreatePartitionsRequestData data = request.data();
        CreatePartitionsResponseData response = new CreatePartitionsResponseData();
        PendingWrites pending = new PendingWrites();
        var snapshot = api.snapshot();
        for (CreatePartitionsRequestData.CreatePartitionsTopic topic : data.topics()) {
            CreatePartitionsResponseData.CreatePartitionsTopicResult result =
                    new CreatePartitionsResponseData.CreatePartitionsTopicResult().setName(topic.name());
            response.results().add(result);
            try {
                TopicAssignment current = snapshot.topic(topic.name())
                        .orElseThrow(() -> new UnknownTopicOrPartitionException(
                                "The topic '" + topic.name() + "' does not exist."));
                int existing = current.partitionCount();
                if (topic.count() <= existing) {
                    throw new InvalidPartitionsException("Topic currently has " + existing
                            + " partitions, which is higher than the requested " + topic.count() + ".");
                }
                TopicAdmin.checkPartitionLimit(topic.count());
                int added = topic.count() - existing;
                // Partition 0's target size, not its full set: during a reassignment that holds both ends.
                int replicationFactor = current.replicationFactor();
                Map<Integer, List<Integer>> additions;
                if (topic.assignments() != null) {
                    if (topic.assignments().size() != added) {
                        throw new InvalidReplicaAssignmentException("Increasing the number of partitions by " + added
                                + " but " + topic.assignments().size() + " assignments provided.");
                    }
                    additions = new HashMap<>();
                    for (int i = 0; i < added; i++) {
                        List<Integer> replicas =
                                List.copyOf(topic.assignments().get(i).brokerIds());
                        if (replicas.size() != replicationFactor) {
                            throw new InvalidReplicaAssignmentException(
                                    "Inconsistent replication factor between partitions");
                        }
                        additions.put(existing + i, replicas);
                    }
                    TopicAdmin.validateManual(additions, existing, snapshot);
                } else {
                    additions = ReplicaAssigner.assign(snapshot.brokerRacks(), existing, added, replicationFactor);
                }
                PartitionLimits.exceeded(snapshot, PartitionLimits.replicasOf(additions.values()))
                        .ifPresent(message -> {
                            throw new PolicyViolationException(message);
                        });
                if (data.validateOnly()) {
                    continue;
                }
                String name = topic.name();
                int wanted = topic.count();
                pending.add(
                        api.blocking(() -> {
                                    api.clusterStore().addPartitions(name, additions, existing);
                                    api.clusterView().scheduleRebuild();
                                    return null;
                                })
                                .thenCompose(v -> api.awaitView(
                                        s -> s.hasLeaders(name, existing)
                                                && s.topic(name)
                                                                .map(TopicAssignment::partitionCount)
                                                                .orElse(0)
                                                        == wanted,
                                        data.timeoutMs())),
                        error -> fail(result, error));
            } catch (RuntimeException e) {
                fail(result, PendingWrites.apiError(e));
            }
        }
        return pending.respond(() -> new CreatePartitionsResponse(response));
    }

    private static void fail(CreatePartitionsResponseData.CreatePartitionsTopicResult result, ApiError apiError) {
        result.setErrorCode(apiError.error().code()).setErrorMessage(apiError.message());
    }
}
