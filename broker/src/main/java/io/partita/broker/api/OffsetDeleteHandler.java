package io.partita.broker.api;

import io.partita.broker.group.GroupCoordinator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetDeleteRequest;
import org.apache.kafka.common.requests.OffsetDeleteResponse;
import org.apache.kafka.common.requests.RequestContext;

/** OffsetDelete: a group's offsets of topics its members do not subscribe to (GROUP_SUBSCRIBED_TO_TOPIC otherwise). */
final class OffsetDeleteHandler implements ApiHandler<OffsetDeleteRequest> {
    private final GroupCoordinator groups;

    OffsetDeleteHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, OffsetDeleteRequest request) {
        OffsetDeleteRequestData data = request.data();
        List<TopicPartition> partitions = new ArrayList<>();
        data.topics()
                .forEach(t ->
                        t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partitionIndex()))));
        return groups.deleteOffsets(data.groupId(), partitions).thenApply(result -> {
            OffsetDeleteResponseData response =
                    new OffsetDeleteResponseData().setErrorCode(result.error().code());
            if (result.error() == Errors.NONE) {
                for (OffsetDeleteRequestData.OffsetDeleteRequestTopic t : data.topics()) {
                    OffsetDeleteResponseData.OffsetDeleteResponseTopic topic =
                            new OffsetDeleteResponseData.OffsetDeleteResponseTopic().setName(t.name());
                    for (OffsetDeleteRequestData.OffsetDeleteRequestPartition p : t.partitions()) {
                        if (topic.partitions().find(p.partitionIndex()) != null) {
                            continue;
                        }
                        Errors error = result.partitions()
                                .getOrDefault(new TopicPartition(t.name(), p.partitionIndex()), Errors.NONE);
                        topic.partitions()
                                .add(new OffsetDeleteResponseData.OffsetDeleteResponsePartition()
                                        .setPartitionIndex(p.partitionIndex())
                                        .setErrorCode(error.code()));
                    }
                    response.topics().add(topic);
                }
            }
            return new OffsetDeleteResponse(response);
        });
    }
}
