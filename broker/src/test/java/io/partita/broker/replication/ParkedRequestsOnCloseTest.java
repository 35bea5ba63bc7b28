package io.partita.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.cluster.PartitionState;
import io.partita.broker.log.LogConfig;
import io.partita.broker.log.LogStore;
import io.partita.broker.log.LogStoreSettings;
import io.partita.broker.log.PartitionKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopping node answers what is parked: the timer that would have answered at the deadline stops with it,
 * and a request that never completes would hold its connection's pooled frame for good (netty reported the
 * leak when the node's objects were collected).
 */
class ParkedRequestsOnCloseTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    @Test
    void closingAnswersEveryParkedFetchOnce() {
        DelayedFetches fetches = new DelayedFetches();
        AtomicInteger expired = new AtomicInteger();
        DelayedFetches.Waiter waiter = new DelayedFetches.Waiter() {
            @Override
            public boolean tryComplete() {
                return false;
            }

            @Override
            public Executor executor() {
                return Runnable::run;
            }

            @Override
            public void expire() {
                expired.incrementAndGet();
                fetches.unwatch(List.of(TP, new TopicPartition("t", 1)), this);
            }
        };
        fetches.watch(List.of(TP, new TopicPartition("t", 1)), waiter);

        fetches.close();

        assertThat(expired).hasValue(1);
    }

    @Test
    void closingAnswersAWaitingAcksAllAppendNotLeader() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (LogStore store = LogStore.open(LogStoreSettings.defaults(dir))) {
            Uuid id = Uuid.randomUuid();
            LogConfig config = LogConfig.from(Map.of(), Map.of());
            Partition partition =
                    new Partition(TP, id, store.openPartition(new PartitionKey(id, "t", 0), config), config, 0);
            partition.applyState(new PartitionState(0, 1, List.of(0, 1, 2), 1), 1, List.of(0, 1, 2), 0);
            partition
                    .log()
                    .appendAsLeader(
                            MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(1L, "v".getBytes())), 1)
                    .get();
            DelayedProduces produces = new DelayedProduces(timer);
            // The followers never fetch: only the timeout, a minute away, would answer this.
            CompletableFuture<Errors> waiting = produces.await(partition, 1, 1, 60_000);
            assertThat(waiting).isNotDone();

            produces.close();

            assertThat(waiting).isCompletedWithValue(Errors.NOT_LEADER_OR_FOLLOWER);
        } finally {
            timer.shutdownNow();
        }
    }
}
