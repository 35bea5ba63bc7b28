package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.common.Futures;
import io.partita.broker.network.Reply;
import io.partita.broker.replication.Partition;
import io.partita.broker.replication.ReplicaManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidRequiredAcksException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * Produce: appends each partition's batches to its leader log. Appends start here, on the network thread
 * and in request order, so offsets follow the order a client pipelines its requests; the response waits
 * for every partition's commit (acks=1) or, for acks=all, until the ISR has replicated it (the high
 * watermark passed it). acks=0 gets no response.
 */
final class ProduceHandler {
    /** Topic ids replace names in Produce from this version on. */
    private static final short FIRST_VERSION_WITH_TOPIC_IDS = 13;

    private final ApiContext api;

    ProduceHandler(ApiContext api) {
        this.api = api;
    }

    CompletableFuture<Reply> handle(RequestContext context, ProduceRequest request) {
        ProduceRequestData data = request.data();
        short acks = data.acks();
        boolean byId = request.version() >= FIRST_VERSION_WITH_TOPIC_IDS;
        ClusterSnapshot snapshot = api.snapshot();
        ProduceResponseData response = new ProduceResponseData();
        List<CompletableFuture<?>> appends = new ArrayList<>();
        for (ProduceRequestData.TopicProduceData topic : data.topicData()) {
            String name = byId ? snapshot.topicName(topic.topicId()).orElse(null) : topic.name();
            ProduceResponseData.TopicProduceResponse topicResponse = new ProduceResponseData.TopicProduceResponse()
                    .setName(byId ? "" : topic.name())
                    .setTopicId(byId ? topic.topicId() : Uuid.ZERO_UUID);
            response.responses().add(topicResponse);
            for (ProduceRequestData.PartitionProduceData partitionData : topic.partitionData()) {
                ProduceResponseData.PartitionProduceResponse partitionResponse =
                        new ProduceResponseData.PartitionProduceResponse().setIndex(partitionData.index());
                topicResponse.partitionResponses().add(partitionResponse);
                try {
                    if (acks != 0 && acks != 1 && acks != -1) {
                        throw new InvalidRequiredAcksException("Invalid required acks: " + acks);
                    }
                    if (name == null) {
                        throw new UnknownTopicIdException("Unknown topic id " + topic.topicId());
                    }
                    if (snapshot.topic(name).isEmpty()) {
                        throw new UnknownTopicOrPartitionException("This server does not host this topic-partition.");
                    }
                    TopicPartition tp = new TopicPartition(name, partitionData.index());
                    Partition partition = api.replicaManager().leaderPartition(tp, snapshot);
                    if (acks == -1
                            && partition.isr().size() < partition.config().minInSyncReplicas()) {
                        throw new NotEnoughReplicasException("The ISR of " + tp + " has "
                                + partition.isr().size() + " replicas, fewer than min.insync.replicas "
                                + partition.config().minInSyncReplicas());
                    }
                    MemoryRecords records = (MemoryRecords) partitionData.records();
                    int leaderEpoch = partition.leaderEpoch();
                    appends.add(api.replicaManager()
                            .appendRecords(partition, leaderEpoch, records, acks == -1, data.timeoutMs())
                            .handle((result, error) -> {
                                if (error != null) {
                                    fail(partitionResponse, Futures.unwrap(error));
                                } else {
                                    partitionResponse
                                            .setBaseOffset(result.baseOffset())
                                            .setLogAppendTimeMs(result.logAppendTime())
                                            .setLogStartOffset(result.logStartOffset());
                                }
                                return null;
                            }));
                } catch (ApiException e) {
                    fail(partitionResponse, e);
                } catch (RuntimeException e) {
                    fail(partitionResponse, ReplicaManager.storageError(e));
                }
            }
        }
        CompletableFuture<Void> appended = CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new));
        if (acks == 0) {
            // No response is expected. The request still completes only once its batches are appended: they
            // are read from the request's own network buffer, which is released when the request completes.
            // An error closes the connection, as in Kafka: the client's only way to learn of it.
            return appended.thenApply(v -> firstError(response)
                    .map(error -> Reply.closeConnection("a Produce with acks=0 failed: " + error))
                    .orElse(Reply.of(null)));
        }
        return appended.thenApply(v -> Reply.of(new ProduceResponse(response)));
    }

    private static Optional<Errors> firstError(ProduceResponseData response) {
        return response.responses().stream()
                .flatMap(t -> t.partitionResponses().stream())
                .map(p -> Errors.forCode(p.errorCode()))
                .filter(e -> e != Errors.NONE)
                .findFirst();
    }

    private static void fail(ProduceResponseData.PartitionProduceResponse response, Throwable error) {
        Errors code = Errors.forException(error);
        response.setErrorCode(code.code())
                .setErrorMessage(error.getMessage())
                .setBaseOffset(-1)
                .setLogAppendTimeMs(-1)
                .setLogStartOffset(-1);
    }
}
