package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.group.GroupCoordinator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * OffsetCommit: answered once the commit is replicated. From v10 topics are named by id; an unknown id gets
 * UNKNOWN_TOPIC_ID for its partitions, as in Kafka.
 */
final class OffsetCommitHandler implements ApiHandler<OffsetCommitRequest> {
    private final ApiContext api;
    private final GroupCoordinator groups;

    OffsetCommitHandler(ApiContext api, GroupCoordinator groups) {
        this.api = api;
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, OffsetCommitRequest request) {
        OffsetCommitRequestData data = request.data();
        boolean byId = OffsetCommitResponse.useTopicIds(request.version());
        ClusterSnapshot snapshot = api.snapshot();
        Map<TopicPartition, GroupCoordinator.OffsetToCommit> offsets = new HashMap<>();
        OffsetCommitResponseData response = new OffsetCommitResponseData();
        Map<TopicPartition, OffsetCommitResponseData.OffsetCommitResponsePartition> slots = new HashMap<>();
        for (OffsetCommitRequestData.OffsetCommitRequestTopic topic : data.topics()) {
            String name = byId ? snapshot.topicName(topic.topicId()).orElse(null) : topic.name();
            OffsetCommitResponseData.OffsetCommitResponseTopic topicResponse =
                    new OffsetCommitResponseData.OffsetCommitResponseTopic()
                            .setName(byId ? "" : topic.name())
                            .setTopicId(byId ? topic.topicId() : Uuid.ZERO_UUID);
            response.topics().add(topicResponse);
            for (OffsetCommitRequestData.OffsetCommitRequestPartition p : topic.partitions()) {
                OffsetCommitResponseData.OffsetCommitResponsePartition slot =
                        new OffsetCommitResponseData.OffsetCommitResponsePartition()
                                .setPartitionIndex(p.partitionIndex());
                topicResponse.partitions().add(slot);
                if (name == null) {
                    slot.setErrorCode(Errors.UNKNOWN_TOPIC_ID.code());
                    continue;
                }
                TopicPartition tp = new TopicPartition(name, p.partitionIndex());
                slots.put(tp, slot);
                offsets.put(
                        tp,
                        new GroupCoordinator.OffsetToCommit(
                                p.committedOffset(), p.committedLeaderEpoch(), p.committedMetadata()));
            }
        }
        if (offsets.isEmpty()) {
            return CompletableFuture.completedFuture(new OffsetCommitResponse(response));
        }
        return groups.commit(
                        data.groupId(),
                        data.memberId(),
                        data.groupInstanceId(),
                        data.generationIdOrMemberEpoch(),
                        offsets)
                .thenApply(results -> {
                    results.forEach((tp, error) -> slots.get(tp).setErrorCode(error.code()));
                    return new OffsetCommitResponse(response);
                });
    }
}
