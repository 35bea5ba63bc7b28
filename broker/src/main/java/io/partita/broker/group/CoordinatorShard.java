package io.partita.broker.group;

import io.partita.broker.log.AppendResult;
import io.partita.broker.log.PartitionLog;
import io.partita.broker.log.ReadResult;
import io.partita.broker.replication.Partition;
import io.partita.broker.replication.ReplicaManager;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.NotCoordinatorException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The groups of one {@code __consumer_offsets} partition this node leads, in one leader epoch. It loads them
 * from the partition's log when the leadership begins and serves them until it ends; its writes go to the
 * partition as leader and count once the ISR has them (acks=all), so a commit that was answered survives the
 * loss of this node.
 */
final class CoordinatorShard implements GroupRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorShard.class);
    private static final int LOAD_READ_BYTES = 1024 * 1024;

    private final TopicPartition topicPartition;
    private final int leaderEpoch;
    private final ReplicaManager replicaManager;
    private final ScheduledExecutorService timer;
    private final GroupConfig config;
    private final Time time;
    private final Map<String, ClassicGroup> groups = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private volatile boolean closed;

    CoordinatorShard(
            TopicPartition topicPartition,
            int leaderEpoch,
            ReplicaManager replicaManager,
            ScheduledExecutorService timer,
            GroupConfig config,
            Time time) {
        this.topicPartition = topicPartition;
        this.time = time;
        this.leaderEpoch = leaderEpoch;
        this.replicaManager = replicaManager;
        this.timer = timer;
        this.config = config;
    }

    TopicPartition topicPartition() {
        return topicPartition;
    }

    int leaderEpoch() {
        return leaderEpoch;
    }

    boolean isLoaded() {
        return loaded && !closed;
    }

    Map<String, ClassicGroup> groups() {
        return groups;
    }

    @Override
    public long now() {
        return time.milliseconds();
    }

    @Override
    public GroupConfig config() {
        return config;
    }

    @Override
    public Future<?> schedule(Runnable task, long delayMs) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return timer.schedule(
                    () -> {
                        if (!closed) {
                            try {
                                task.run();
                            } catch (RuntimeException e) {
                                LOG.error("A group timer of {} failed", topicPartition, e);
                            }
                        }
                    },
                    Math.max(0, delayMs),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public CompletableFuture<Long> write(List<SimpleRecord> records) {
        Partition partition = replicaManager.partition(topicPartition).orElse(null);
        if (closed || partition == null || !partition.isLeader() || partition.leaderEpoch() != leaderEpoch) {
            return CompletableFuture.failedFuture(
                    new NotCoordinatorException("This node no longer leads " + topicPartition));
        }
        MemoryRecords batch = MemoryRecords.withRecords(Compression.NONE, records.toArray(SimpleRecord[]::new));
        return replicaManager
                .appendRecords(partition, leaderEpoch, batch, true, config.offsetCommitTimeoutMs())
                .thenApply(AppendResult::baseOffset);
    }

    /** Reads the partition from its start and builds its groups; runs on a thread that may block. */
    void load() {
        long started = System.nanoTime();
        try {
            Partition partition = replicaManager.partition(topicPartition).orElse(null);
            if (partition == null || closed) {
                return;
            }
            PartitionLog partitionLog = partition.log();
            Map<String, GroupSnapshot> snapshots = new HashMap<>();
            Map<String, Map<TopicPartition, CommittedOffset>> offsets = new HashMap<>();
            long offset = partitionLog.logStartOffset();
            long end = partitionLog.logEndOffset();
            int records = 0;
            while (offset < end && !closed) {
                ReadResult read = partitionLog.read(offset, LOAD_READ_BYTES, end, true);
                long next = offset;
                for (RecordBatch batch : read.records().batches()) {
                    for (Record record : batch) {
                        apply(record, snapshots, offsets);
                        records++;
                    }
                    next = batch.lastOffset() + 1;
                }
                if (next == offset) {
                    break;
                }
                offset = next;
            }
            if (closed) {
                return;
            }
            Map<String, ClassicGroup> loadedGroups = new HashMap<>();
            snapshots.forEach((id, snapshot) ->
                    loadedGroups.put(id, ClassicGroup.restore(id, this, snapshot, offsets.getOrDefault(id, Map.of()))));
            offsets.forEach((id, committed) ->
                    loadedGroups.computeIfAbsent(id, g -> ClassicGroup.restore(g, this, null, committed)));
            groups.putAll(loadedGroups);
            loaded = true;
            LOG.info(
                    "Loaded {} group(s) from {} record(s) of {} in epoch {} in {} ms",
                    loadedGroups.size(),
                    records,
                    topicPartition,
                    leaderEpoch,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException e) {
            LOG.error("Could not load the groups of {}", topicPartition, e);
        }
    }

    private static void apply(
            Record record,
            Map<String, GroupSnapshot> snapshots,
            Map<String, Map<TopicPartition, CommittedOffset>> offsets) {
        if (!record.hasKey()) {
            return;
        }
        GroupRecords.Key key = GroupRecords.decodeKey(record.key());
        ByteBuffer value = record.hasValue() ? record.value() : null;
        if (key instanceof GroupRecords.OffsetKey offsetKey) {
            if (value == null) {
                Map<TopicPartition, CommittedOffset> group = offsets.get(offsetKey.groupId());
                if (group != null) {
                    group.remove(offsetKey.partition());
                    if (group.isEmpty()) {
                        offsets.remove(offsetKey.groupId());
                    }
                }
            } else {
                offsets.computeIfAbsent(offsetKey.groupId(), g -> new HashMap<>())
                        .put(offsetKey.partition(), GroupRecords.decodeOffset(value));
            }
        } else if (key instanceof GroupRecords.GroupKey groupKey) {
            if (value == null) {
                snapshots.remove(groupKey.groupId());
            } else {
                snapshots.put(groupKey.groupId(), GroupRecords.decodeGroup(value));
            }
        }
    }

    /** The leadership ended: stop timers and tell every waiting member to find the new coordinator. */
    void unload() {
        closed = true;
        groups.values().forEach(ClassicGroup::unload);
        groups.clear();
        LOG.info("Unloaded the groups of {} (epoch {})", topicPartition, leaderEpoch);
    }
}
