package io.partita.broker.api;

import io.partita.broker.common.Futures;
import io.partita.broker.replication.Partition;
import io.partita.broker.replication.ReplicaManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteRecordsResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * DeleteRecords: raises each partition's log start offset (offset -1 means the high watermark), answering, as
 * Kafka does, once every in-sync replica has dropped the records (the low watermark reached the offset), so a
 * later leader change cannot bring them back.
 */
final class DeleteRecordsHandler implements ApiHandler<DeleteRecordsRequest> {
    private final ApiContext api;

    DeleteRecordsHandler(ApiContext api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, DeleteRecordsRequest request) {
        DeleteRecordsResponseData response = new DeleteRecordsResponseData();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        var snapshot = api.snapshot();
        long timeoutMs = request.data().timeoutMs();
        for (DeleteRecordsRequestData.DeleteRecordsTopic topic : request.data().topics()) {
            DeleteRecordsResponseData.DeleteRecordsTopicResult topicResult =
                    new DeleteRecordsResponseData.DeleteRecordsTopicResult().setName(topic.name());
            response.topics().add(topicResult);
            for (DeleteRecordsRequestData.DeleteRecordsPartition wanted : topic.partitions()) {
                DeleteRecordsResponseData.DeleteRecordsPartitionResult out =
                        new DeleteRecordsResponseData.DeleteRecordsPartitionResult()
                                .setPartitionIndex(wanted.partitionIndex())
                                .setLowWatermark(-1);
                topicResult.partitions().add(out);
                try {
                    Partition partition = api.replicaManager()
                            .leaderPartition(new TopicPartition(topic.name(), wanted.partitionIndex()), snapshot);
                    long offset = wanted.offset() == DeleteRecordsRequest.HIGH_WATERMARK
                            ? partition.log().highWatermark()
                            : wanted.offset();
                    int leaderEpoch = partition.leaderEpoch();
                    // The leader's log start first; the answer once every in-sync follower has moved its own.
                    pending.add(partition
                            .log()
                            .deleteRecordsBefore(offset)
                            .thenCompose(start ->
                                    api.replicaManager().awaitLowWatermark(partition, leaderEpoch, offset, timeoutMs))
                            .handle((outcome, e) -> {
                                if (e != null) {
                                    out.setErrorCode(Errors.forException(ReplicaManager.storageError(Futures.unwrap(e)))
                                            .code());
                                } else {
                                    out.setErrorCode(outcome.error().code()).setLowWatermark(outcome.lowWatermark());
                                }
                                return null;
                            }));
                } catch (RuntimeException e) {
                    out.setErrorCode(
                            Errors.forException(ReplicaManager.storageError(e)).code());
                }
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(v -> new DeleteRecordsResponse(response));
    }
}
