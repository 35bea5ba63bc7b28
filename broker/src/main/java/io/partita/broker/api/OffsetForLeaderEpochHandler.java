package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.replication.EpochEndOffsets;
import io.partita.broker.replication.Partition;
import io.partita.broker.replication.ReplicaManager;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * OffsetForLeaderEpoch: where an epoch ends in the leader's log. Followers ask it before fetching in a new
 * epoch, to cut what a previous leader wrote and nobody committed; consumers ask it after a leader change,
 * to learn whether their position still exists.
 */
final class OffsetForLeaderEpochHandler implements ApiHandler<OffsetsForLeaderEpochRequest> {
    private final ApiContext api;

    OffsetForLeaderEpochHandler(ApiContext api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, OffsetsForLeaderEpochRequest request) {
        ClusterSnapshot snapshot = api.snapshot();
        OffsetForLeaderEpochResponseData response = new OffsetForLeaderEpochResponseData();
        for (OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic :
                request.data().topics()) {
            OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult topicResult =
                    new OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult().setTopic(topic.topic());
            response.topics().add(topicResult);
            for (OffsetForLeaderEpochRequestData.OffsetForLeaderPartition wanted : topic.partitions()) {
                OffsetForLeaderEpochResponseData.EpochEndOffset out =
                        new OffsetForLeaderEpochResponseData.EpochEndOffset().setPartition(wanted.partition());
                topicResult.partitions().add(out);
                try {
                    Partition partition = api.replicaManager()
                            .leaderPartition(new TopicPartition(topic.topic(), wanted.partition()), snapshot);
                    partition.checkLeaderEpoch(wanted.currentLeaderEpoch());
                    EpochEndOffsets.EpochEnd end = EpochEndOffsets.endOffsetFor(
                            partition.log().leaderEpochs(),
                            wanted.leaderEpoch(),
                            partition.log().logEndOffset());
                    out.setLeaderEpoch(end.epoch()).setEndOffset(end.endOffset());
                } catch (RuntimeException e) {
                    out.setErrorCode(Errors.forException(ReplicaManager.storageError(e))
                                    .code())
                            .setLeaderEpoch(EpochEndOffsets.UNDEFINED_EPOCH)
                            .setEndOffset(EpochEndOffsets.UNDEFINED_OFFSET);
                }
            }
        }
        return CompletableFuture.completedFuture(new OffsetsForLeaderEpochResponse(response));
    }
}
