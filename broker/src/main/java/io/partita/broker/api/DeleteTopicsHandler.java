package io.partita.broker.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.apache.kafka.common.requests.RequestContext;

/** DeleteTopics by name or id: marks the topic for the controller and answers once it is gone from metadata. */
final class DeleteTopicsHandler implements ApiHandler<DeleteTopicsRequest> {
    private final ApiContext api;

    DeleteTopicsHandler(ApiContext api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, DeleteTopicsRequest request) {
        DeleteTopicsRequestData data = request.data();
        DeleteTopicsResponseData response = new DeleteTopicsResponseData();
        PendingWrites pending = new PendingWrites();
        List<DeleteTopicsRequestData.DeleteTopicState> wanted = new ArrayList<>(data.topics());
        data.topicNames().forEach(n -> wanted.add(new DeleteTopicsRequestData.DeleteTopicState().setName(n)));
        var snapshot = api.snapshot();
        for (DeleteTopicsRequestData.DeleteTopicState topic : wanted) {
            DeleteTopicsResponseData.DeletableTopicResult result = new DeleteTopicsResponseData.DeletableTopicResult()
                    .setName(topic.name())
                    .setTopicId(topic.topicId());
            response.responses().add(result);
            String name = topic.name();
            try {
                if (name == null) {
                    name = snapshot.topicName(topic.topicId())
                            .orElseThrow(() -> new UnknownTopicIdException("Unknown topic id " + topic.topicId()));
                    result.setName(name);
                } else if (snapshot.topic(name).isEmpty()) {
                    throw new UnknownTopicOrPartitionException("This server does not host this topic-partition.");
                } else if (request.version() >= 6) {
                    result.setTopicId(snapshot.topicId(name));
                }
                if (!api.config().deleteTopicEnable()) {
                    throw new TopicDeletionDisabledException("Topic deletion is disabled.");
                }
                String target = name;
                Uuid id = snapshot.topicId(name);
                pending.add(
                        api.blocking(() -> {
                                    api.clusterStore().markForDeletion(target);
                                    api.clusterView().scheduleRebuild();
                                    return null;
                                })
                                .thenCompose(v ->
                                        api.awaitView(s -> !s.topicId(target).equals(id), data.timeoutMs())),
                        error -> fail(result, error));
            } catch (RuntimeException e) {
                fail(result, PendingWrites.apiError(e));
            }
        }
        return pending.respond(() -> new DeleteTopicsResponse(response));
    }

    private static void fail(DeleteTopicsResponseData.DeletableTopicResult result, ApiError apiError) {
        result.setErrorCode(apiError.error().code()).setErrorMessage(apiError.message());
    }
}
