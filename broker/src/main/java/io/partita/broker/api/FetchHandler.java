package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.log.ReadResult;
import io.partita.broker.network.DirectBufferPool;
import io.partita.broker.network.Reply;
import io.partita.broker.replication.DelayedFetches;
import io.partita.broker.replication.Partition;
import io.partita.broker.replication.ReplicaManager;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * Fetch, for consumers and for followers: whole batches from the leader's log, up to the high watermark
 * for a consumer and up to the log end for a follower (whose fetch offset is its log end, which the leader
 * tracks for the ISR and the high watermark), within the partition and response byte limits. If fewer than fetch.min.bytes are there, the request waits (long poll) until an
 * append brings enough or fetch.max.wait.ms passes. Fetch sessions are declined (session id 0), which the
 * protocol allows: clients then send full fetch requests.
 */
final class FetchHandler {
    private static final short FIRST_VERSION_WITH_TOPIC_IDS = 13;
    /** Room for about ten full fetches; beyond it buffers are left to the garbage collector. */
    private static final DirectBufferPool BUFFERS = new DirectBufferPool(64L << 20);

    private final ApiContext api;

    FetchHandler(ApiContext api) {
        this.api = api;
    }

    /** One partition of the request, resolved to a name. */
    private record Wanted(TopicPartition tp, Uuid topicId, FetchRequestData.FetchPartition request) {}

    CompletableFuture<Reply> handle(RequestContext context, FetchRequest request, Executor networkThread) {
        FetchRequestData data = request.data();
        if (data.sessionId() != FetchMetadata.INVALID_SESSION_ID
                || (data.sessionEpoch() != FetchMetadata.INITIAL_EPOCH
                        && data.sessionEpoch() != FetchMetadata.FINAL_EPOCH)) {
            return CompletableFuture.completedFuture(Reply.of(FetchResponse.of(new FetchResponseData()
                    .setErrorCode(Errors.FETCH_SESSION_ID_NOT_FOUND.code())
                    .setSessionId(FetchMetadata.INVALID_SESSION_ID))));
        }
        boolean byId = request.version() >= FIRST_VERSION_WITH_TOPIC_IDS;
        ClusterSnapshot snapshot = api.snapshot();
        List<Wanted> wanted = new ArrayList<>();
        for (FetchRequestData.FetchTopic topic : data.topics()) {
            String name = byId ? snapshot.topicName(topic.topicId()).orElse(null) : topic.topic();
            Uuid id = byId ? topic.topicId() : snapshot.topicId(topic.topic());
            for (FetchRequestData.FetchPartition partition : topic.partitions()) {
                wanted.add(new Wanted(
                        name == null ? null : new TopicPartition(name, partition.partition()), id, partition));
            }
        }
        int maxBytes = Math.min(
                data.maxBytes() <= 0 ? Integer.MAX_VALUE : data.maxBytes(),
                api.config().fetchMaxBytes());
        int replicaId = request.replicaId();
        Read first = read(wanted, maxBytes, snapshot, byId, replicaId);
        if (data.maxWaitMs() <= 0 || first.bytes >= data.minBytes() || first.hasError || wanted.isEmpty()) {
            return CompletableFuture.completedFuture(first.reply());
        }
        first.release();
        return park(wanted, data, maxBytes, byId, replicaId, networkThread);
    }

    /**
     * Long poll: retry on every append to a wanted partition, answer at the deadline whatever there is. Retries
     * run on the connection's network thread, which then writes the answer itself.
     */
    private CompletableFuture<Reply> park(
            List<Wanted> wanted,
            FetchRequestData data,
            int maxBytes,
            boolean byId,
            int replicaId,
            Executor networkThread) {
        CompletableFuture<Reply> future = new CompletableFuture<>();
        List<TopicPartition> partitions =
                wanted.stream().map(Wanted::tp).filter(Objects::nonNull).toList();
        DelayedFetches delayed = api.replicaManager().delayedFetches();
        AtomicBoolean done = new AtomicBoolean();
        DelayedFetches.Waiter waiter = new DelayedFetches.Waiter() {
            @Override
            public Executor executor() {
                return networkThread;
            }

            @Override
            public boolean tryComplete() {
                if (done.get()) {
                    return true;
                }
                Read again = read(wanted, maxBytes, api.snapshot(), byId, replicaId);
                if ((again.bytes >= data.minBytes() || again.hasError) && done.compareAndSet(false, true)) {
                    future.complete(again.reply());
                    return true;
                }
                again.release();
                return false;
            }

            @Override
            public void expire() {
                if (done.compareAndSet(false, true)) {
                    delayed.unwatch(partitions, this);
                    try {
                        future.complete(read(wanted, maxBytes, api.snapshot(), byId, replicaId)
                                .reply());
                    } catch (Throwable e) {
                        future.completeExceptionally(e);
                    }
                }
            }
        };
        delayed.watch(partitions, waiter);
        ScheduledFuture<?> timeout;
        try {
            timeout = api.timer().schedule(waiter::expire, data.maxWaitMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            delayed.unwatch(partitions, waiter);
            done.set(true);
            return CompletableFuture.completedFuture(
                    read(wanted, maxBytes, api.snapshot(), byId, replicaId).reply());
        }
        future.whenComplete((r, e) -> {
            timeout.cancel(false);
            delayed.unwatch(partitions, waiter);
        });
        // An append may have landed between the first read and the registration.
        waiter.tryComplete();
        return future;
    }

    /**
     * One pass over the wanted partitions. The records were copied from LMDB straight into pooled direct
     * memory, which the network layer writes to the socket as it is; {@link #release} gives it back.
     */
    private static final class Read {
        FetchResponse response;
        final List<ByteBuffer> buffers = new ArrayList<>();
        long bytes;
        boolean hasError;

        void release() {
            buffers.forEach(BUFFERS::release);
            buffers.clear();
        }

        Reply reply() {
            return new Reply(response, this::release);
        }
    }

    /**
     * @param replicaId a follower's broker id, or negative for a consumer. A follower reads up to the log end
     *                  and its fetch offset tells the leader how far its log reaches; a consumer reads up to
     *                  the high watermark.
     */
    private Read read(List<Wanted> wanted, int maxBytes, ClusterSnapshot snapshot, boolean byId, int replicaId) {
        Read result = new Read();
        IntFunction<ByteBuffer> allocator = size -> {
            ByteBuffer buffer = BUFFERS.acquire(size);
            result.buffers.add(buffer);
            return buffer;
        };
        FetchResponseData data = new FetchResponseData().setSessionId(FetchMetadata.INVALID_SESSION_ID);
        Map<Object, FetchResponseData.FetchableTopicResponse> topics = new LinkedHashMap<>();
        int remaining = maxBytes;
        for (Wanted w : wanted) {
            FetchResponseData.PartitionData out = new FetchResponseData.PartitionData()
                    .setPartitionIndex(w.request().partition())
                    .setRecords(MemoryRecords.EMPTY);
            topics.computeIfAbsent(byId ? w.topicId() : w.tp().topic(), k -> {
                        FetchResponseData.FetchableTopicResponse topic = byId
                                ? new FetchResponseData.FetchableTopicResponse().setTopicId(w.topicId())
                                : new FetchResponseData.FetchableTopicResponse().setTopic(w.tp().topic());
                        data.responses().add(topic);
                        return topic;
                    })
                    .partitions()
                    .add(out);
            try {
                if (w.tp() == null) {
                    throw new UnknownTopicIdException("Unknown topic id " + w.topicId());
                }
                Partition partition = api.replicaManager().leaderPartition(w.tp(), snapshot);
                partition.checkLeaderEpoch(w.request().currentLeaderEpoch());
                int partitionMax = Math.min(w.request().partitionMaxBytes(), Math.max(remaining, 0));
                boolean follower = replicaId >= 0;
                ReadResult read = partition
                        .log()
                        .read(
                                w.request().fetchOffset(),
                                partitionMax,
                                follower ? Long.MAX_VALUE : partition.log().highWatermark(),
                                result.bytes == 0,
                                allocator);
                if (follower) {
                    // Only a fetch offset inside the leader's log says where the follower's log ends.
                    api.replicaManager()
                            .onFollowerFetch(
                                    partition,
                                    replicaId,
                                    w.request().fetchOffset(),
                                    w.request().logStartOffset());
                }
                MemoryRecords records = read.records();
                out.setHighWatermark(read.highWatermark())
                        .setLastStableOffset(read.highWatermark())
                        .setLogStartOffset(read.logStartOffset())
                        .setRecords(records);
                result.bytes += records.sizeInBytes();
                remaining -= records.sizeInBytes();
            } catch (RuntimeException e) {
                result.hasError = true;
                out.setErrorCode(Errors.forException(ReplicaManager.storageError(e))
                                .code())
                        .setHighWatermark(FetchResponse.INVALID_HIGH_WATERMARK)
                        .setLastStableOffset(FetchResponse.INVALID_LAST_STABLE_OFFSET)
                        .setLogStartOffset(FetchResponse.INVALID_LOG_START_OFFSET);
            }
        }
        result.response = FetchResponse.of(data);
        return result;
    }
}
