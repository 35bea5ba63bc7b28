package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.log.PartitionLog;
import io.partita.broker.log.TimestampAndOffset;
import io.partita.broker.replication.Partition;
import io.partita.broker.replication.ReplicaManager;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * ListOffsets: earliest, latest, max timestamp, or the first offset at or after a time; consumers see up to
 * the high watermark, followers (replica id set) up to the log end. With the debugging replica id (-2) any
 * replica answers from its own log, which is how a tool sees where each follower is.
 */
final class ListOffsetsHandler implements ApiHandler<ListOffsetsRequest> {
    /** Older versions have no leader epoch field, and writing one there is an error. */
    private static final short FIRST_VERSION_WITH_LEADER_EPOCH = 4;

    private final ApiContext api;

    ListOffsetsHandler(ApiContext api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, ListOffsetsRequest request) {
        ClusterSnapshot snapshot = api.snapshot();
        ListOffsetsResponseData response = new ListOffsetsResponseData();
        for (ListOffsetsRequestData.ListOffsetsTopic topic : request.data().topics()) {
            ListOffsetsResponseData.ListOffsetsTopicResponse topicResponse =
                    new ListOffsetsResponseData.ListOffsetsTopicResponse().setName(topic.name());
            response.topics().add(topicResponse);
            for (ListOffsetsRequestData.ListOffsetsPartition wanted : topic.partitions()) {
                ListOffsetsResponseData.ListOffsetsPartitionResponse out =
                        new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                                .setPartitionIndex(wanted.partitionIndex());
                topicResponse.partitions().add(out);
                try {
                    TopicPartition tp = new TopicPartition(topic.name(), wanted.partitionIndex());
                    // As Kafka: the debugging replica id asks any replica for its own log (a follower's log end
                    // offset shows how far it has copied); everyone else asks the leader.
                    Partition partition = request.replicaId() == ListOffsetsRequest.DEBUGGING_REPLICA_ID
                            ? api.replicaManager().hostedPartition(tp, snapshot)
                            : api.replicaManager().leaderPartition(tp, snapshot);
                    partition.checkLeaderEpoch(wanted.currentLeaderEpoch());
                    Optional<TimestampAndOffset> found = lookup(
                            partition,
                            wanted.timestamp(),
                            request.replicaId() != ListOffsetsRequest.CONSUMER_REPLICA_ID);
                    out.setTimestamp(found.map(TimestampAndOffset::timestamp)
                                    .orElse(ListOffsetsResponse.UNKNOWN_TIMESTAMP))
                            .setOffset(
                                    found.map(TimestampAndOffset::offset).orElse(ListOffsetsResponse.UNKNOWN_OFFSET));
                    if (request.version() >= FIRST_VERSION_WITH_LEADER_EPOCH) {
                        out.setLeaderEpoch(
                                found.map(TimestampAndOffset::leaderEpoch).orElse(-1));
                    }
                } catch (RuntimeException e) {
                    out.setErrorCode(Errors.forException(ReplicaManager.storageError(e))
                                    .code())
                            .setTimestamp(ListOffsetsResponse.UNKNOWN_TIMESTAMP)
                            .setOffset(ListOffsetsResponse.UNKNOWN_OFFSET);
                }
            }
        }
        return CompletableFuture.completedFuture(new ListOffsetsResponse(response));
    }

    /**
     * @param toLogEnd a consumer sees up to the high watermark; a follower (it copies the log) and a debugging
     *                 request (replica id -2) see up to the log end: Kafka applies no isolation to requests that
     *                 are not a client's
     */
    private static Optional<TimestampAndOffset> lookup(Partition partition, long timestamp, boolean toLogEnd) {
        PartitionLog log = partition.log();
        long highWatermark = toLogEnd ? log.logEndOffset() : log.highWatermark();
        int epoch = partition.leaderEpoch();
        if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP
                || timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
            return Optional.of(
                    new TimestampAndOffset(ListOffsetsResponse.UNKNOWN_TIMESTAMP, log.logStartOffset(), epoch));
        }
        if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP) {
            return Optional.of(new TimestampAndOffset(ListOffsetsResponse.UNKNOWN_TIMESTAMP, highWatermark, epoch));
        }
        if (timestamp == ListOffsetsRequest.MAX_TIMESTAMP) {
            return log.offsetOfMaxTimestamp().filter(found -> found.offset() < highWatermark);
        }
        if (timestamp < 0) {
            // Tiered-storage positions (latest tiered, earliest pending upload): this broker has no tiers.
            return Optional.empty();
        }
        return log.offsetForTimestamp(timestamp).filter(found -> found.offset() < highWatermark);
    }
}
