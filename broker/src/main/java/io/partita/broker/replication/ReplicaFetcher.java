package io.partita.broker.replication;

import io.partita.broker.log.EpochEntry;
import io.partita.broker.log.PartitionLog;
import io.partita.broker.network.BlockingKafkaClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's replica fetcher thread: copies every partition this node follows from one leader node. A
 * partition starts out truncating: the fetcher asks the leader (OffsetForLeaderEpoch) where the follower's
 * latest epoch ends in the leader's log, and cuts the local log there, so records a previous leader wrote
 * but never committed disappear. Then it fetches (Fetch with this node's replica id, from the local log end)
 * and appends what comes, keeping the leader's offsets and epochs, and takes the leader's high watermark.
 *
 * <p>Responses are applied under {@link #processing}; {@link #removePartitions} takes the same lock, so once
 * it returns no append of this fetcher can reach the removed partitions (the node may lead them next).
 */
final class ReplicaFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaFetcher.class);

    private final int localBrokerId;
    private final int leaderId;
    private final ReplicationSettings settings;
    private final Time time;
    private final BlockingKafkaClient client;
    private final Map<TopicPartition, FetchState> partitions = new ConcurrentHashMap<>();
    private final ReentrantLock processing = new ReentrantLock();
    private final Object wakeup = new Object();
    private final Thread thread;
    private volatile boolean running = true;

    /** One followed partition in one leader epoch; replaced (not mutated) when the epoch changes. */
    private static final class FetchState {
        final Partition partition;
        final int leaderEpoch;
        volatile boolean truncating = true;
        volatile long delayedUntilMs;

        FetchState(Partition partition, int leaderEpoch) {
            this.partition = partition;
            this.leaderEpoch = leaderEpoch;
        }
    }

    ReplicaFetcher(int localBrokerId, int leaderId, String host, int port, ReplicationSettings settings, Time time) {
        this.localBrokerId = localBrokerId;
        this.time = time;
        this.leaderId = leaderId;
        this.settings = settings;
        this.client = new BlockingKafkaClient(
                host, port, "partita-replica-fetcher-" + localBrokerId, settings.socketTimeoutMs());
        this.thread = new Thread(this::run, "replica-fetcher-" + localBrokerId + "-from-" + leaderId);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String host() {
        return client.host();
    }

    int port() {
        return client.port();
    }

    /** Follows {@code partition} in {@code leaderEpoch}; a new epoch starts over with truncation. */
    void addPartition(Partition partition, int leaderEpoch) {
        FetchState current = partitions.get(partition.topicPartition());
        if (current != null && current.partition == partition && current.leaderEpoch == leaderEpoch) {
            return;
        }
        partitions.put(partition.topicPartition(), new FetchState(partition, leaderEpoch));
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    /** Stops following; when this returns, no response of this fetcher touches these partitions any more. */
    void removePartitions(Collection<TopicPartition> removed) {
        processing.lock();
        try {
            removed.forEach(partitions::remove);
        } finally {
            processing.unlock();
        }
    }

    Collection<TopicPartition> partitions() {
        return List.copyOf(partitions.keySet());
    }

    private void run() {
        while (running) {
            try {
                doWork();
            } catch (IOException e) {
                if (running) {
                    LOG.debug("Fetch from node {} failed: {}", leaderId, e.toString());
                    pause(settings.fetchBackoffMs());
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Replica fetcher from node {} failed", leaderId, e);
                    pause(settings.fetchBackoffMs());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pause(long ms) {
        synchronized (wakeup) {
            try {
                wakeup.wait(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void doWork() throws IOException, InterruptedException {
        long now = time.milliseconds();
        List<FetchState> truncating = new ArrayList<>();
        List<FetchState> fetching = new ArrayList<>();
        long nextDue = Long.MAX_VALUE;
        for (FetchState state : partitions.values()) {
            if (state.delayedUntilMs > now) {
                nextDue = Math.min(nextDue, state.delayedUntilMs);
            } else if (state.truncating) {
                truncating.add(state);
            } else {
                fetching.add(state);
            }
        }
        if (!truncating.isEmpty()) {
            truncate(truncating);
        }
        if (!fetching.isEmpty()) {
            fetch(fetching);
        } else if (truncating.isEmpty()) {
            pause(nextDue == Long.MAX_VALUE ? settings.fetchBackoffMs() : Math.max(1, nextDue - now));
        }
    }

    // ---- truncation (OffsetForLeaderEpoch) ----

    private void truncate(List<FetchState> states) throws IOException, InterruptedException {
        Map<TopicPartition, FetchState> asking = new HashMap<>();
        OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection topics =
                new OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection();
        for (FetchState state : states) {
            List<EpochEntry> epochs = state.partition.log().leaderEpochs();
            if (epochs.isEmpty()) {
                // Nothing of any epoch to disagree about: fetch from the log end.
                state.truncating = false;
                continue;
            }
            TopicPartition tp = state.partition.topicPartition();
            asking.put(tp, state);
            OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic = topics.find(tp.topic());
            if (topic == null) {
                topic = new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic(tp.topic());
                topics.add(topic);
            }
            topic.partitions()
                    .add(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition()
                            .setPartition(tp.partition())
                            .setCurrentLeaderEpoch(state.leaderEpoch)
                            .setLeaderEpoch(epochs.get(epochs.size() - 1).epoch()));
        }
        if (asking.isEmpty()) {
            return;
        }
        short version = ApiKeys.OFFSET_FOR_LEADER_EPOCH.latestVersion();
        OffsetsForLeaderEpochResponse response =
                client.send(OffsetsForLeaderEpochRequest.Builder.forFollower(topics, localBrokerId)
                        .build(version));
        processing.lockInterruptibly();
        try {
            for (OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult topic :
                    response.data().topics()) {
                for (OffsetForLeaderEpochResponseData.EpochEndOffset result : topic.partitions()) {
                    TopicPartition tp = new TopicPartition(topic.topic(), result.partition());
                    FetchState state = asking.get(tp);
                    if (state == null || partitions.get(tp) != state) {
                        continue;
                    }
                    Errors error = Errors.forCode(result.errorCode());
                    if (error != Errors.NONE) {
                        backOff(state, error);
                        continue;
                    }
                    PartitionLog local = state.partition.log();
                    EpochEndOffsets.Truncation truncation = EpochEndOffsets.truncationFor(
                            new EpochEndOffsets.EpochEnd(result.leaderEpoch(), result.endOffset()),
                            local.leaderEpochs(),
                            local.logEndOffset(),
                            local.highWatermark());
                    if (truncation.offset() < local.logEndOffset()) {
                        LOG.info(
                                "Truncating {} from {} to {} (leader {} has epoch {} up to {})",
                                tp,
                                local.logEndOffset(),
                                truncation.offset(),
                                leaderId,
                                result.leaderEpoch(),
                                result.endOffset());
                        await(local.truncateTo(truncation.offset()));
                    }
                    // Incomplete: the log now ends in an older epoch; the next round asks about that one.
                    state.truncating = !truncation.complete();
                }
            }
        } finally {
            processing.unlock();
        }
    }

    // ---- fetching ----

    private void fetch(List<FetchState> states) throws IOException, InterruptedException {
        Map<TopicPartition, FetchRequest.PartitionData> wanted = new LinkedHashMap<>();
        Map<Uuid, String> topicNames = new HashMap<>();
        Map<TopicPartition, FetchState> sent = new HashMap<>();
        for (FetchState state : states) {
            Partition partition = state.partition;
            PartitionLog local = partition.log();
            List<EpochEntry> epochs = local.leaderEpochs();
            wanted.put(
                    partition.topicPartition(),
                    new FetchRequest.PartitionData(
                            partition.topicId(),
                            local.logEndOffset(),
                            local.logStartOffset(),
                            settings.fetchMaxBytes(),
                            Optional.of(state.leaderEpoch),
                            epochs.isEmpty()
                                    ? Optional.empty()
                                    : Optional.of(epochs.get(epochs.size() - 1).epoch())));
            topicNames.put(partition.topicId(), partition.topicPartition().topic());
            sent.put(partition.topicPartition(), state);
        }
        short version = ApiKeys.FETCH.latestVersion();
        FetchRequest request = FetchRequest.Builder.forReplica(
                        version, localBrokerId, -1, settings.fetchWaitMaxMs(), settings.fetchMinBytes(), wanted)
                .setMaxBytes(settings.fetchResponseMaxBytes())
                .build(version);
        FetchResponse response = client.send(request);
        if (response.error() != Errors.NONE) {
            throw new IOException("Fetch from node " + leaderId + " failed: " + response.error());
        }
        processing.lockInterruptibly();
        try {
            List<CompletableFuture<?>> appends = new ArrayList<>();
            for (Map.Entry<TopicPartition, FetchResponseData.PartitionData> entry :
                    response.responseData(topicNames, version).entrySet()) {
                FetchState state = sent.get(entry.getKey());
                if (state == null || partitions.get(entry.getKey()) != state) {
                    continue;
                }
                CompletableFuture<?> append = apply(state, entry.getValue());
                if (append != null) {
                    appends.add(append);
                }
            }
            for (CompletableFuture<?> append : appends) {
                await(append);
            }
        } finally {
            processing.unlock();
        }
    }

    /** Applies one partition's part of a fetch response; returns the pending append, if any. */
    private CompletableFuture<?> apply(FetchState state, FetchResponseData.PartitionData data)
            throws IOException, InterruptedException {
        Errors error = Errors.forCode(data.errorCode());
        PartitionLog local = state.partition.log();
        switch (error) {
            case NONE -> {
                MemoryRecords records = (MemoryRecords) FetchResponse.recordsOrFail(data);
                long leaderHighWatermark = data.highWatermark();
                long leaderLogStart = data.logStartOffset();
                if (records.sizeInBytes() == 0) {
                    followLeader(local, leaderHighWatermark, leaderLogStart);
                    return null;
                }
                return local.appendAsFollower(records).handle((result, failure) -> {
                    if (failure != null) {
                        LOG.warn(
                                "Could not append records replicated from node {} to {}; truncating first: {}",
                                leaderId,
                                state.partition.topicPartition(),
                                failure.toString());
                        state.truncating = true;
                    } else {
                        followLeader(local, leaderHighWatermark, leaderLogStart);
                    }
                    return null;
                });
            }
            case OFFSET_OUT_OF_RANGE -> {
                handleOutOfRange(state);
                return null;
            }
            default -> {
                backOff(state, error);
                return null;
            }
        }
    }

    /**
     * A follower's high watermark is the leader's, as far as its own log reaches; its log start follows the
     * leader's (DeleteRecords there), within what it has committed, as Kafka's fetcher does.
     */
    private void followLeader(PartitionLog local, long leaderHighWatermark, long leaderLogStart) {
        long hw = Math.min(leaderHighWatermark, local.logEndOffset());
        if (hw > local.highWatermark()) {
            local.updateHighWatermark(hw);
        }
        if (leaderLogStart > local.logStartOffset() && leaderLogStart <= local.highWatermark()) {
            local.deleteRecordsBefore(leaderLogStart).whenComplete((start, e) -> {
                if (e != null) {
                    LOG.debug(
                            "Could not move the log start of {} to the leader's {}: {}",
                            local.key(),
                            leaderLogStart,
                            e.toString());
                }
            });
        }
    }

    /**
     * The local log end is outside the leader's log. Past its end (an unclean election left the leader
     * shorter): truncate to it. Before its start (retention removed what the follower lacks): start over at
     * the leader's log start, as Kafka's fetcher does.
     */
    private void handleOutOfRange(FetchState state) throws IOException, InterruptedException {
        PartitionLog local = state.partition.log();
        long leaderEnd = leaderOffset(state, ListOffsetsRequest.LATEST_TIMESTAMP);
        if (leaderEnd < 0) {
            return;
        }
        if (leaderEnd < local.logEndOffset()) {
            LOG.warn(
                    "Truncating {} to the leader's log end {} (it was at {})",
                    state.partition.topicPartition(),
                    leaderEnd,
                    local.logEndOffset());
            await(local.truncateTo(leaderEnd));
            return;
        }
        long leaderStart = leaderOffset(state, ListOffsetsRequest.EARLIEST_TIMESTAMP);
        if (leaderStart > local.logEndOffset()) {
            LOG.info(
                    "Restarting the log of {} at the leader's log start {}",
                    state.partition.topicPartition(),
                    leaderStart);
            await(local.truncateFullyAndStartAt(leaderStart));
        }
    }

    private long leaderOffset(FetchState state, long timestamp) throws IOException {
        TopicPartition tp = state.partition.topicPartition();
        short version = ApiKeys.LIST_OFFSETS.latestVersion();
        ListOffsetsRequest request = ListOffsetsRequest.Builder.forReplica(version, localBrokerId)
                .setTargetTimes(List.of(new ListOffsetsRequestData.ListOffsetsTopic()
                        .setName(tp.topic())
                        .setPartitions(List.of(new ListOffsetsRequestData.ListOffsetsPartition()
                                .setPartitionIndex(tp.partition())
                                .setCurrentLeaderEpoch(state.leaderEpoch)
                                .setTimestamp(timestamp)))))
                .build(version);
        ListOffsetsResponse response = client.send(request);
        var partition = response.data().topics().get(0).partitions().get(0);
        Errors error = Errors.forCode(partition.errorCode());
        if (error != Errors.NONE) {
            backOff(state, error);
            return -1;
        }
        return partition.offset();
    }

    /** Leadership moved or the leader is not ready: wait for new metadata (which replaces this state). */
    private void backOff(FetchState state, Errors error) {
        LOG.debug("Fetching {} from node {}: {}; backing off", state.partition.topicPartition(), leaderId, error);
        state.delayedUntilMs = time.milliseconds() + settings.fetchBackoffMs();
    }

    private void await(CompletableFuture<?> future) throws IOException, InterruptedException {
        try {
            future.get(settings.socketTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("Local log operation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("Local log operation timed out", e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        client.close();
        try {
            thread.join(settings.socketTimeoutMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
