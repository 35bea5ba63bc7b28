package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.cluster.TopicAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.ListPartitionReassignmentsResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * ListPartitionReassignments: the reassignments under way, from the topic znodes (full replica set, adding and
 * removing replicas). Topics and partitions that do not exist or are not being reassigned are left out, as
 * Kafka leaves them out.
 */
final class ListPartitionReassignmentsHandler implements ApiHandler<ListPartitionReassignmentsRequest> {
    private final ApiContext api;

    ListPartitionReassignmentsHandler(ApiContext api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(
            RequestContext context, ListPartitionReassignmentsRequest request) {
        ClusterSnapshot snapshot = api.snapshot();
        ListPartitionReassignmentsResponseData response = new ListPartitionReassignmentsResponseData();
        List<ListPartitionReassignmentsRequestData.ListPartitionReassignmentsTopics> wanted =
                request.data().topics();
        if (wanted == null) {
            snapshot.topics()
                    .forEach((name, topic) ->
                            add(response, name, topic, topic.partitions().keySet()));
        } else {
            for (var topic : wanted) {
                snapshot.topic(topic.name()).ifPresent(t -> add(response, topic.name(), t, topic.partitionIndexes()));
            }
        }
        return CompletableFuture.completedFuture(new ListPartitionReassignmentsResponse(response));
    }

    private static void add(
            ListPartitionReassignmentsResponseData response,
            String name,
            TopicAssignment topic,
            Iterable<Integer> partitions) {
        List<ListPartitionReassignmentsResponseData.OngoingPartitionReassignment> ongoing = new ArrayList<>();
        for (int p : partitions) {
            if (topic.isReassigning(p)) {
                ongoing.add(new ListPartitionReassignmentsResponseData.OngoingPartitionReassignment()
                        .setPartitionIndex(p)
                        .setReplicas(new ArrayList<>(topic.replicas(p)))
                        .setAddingReplicas(new ArrayList<>(topic.adding(p)))
                        .setRemovingReplicas(new ArrayList<>(topic.removing(p))));
            }
        }
        if (!ongoing.isEmpty()) {
            response.topics()
                    .add(new ListPartitionReassignmentsResponseData.OngoingTopicReassignment()
                            .setName(name)
                            .setPartitions(ongoing));
        }
    }
}
