package io.partita.broker.log;

import static io.partita.broker.log.LogTestSupport.NOW;
import static io.partita.broker.log.LogTestSupport.baseOffsets;
import static io.partita.broker.log.LogTestSupport.config;
import static io.partita.broker.log.LogTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction of one log: planning, the rewrite, tombstones, the untouchable head, producer state, the index. */
class LogCleanerTest {

    /** segment.bytes at its minimum: every append rolls the active segment, so only the last append is head. */
    private static final Map<String, String> ROLL_EVERY_APPEND =
            Map.of("cleanup.policy", "compact", "segment.bytes", "14");

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(NOW);
    private LogStore store;

    @BeforeEach
    void open() throws Exception {
        store = LogTestSupport.open(dir, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void keepsTheLatestValuePerKeyAtItsOriginalOffsets() throws Exception {
        PartitionLog log = store.openPartition(key("latest", 0), config(ROLL_EVERY_APPEND));
        append(log, kv("a", "1"), kv("b", "1")); // 0-1
        append(log, kv("a", "2"), kv("c", "1")); // 2-3
        append(log, kv("b", "2")); // 4
        append(log, kv("a", "3")); // 5
        append(log, kv("d", "1")); // 6: the active segment
        log.updateHighWatermark(log.logEndOffset());

        assertThat(store.cleanNow(log)).isTrue();

        MemoryRecords all = readAll(log, 0);
        assertThat(keyValues(all)).containsExactly("3:c=1", "4:b=2", "5:a=3", "6:d=1");
        assertThat(baseOffsets(all))
                .as("an emptied batch disappears, the others keep their keys")
                .containsExactly(2L, 4L, 5L, 6L);
        assertThat(lastOffsets(all))
                .as("a cleaned batch keeps its offset range")
                .containsExactly(3L, 4L, 5L, 6L);
        assertThat(keyValues(readAll(log, 1)))
                .as("reading at a removed offset starts at the next batch")
                .first()
                .isEqualTo("3:c=1");
        assertThat(log.logStartOffset()).isZero();
        assertThat(log.logEndOffset()).isEqualTo(7);
        assertThat(log.sizeInBytes()).as("size accounting").isEqualTo(all.sizeInBytes());
        assertThat(store.cleanNow(log)).as("nothing dirty is left").isFalse();
    }

    @Test
    void neverTouchesTheActiveSegmentNorAnythingAtOrAboveTheHighWatermark() throws Exception {
        PartitionLog unrolled = store.openPartition(key("unrolled", 0), config(Map.of("cleanup.policy", "compact")));
        append(unrolled, kv("k", "1"));
        append(unrolled, kv("k", "2"));
        unrolled.updateHighWatermark(unrolled.logEndOffset());
        assertThat(store.cleanNow(unrolled))
                .as("one active segment of 1 GiB / 7 days: nothing to clean")
                .isFalse();
        assertThat(keyValues(readAll(unrolled, 0))).containsExactly("0:k=1", "1:k=2");

        PartitionLog log =
                store.openPartition(key("head", 0), config(Map.of("cleanup.policy", "compact", "segment.ms", "1000")));
        append(log, NOW, kv("k", "1")); // 0
        append(log, NOW, kv("k", "2")); // 1
        append(log, NOW + 2000, kv("k", "3")); // 2: 2 s after the segment's first timestamp, so it rolls
        append(log, NOW + 2000, kv("k", "4")); // 3
        log.updateHighWatermark(1);
        store.cleanNow(log);
        assertThat(keyValues(readAll(log, 0)))
                .as("only [0, HW 1) was cleanable, and it holds k once")
                .containsExactly("0:k=1", "1:k=2", "2:k=3", "3:k=4");

        log.updateHighWatermark(4);
        assertThat(store.cleanNow(log)).isTrue();
        assertThat(keyValues(readAll(log, 0)))
                .as("the active segment from offset 2 keeps every record")
                .containsExactly("1:k=2", "2:k=3", "3:k=4");
    }

    @Test
    void compressedBatchesAreRewrittenWithTheirOwnCodec() throws Exception {
        PartitionLog log = store.openPartition(key("gzip", 0), config(ROLL_EVERY_APPEND));
        log.appendAsLeader(
                        MemoryRecords.withRecords(Compression.gzip().build(), kv("a", "1"), kv("b", "1"), kv("a", "2")),
                        0)
                .join(); // 0-2
        log.appendAsLeader(MemoryRecords.withRecords(Compression.lz4().build(), kv("c", "1"), kv("b", "2")), 0)
                .join(); // 3-4
        append(log, kv("z", "1")); // 5: head
        log.updateHighWatermark(log.logEndOffset());

        assertThat(store.cleanNow(log)).isTrue();

        MemoryRecords all = readAll(log, 0);
        assertThat(keyValues(all)).containsExactly("2:a=2", "3:c=1", "4:b=2", "5:z=1");
        List<RecordBatch> batches = new ArrayList<>();
        all.batches().forEach(batches::add);
        assertThat(batches.get(0).compressionType()).isEqualTo(CompressionType.GZIP);
        assertThat(batches.get(0).baseOffset()).isZero();
        assertThat(batches.get(0).lastOffset()).isEqualTo(2);
        assertThat(batches.get(1).compressionType())
                .as("kept whole: not rewritten")
                .isEqualTo(CompressionType.LZ4);
        batches.forEach(RecordBatch::ensureValid);
        assertThat(log.sizeInBytes()).isEqualTo(all.sizeInBytes());
    }

    @Test
    void tombstonesStayForDeleteRetentionAfterTheirFirstCleaningThenGo() throws Exception {
        PartitionLog log = store.openPartition(
                key("tombstones", 0),
                config(Map.of("cleanup.policy", "compact", "segment.bytes", "14", "delete.retention.ms", "1000")));
        append(log, kv("a", "1")); // 0
        append(log, kv("a", null)); // 1: deletes a
        append(log, kv("b", "1")); // 2: head
        log.updateHighWatermark(log.logEndOffset());
        assertThat(store.cleanNow(log)).isTrue();
        MemoryRecords first = readAll(log, 0);
        assertThat(keyValues(first))
                .as("the tombstone stays, the value it deletes goes")
                .containsExactly("1:a=null", "2:b=1");
        assertThat(first.batches().iterator().next().deleteHorizonMs())
                .as("the first pass that keeps it stamps its delete horizon")
                .hasValue(NOW + 1000);

        clock.addAndGet(500);
        append(log, kv("c", "1")); // 3: head; 2 becomes dirty
        log.updateHighWatermark(log.logEndOffset());
        assertThat(store.cleanNow(log)).isTrue();
        assertThat(keyValues(readAll(log, 0)))
                .as("before delete.retention.ms consumers still see it")
                .containsExactly("1:a=null", "2:b=1", "3:c=1");

        clock.addAndGet(600);
        append(log, kv("d", "1")); // 4: head; 3 becomes dirty
        log.updateHighWatermark(log.logEndOffset());
        assertThat(store.cleanNow(log)).isTrue();
        assertThat(keyValues(readAll(log, 0)))
                .as("a pass after the horizon removes it")
                .containsExactly("2:b=1", "3:c=1", "4:d=1");
    }

    @Test
    void anIdempotentProducersLatestBatchSurvivesAsAnEmptyBatch() throws Exception {
        PartitionLog log = store.openPartition(key("producer", 0), config(ROLL_EVERY_APPEND));
        long producerId = 7;
        log.appendAsLeader(
                        MemoryRecords.withIdempotentRecords(
                                Compression.NONE, producerId, (short) 0, 0, kv("a", "1"), kv("b", "1")),
                        0)
                .join(); // 0-1, sequences 0-1
        append(log, kv("a", "2"), kv("b", "2")); // 2-3, another writer overwrites both keys
        append(log, kv("z", "1")); // 4: head
        log.updateHighWatermark(log.logEndOffset());

        assertThat(store.cleanNow(log)).isTrue();

        MemoryRecords all = readAll(log, 0);
        assertThat(keyValues(all)).containsExactly("2:a=2", "3:b=2", "4:z=1");
        RecordBatch kept = all.batches().iterator().next();
        assertThat(kept.countOrNull())
                .as("all its records went, its header stayed")
                .isZero();
        assertThat(kept.producerId()).isEqualTo(producerId);
        assertThat(kept.baseOffset()).isZero();
        assertThat(kept.lastOffset()).isEqualTo(1);
        assertThat(kept.baseSequence()).isZero();
        assertThat(kept.lastSequence()).isEqualTo(1);
        assertThat(log.producerState(producerId).orElseThrow().lastSeq()).isEqualTo(1);

        AppendResult retry = log.appendAsLeader(
                        MemoryRecords.withIdempotentRecords(
                                Compression.NONE, producerId, (short) 0, 0, kv("a", "1"), kv("b", "1")),
                        0)
                .join();
        assertThat(retry.duplicate()).as("a retry is still recognised").isTrue();
        AppendResult next = log.appendAsLeader(
                        MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, (short) 0, 2, kv("c", "1")),
                        0)
                .join();
        assertThat(next.baseOffset()).isEqualTo(5);

        PartitionLog follower = store.openPartition(key("producer-follower", 0), config(ROLL_EVERY_APPEND));
        follower.appendAsFollower(readAll(log, 0)).join();
        assertThat(keyValues(readAll(follower, 0)))
                .as("a follower copies the cleaned log, gaps and empty batch")
                .containsExactly("2:a=2", "3:b=2", "4:z=1", "5:c=1");
        assertThat(follower.logEndOffset()).isEqualTo(6);
        assertThat(follower.producerState(producerId).orElseThrow().lastSeq()).isEqualTo(2);
    }

    @Test
    void theTimeIndexFollowsCleaning() throws Exception {
        PartitionLog log = store.openPartition(key("times", 0), config(ROLL_EVERY_APPEND));
        append(log, NOW + 50, kv("a", "1")); // 0: the largest timestamp so far
        append(log, NOW + 20, kv("b", "1")); // 1
        append(log, NOW + 30, kv("c", "1")); // 2
        append(log, NOW + 10, kv("a", "2")); // 3
        append(log, NOW + 60, kv("z", "1")); // 4: head
        log.updateHighWatermark(log.logEndOffset());
        assertThat(log.offsetForTimestamp(NOW + 25).orElseThrow().offset()).isZero();

        assertThat(store.cleanNow(log)).isTrue();

        assertThat(keyValues(readAll(log, 0))).containsExactly("1:b=1", "2:c=1", "3:a=2", "4:z=1");
        assertThat(log.offsetForTimestamp(NOW + 25).orElseThrow().offset())
                .as("with offset 0 gone, the first record at or after +25 ms is offset 2")
                .isEqualTo(2);
        assertThat(log.offsetForTimestamp(NOW + 15).orElseThrow().offset()).isEqualTo(1);
        assertThat(log.offsetForTimestamp(NOW + 55).orElseThrow().offset()).isEqualTo(4);
        assertThat(log.offsetOfMaxTimestamp().orElseThrow().offset()).isEqualTo(4);
    }

    @Test
    void theBackgroundCleanerPicksOnlyLogsDirtyEnoughOrPastTheirMaxLag() throws Exception {
        PartitionLog log = store.openPartition(key("ratio", 0), config(ROLL_EVERY_APPEND));
        for (int i = 0; i < 10; i++) {
            append(log, kv("k" + i, "1"));
        }
        append(log, kv("head", "1"));
        log.updateHighWatermark(log.logEndOffset());
        assertThat(store.cleaner().cleanFilthiest())
                .as("all dirty: ratio 1 > 0.5")
                .isPresent();

        append(log, kv("k0", "2"));
        log.updateHighWatermark(log.logEndOffset());
        assertThat(store.cleaner().cleanFilthiest())
                .as("1 dirty batch in 11: below min.cleanable.dirty.ratio")
                .isEmpty();

        log.updateConfig(
                config(Map.of("cleanup.policy", "compact", "segment.bytes", "14", "max.compaction.lag.ms", "1000")));
        assertThat(store.cleaner().cleanFilthiest())
                .as("not waited max.compaction.lag.ms yet")
                .isEmpty();
        clock.addAndGet(2000);
        assertThat(store.cleaner().cleanFilthiest())
                .as("waited longer than max.compaction.lag.ms")
                .isPresent();
        assertThat(log.committedState().cleanerCheckpoint()).isEqualTo(11);
    }

    @Test
    void minCompactionLagKeepsYoungRecordsUncleaned() throws Exception {
        PartitionLog log = store.openPartition(
                key("lag", 0),
                config(Map.of("cleanup.policy", "compact", "segment.bytes", "14", "min.compaction.lag.ms", "1000")));
        append(log, kv("k", "1"));
        append(log, kv("k", "2"));
        append(log, kv("head", "1"));
        log.updateHighWatermark(log.logEndOffset());
        assertThat(store.cleanNow(log)).as("records younger than the lag").isFalse();
        clock.addAndGet(1001);
        assertThat(store.cleanNow(log)).isTrue();
        assertThat(keyValues(readAll(log, 0))).containsExactly("1:k=2", "2:head=1");
    }

    @Test
    void aTruncationAfterPlanningVoidsThePass() throws Exception {
        PartitionLog log = store.openPartition(key("truncated", 0), config(ROLL_EVERY_APPEND));
        append(log, kv("k", "1"));
        append(log, kv("k", "2"));
        append(log, kv("k", "3"));
        append(log, kv("head", "1"));
        log.updateHighWatermark(log.logEndOffset());
        CleanableRange range = CleanerPlanner.plan(log, clock.get()).orElseThrow();
        log.truncateTo(2).join();
        append(log, kv("other", "1")); // offset 2 now holds another key

        assertThat(new Cleaner(LogCleanerSettings.defaults()).clean(range, clock.get()))
                .isEmpty();

        assertThat(keyValues(readAll(log, 0)))
                .as("k=2 is k's latest now; the void pass removed nothing")
                .containsExactly("0:k=1", "1:k=2", "2:other=1");
    }

    @Test
    void aPieceSkipsBatchesThatRetentionRemovedOrThatChangedMeanwhile() throws Exception {
        PartitionLog log = store.openPartition(
                key("retained", 0), config(Map.of("cleanup.policy", "compact,delete", "segment.bytes", "14")));
        append(log, kv("a", "1")); // 0
        append(log, kv("b", "1")); // 1
        append(log, kv("a", "2")); // 2
        append(log, kv("b", "2")); // 3
        append(log, kv("head", "1")); // 4
        log.updateHighWatermark(log.logEndOffset());
        List<ByteBuffer> originals = new ArrayList<>();
        for (RecordBatch batch : readAll(log, 0).batches()) {
            ByteBuffer copy = ByteBuffer.allocate(batch.sizeInBytes());
            batch.writeTo(copy);
            originals.add(copy.flip());
        }
        assertThat(log.deleteRecordsBefore(1).join()).isEqualTo(1);
        long sizeBefore = log.sizeInBytes();

        boolean applied = store.writer()
                .submit(new CleanBatchesOp(
                        log,
                        log.truncationCount(),
                        List.of(
                                new CleanBatchesOp.Rewrite(0, originals.get(0), null), // retention took it already
                                new CleanBatchesOp.Rewrite(1, originals.get(1), null), // as read: goes
                                new CleanBatchesOp.Rewrite(2, originals.get(3), null)),
                        4))
                .join(); // not what offset 2 holds
        assertThat(applied).isTrue();

        MemoryRecords all = readAll(log, 1);
        assertThat(keyValues(all)).containsExactly("2:a=2", "3:b=2", "4:head=1");
        assertThat(log.logStartOffset()).isEqualTo(1);
        assertThat(log.sizeInBytes())
                .isEqualTo(sizeBefore - originals.get(1).remaining())
                .isEqualTo(all.sizeInBytes());
        assertThat(log.committedState().cleanerCheckpoint()).isEqualTo(4);
    }

    @Test
    void theActiveSegmentAndTheCleanerCheckpointSurviveARestart() throws Exception {
        PartitionKey key = key("restart", 0);
        PartitionLog log = store.openPartition(key, config(ROLL_EVERY_APPEND));
        append(log, kv("k", "1"));
        append(log, kv("k", "2"));
        append(log, kv("head", "1"));
        log.updateHighWatermark(log.logEndOffset());
        store.cleanNow(log);
        PartitionState before = log.committedState();
        assertThat(before.activeSegment().baseOffset()).isEqualTo(2);
        assertThat(before.cleanerCheckpoint()).isEqualTo(2);
        store.close();

        store = LogTestSupport.open(dir, clock);
        PartitionLog reopened = store.openPartition(key, config(ROLL_EVERY_APPEND));
        assertThat(reopened.committedState().activeSegment()).isEqualTo(before.activeSegment());
        assertThat(reopened.committedState().cleanerCheckpoint()).isEqualTo(2);
        assertThat(store.cleanNow(reopened)).as("still clean after the restart").isFalse();
    }

    @Test
    void theOffsetMapRemembersTheLatestOffsetPerKey() {
        OffsetMap map = new OffsetMap(1000, 1_000_000, 0.9);
        Map<String, Long> expected = new HashMap<>();
        for (long offset = 0; offset < 3000; offset++) {
            String key = "key-" + (offset * 7919 % 1000);
            map.put(bytes(key), offset);
            expected.put(key, offset);
        }
        assertThat(map.size()).isEqualTo(1000);
        expected.forEach((key, offset) -> assertThat(map.get(bytes(key))).isEqualTo(offset));
        assertThat(map.get(bytes("absent"))).isEqualTo(-1);
        assertThat(map.latestOffset()).isEqualTo(2999);
        assertThat(map.canHold(1)).as("sized for the 1000 expected keys").isFalse();
    }

    // ---- helpers ----

    private void append(PartitionLog log, SimpleRecord... records) {
        append(log, NOW, records);
    }

    private void append(PartitionLog log, long timestamp, SimpleRecord... records) {
        SimpleRecord[] stamped = new SimpleRecord[records.length];
        for (int i = 0; i < records.length; i++) {
            stamped[i] = new SimpleRecord(timestamp, records[i].key(), records[i].value());
        }
        log.appendAsLeader(MemoryRecords.withRecords(Compression.NONE, stamped), 0)
                .join();
    }

    private static SimpleRecord kv(String key, String value) {
        return new SimpleRecord(
                NOW,
                key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer bytes(String value) {
        return ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8));
    }

    private static MemoryRecords readAll(PartitionLog log, long from) {
        return log.read(from, Integer.MAX_VALUE, Long.MAX_VALUE, true).records();
    }

    private static List<Long> lastOffsets(MemoryRecords records) {
        List<Long> last = new ArrayList<>();
        records.batches().forEach(batch -> last.add(batch.lastOffset()));
        return last;
    }

    /** Every record as offset:key=value, "null" for a tombstone. */
    private static List<String> keyValues(MemoryRecords records) {
        List<String> out = new ArrayList<>();
        for (RecordBatch batch : records.batches()) {
            for (Record record : batch) {
                out.add(record.offset() + ":" + text(record.key()) + "=" + text(record.value()));
            }
        }
        return out;
    }

    private static String text(ByteBuffer buffer) {
        if (buffer == null) {
            return "null";
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
