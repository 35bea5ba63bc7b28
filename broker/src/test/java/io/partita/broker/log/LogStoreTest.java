package io.partita.broker.log;

import static io.partita.broker.log.LogTestSupport.NOW;
import static io.partita.broker.log.LogTestSupport.batch;
import static io.partita.broker.log.LogTestSupport.bytesOf;
import static io.partita.broker.log.LogTestSupport.config;
import static io.partita.broker.log.LogTestSupport.idempotent;
import static io.partita.broker.log.LogTestSupport.key;
import static io.partita.broker.log.PartitionLogAppendTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.LmdbNativeException;

class LogStoreTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(NOW);

    @Test
    void closeAndReopenPreservesDataOffsetsLogStartHighWatermarkAndProducers() throws Exception {
        PartitionKey key = key("durable", 2);
        byte[] before;
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            PartitionLog log = store.openPartition(key, LogConfig.defaults());
            for (int i = 0; i < 5; i++) {
                log.appendAsLeader(batch(NOW + i, "v" + i), 3).join();
            }
            log.appendAsLeader(idempotent(9L, (short) 2, 0, "p"), 4).join();
            log.updateHighWatermark(5);
            log.deleteRecordsBefore(2).join();
            before =
                    bytesOf(log.read(2, Integer.MAX_VALUE, Long.MAX_VALUE, true).records());
        }
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            assertThat(store.storedPartitions()).containsExactly(key);
            PartitionLog log = store.openPartition(key, LogConfig.defaults());
            assertThat(log.logStartOffset()).isEqualTo(2);
            assertThat(log.logEndOffset()).isEqualTo(6);
            assertThat(log.highWatermark()).isEqualTo(5);
            assertThat(log.leaderEpochs()).containsExactly(new EpochEntry(3, 0), new EpochEntry(4, 5));
            assertThat(bytesOf(
                            log.read(2, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                    .isEqualTo(before);
            assertThat(log.offsetOfMaxTimestamp()).contains(new TimestampAndOffset(NOW + 4, 4, 3));
            assertThat(log.producerState(9L))
                    .get()
                    .extracting(ProducerStateEntry::producerEpoch)
                    .isEqualTo((short) 2);
            assertThat(log.appendAsLeader(batch(NOW, "next"), 4).join().baseOffset())
                    .isEqualTo(6);
        }
    }

    /**
     * The first write to meet a failed disk may be the idle writer persisting high watermarks alone: the store
     * fails then too (before, it logged the error and went on, and its node stayed in the cluster).
     */
    @Test
    void aFatalFailureWhilePersistingOnlyHighWatermarksFailsTheStore() throws Exception {
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            PartitionLog log = store.openPartition(key("hw-fails", 0), LogConfig.defaults());
            log.appendAsLeader(batch(NOW, "v"), 0).join();
            store.injectWriterFailureForTesting(panic());
            log.updateHighWatermark(1); // nothing else to write: the writer persists it alone once idle
            await().atMost(Duration.ofSeconds(10)).until(() -> store.failure().isPresent());
            assertThat(log.appendAsLeader(batch(NOW, "after"), 0))
                    .failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat()
                    .withCauseInstanceOf(KafkaStorageException.class);
        }
    }

    /** LMDB's MDB_PANIC, as lmdbjava reports it (its constructor is not public). */
    private static RuntimeException panic() throws ReflectiveOperationException {
        Constructor<?> constructor = Class.forName(LmdbNativeException.class.getName() + "$PanicException")
                .getDeclaredConstructor();
        constructor.setAccessible(true);
        return (RuntimeException) constructor.newInstance();
    }

    @Test
    void highWatermarkAdvancesShareCommitsAndTheLatestIsPersisted() throws Exception {
        PartitionKey key = key("hw", 0);
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            PartitionLog log = store.openPartition(key, LogConfig.defaults());
            List<CompletableFuture<?>> appends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                appends.add(log.appendAsLeader(batch(NOW + i, "v" + i), 0));
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
            long commitsBefore = store.commitCount();
            for (int hw = 1; hw <= 200; hw++) {
                log.updateHighWatermark(hw);
                assertThat(log.highWatermark()).isEqualTo(hw); // in effect at once, never behind what was set
            }
            // A later write commits after every queued high-watermark operation: when it is done, so are they.
            log.appendAsLeader(batch(NOW, "last"), 0).join();
            assertThat(log.highWatermark()).isEqualTo(200);
            // Each operation persists the latest value when it runs, so 200 advances cost far fewer than 200 commits.
            assertThat(store.commitCount() - commitsBefore).isLessThan(200);
        }
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            assertThat(store.openPartition(key, LogConfig.defaults()).highWatermark())
                    .isEqualTo(200);
        }
    }

    @Test
    void concurrentAppendersGetDenseOffsetsInTheirCallOrder() throws Exception {
        int threads = 6;
        int perThread = 300;
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            PartitionLog log = store.openPartition(key("busy", 0), LogConfig.defaults());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        futures.add(log.appendAsLeader(batch(NOW, "t" + thread + "-" + i, "x"), 0));
                    }
                    List<Long> bases = new ArrayList<>();
                    futures.forEach(f -> bases.add(f.join().baseOffset()));
                    return bases;
                }));
            }
            TreeSet<Long> all = new TreeSet<>();
            for (Future<List<Long>> result : results) {
                List<Long> bases = result.get();
                assertThat(bases).as("FIFO per caller").isSorted();
                all.addAll(bases);
            }
            pool.shutdown();
            assertThat(all).hasSize(threads * perThread);
            assertThat(all.first()).isZero();
            assertThat(all.last()).isEqualTo(2L * (threads * perThread - 1));
            assertThat(log.logEndOffset()).isEqualTo(2L * threads * perThread);
            assertThat(LogTestSupport.values(
                            log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                    .hasSize(2 * threads * perThread);
        }
    }

    @Test
    void mapGrowsWhenFull() throws Exception {
        LogStoreSettings small =
                LogStoreSettings.defaults(dir).withMapSizeBytes(1 << 20).withClock(clock::get);
        String payload = "p".repeat(16_000);
        try (LogStore store = LogStore.open(small)) {
            PartitionLog log = store.openPartition(key("grow", 0), LogConfig.defaults());
            List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                futures.add(log.appendAsLeader(batch(NOW, payload + i), 0));
            }
            futures.forEach(CompletableFuture::join);
            assertThat(store.mapSizeBytes()).isGreaterThan(1 << 20);
            assertThat(log.logEndOffset()).isEqualTo(400);
            assertThat(LogTestSupport.values(log.read(399, Integer.MAX_VALUE, Long.MAX_VALUE, true)
                            .records()))
                    .containsExactly("399:" + payload + 399);
        }
        try (LogStore store = LogStore.open(small)) {
            assertThat(store.openPartition(key("grow", 0), LogConfig.defaults()).logEndOffset())
                    .isEqualTo(400);
        }
    }

    @Test
    void deletePartitionDropsItsDataAndARecreatedTopicStartsEmpty() throws Exception {
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            PartitionKey old = new PartitionKey(Uuid.randomUuid(), "recreated", 0);
            PartitionLog log = store.openPartition(old, LogConfig.defaults());
            log.appendAsLeader(idempotent(5L, (short) 0, 0, "a"), 0).join();
            store.deletePartition(old).join();
            assertThat(store.partition(old)).isEmpty();
            assertThat(store.storedPartitions()).isEmpty();
            assertRejected(log.appendAsLeader(batch(NOW, "late"), 0), UnknownTopicOrPartitionException.class);

            PartitionKey fresh = new PartitionKey(Uuid.randomUuid(), "recreated", 0);
            PartitionLog again = store.openPartition(fresh, LogConfig.defaults());
            assertThat(again.logEndOffset()).isZero();
            assertThat(again.producerState(5L)).isEmpty();
            assertThat(store.openPartition(fresh, LogConfig.defaults()))
                    .as("idempotent open")
                    .isSameAs(again);
        }
    }

    @Test
    void flushMessagesSyncsTheEnvironment() throws Exception {
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            PartitionLog log = store.openPartition(key("flush", 0), config(Map.of("flush.messages", "1")));
            long syncs = store.syncCount();
            log.appendAsLeader(batch(NOW, "a"), 0).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.syncCount() > syncs);
        }
    }

    @Test
    void appendListenerRunsAfterCommit() throws Exception {
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            PartitionLog log = store.openPartition(key("listen", 0), LogConfig.defaults());
            AtomicLong seenEnd = new AtomicLong(-1);
            AtomicInteger calls = new AtomicInteger();
            log.setAppendListener(() -> {
                seenEnd.set(log.logEndOffset());
                calls.incrementAndGet();
            });
            log.appendAsLeader(batch(NOW, "a", "b"), 0).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 1);
            assertThat(seenEnd.get()).as("the listener sees the committed end").isEqualTo(2);
        }
    }

    @Test
    void appendsAfterCloseFail() throws Exception {
        LogStore store = LogTestSupport.open(dir, clock);
        PartitionLog log = store.openPartition(key("closed", 0), LogConfig.defaults());
        CompletableFuture<AppendResult> last = log.appendAsLeader(batch(NOW, "in time"), 0);
        store.close();
        assertThat(last.join().baseOffset()).as("close drains the writer").isZero();
        assertRejected(log.appendAsLeader(batch(NOW, "late"), 0), KafkaStorageException.class);
    }

    @Test
    void partitionsOnlyOnDiskCanBeDeleted() throws Exception {
        PartitionKey key = key("on-disk", 1);
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            store.openPartition(key, LogConfig.defaults())
                    .appendAsLeader(batch(NOW, "a"), 0)
                    .join();
        }
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            assertThat(store.storedPartitions()).containsExactly(key);
            store.deletePartition(key).join();
            assertThat(store.storedPartitions()).isEmpty();
            assertThat(store.openPartition(key, LogConfig.defaults()).logEndOffset())
                    .isZero();
        }
    }

    @Test
    void retentionRunsInTheBackground() throws Exception {
        LogStoreSettings settings = LogStoreSettings.defaults(dir)
                .withMapSizeBytes(64L << 20)
                .withRetentionCheckIntervalMs(20)
                .withClock(clock::get);
        try (LogStore store = LogStore.open(settings)) {
            PartitionLog log = store.openPartition(key("background", 0), config(Map.of("retention.ms", "1000")));
            log.appendAsLeader(batch(NOW, "old"), 0).join();
            log.appendAsLeader(batch(NOW + 5000, "new"), 0).join();
            log.updateHighWatermark(2);
            clock.set(NOW + 5500);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.logStartOffset() == 1);
        }
    }
}
