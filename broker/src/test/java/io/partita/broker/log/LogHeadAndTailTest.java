package io.partita.broker.log;

import static io.partita.broker.log.LogTestSupport.NOW;
import static io.partita.broker.log.LogTestSupport.baseOffsets;
import static io.partita.broker.log.LogTestSupport.batch;
import static io.partita.broker.log.LogTestSupport.config;
import static io.partita.broker.log.LogTestSupport.idempotent;
import static io.partita.broker.log.LogTestSupport.key;
import static io.partita.broker.log.LogTestSupport.values;
import static io.partita.broker.log.PartitionLogAppendTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention, DeleteRecords and truncation: everything that removes batches. */
class LogHeadAndTailTest {

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

    /** Four two-record batches with max timestamps NOW, NOW+1000, NOW+2000, NOW+3000; HW at the end. */
    private PartitionLog fourBatches(String topic, Map<String, ?> overrides) {
        PartitionLog log = store.openPartition(key(topic, 0), config(overrides));
        for (int b = 0; b < 4; b++) {
            log.appendAsLeader(batch(NOW + 1000L * b, "v" + (2 * b), "v" + (2 * b + 1)), 0)
                    .join();
        }
        log.updateHighWatermark(log.logEndOffset());
        return log;
    }

    @Test
    void retentionByTimeDeletesExpiredBatchesAndAdvancesLogStart() {
        PartitionLog log = fourBatches("time", Map.of("retention.ms", "10000"));
        long sizeBefore = log.sizeInBytes();
        clock.set(NOW + 11_500);
        store.runRetentionNow().join();
        assertThat(log.logStartOffset()).isEqualTo(4);
        assertThat(log.logEndOffset()).isEqualTo(8);
        assertThat(log.sizeInBytes()).isLessThan(sizeBefore);
        assertThat(baseOffsets(
                        log.read(4, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                .containsExactly(4L, 6L);
        assertThatThrownBy(() -> log.read(3, 100, Long.MAX_VALUE, true)).isInstanceOf(OffsetOutOfRangeException.class);

        clock.set(NOW + 100_000);
        store.runRetentionNow().join();
        assertThat(log.logStartOffset()).as("a log may become empty").isEqualTo(8);
        assertThat(log.sizeInBytes()).isZero();
        assertThat(log.read(8, 100, Long.MAX_VALUE, true).records().sizeInBytes())
                .isZero();
        assertThat(log.offsetOfMaxTimestamp()).isEmpty();
        assertThat(log.appendAsLeader(batch(NOW, "after"), 0).join().baseOffset())
                .isEqualTo(8);
    }

    @Test
    void retentionBySizeKeepsTheNewestBatchesWithinTheLimit() {
        PartitionLog log = fourBatches("size", Map.of("retention.ms", "-1"));
        long batchSize = log.sizeInBytes() / 4;
        store.openPartition(
                key("size", 0),
                config(Map.of("retention.ms", "-1", "retention.bytes", String.valueOf(2 * batchSize + 1))));
        store.runRetentionNow().join();
        assertThat(log.logStartOffset())
                .as("as Kafka: delete only while what remains stays at or above the limit")
                .isEqualTo(2);
        store.openPartition(
                key("size", 0), config(Map.of("retention.ms", "-1", "retention.bytes", String.valueOf(2 * batchSize))));
        store.runRetentionNow().join();
        assertThat(log.logStartOffset()).isEqualTo(4);
        assertThat(log.sizeInBytes()).isEqualTo(2 * batchSize);
    }

    @Test
    void retentionNeverPassesTheHighWatermarkAndNeedsDeletePolicy() {
        PartitionLog log = fourBatches("hw", Map.of("retention.ms", "1000"));
        log.updateHighWatermark(3);
        clock.set(NOW + 1_000_000);
        store.runRetentionNow().join();
        assertThat(log.logStartOffset())
                .as("only the batch wholly below the HW goes")
                .isEqualTo(2);

        PartitionLog compacted = fourBatches("compacted", Map.of("retention.ms", "1000", "cleanup.policy", "compact"));
        store.runRetentionNow().join();
        assertThat(compacted.logStartOffset()).isZero();
    }

    @Test
    void deleteRecordsRaisesLogStartWithinABatch() {
        PartitionLog log = fourBatches("dr", Map.of());
        assertThat(log.deleteRecordsBefore(3).join()).isEqualTo(3);
        assertThat(log.logStartOffset()).isEqualTo(3);
        assertThat(baseOffsets(
                        log.read(3, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                .as("the batch holding the new start stays")
                .containsExactly(2L, 4L, 6L);
        assertThat(log.offsetForTimestamp(0)).contains(new TimestampAndOffset(NOW + 1000, 3, 0));
        assertThat(log.deleteRecordsBefore(1).join())
                .as("never moves backwards")
                .isEqualTo(3);
        assertRejected(log.deleteRecordsBefore(9), OffsetOutOfRangeException.class);
        assertThat(log.deleteRecordsBefore(8).join()).isEqualTo(8);
        assertThat(log.sizeInBytes()).isZero();
    }

    @Test
    void timeIndexIsRebuiltWhenTheBatchHoldingTheMaxIsDeleted() {
        PartitionLog log = store.openPartition(key("reindex", 0), LogConfig.defaults());
        log.appendAsLeader(batch(NOW + 5000, "big"), 0).join(); // raises the max to NOW+5000
        log.appendAsLeader(batch(NOW + 1000, "a"), 0).join(); // below the max: no index entry
        log.appendAsLeader(batch(NOW + 2000, "b"), 0).join();
        log.updateHighWatermark(3);
        log.deleteRecordsBefore(1).join();
        assertThat(log.offsetForTimestamp(NOW)).contains(new TimestampAndOffset(NOW + 1000, 1, 0));
        assertThat(log.offsetForTimestamp(NOW + 1500)).contains(new TimestampAndOffset(NOW + 2000, 2, 0));
        assertThat(log.offsetOfMaxTimestamp()).contains(new TimestampAndOffset(NOW + 2000, 2, 0));
        assertThat(log.appendAsLeader(batch(NOW + 3000, "c"), 0).join().baseOffset())
                .isEqualTo(3);
        assertThat(log.offsetOfMaxTimestamp()).contains(new TimestampAndOffset(NOW + 3000, 3, 0));
    }

    @Test
    void truncateDropsEverythingAtAndAfterTheOffset() {
        PartitionLog log = fourBatches("trunc", Map.of());
        log.appendAsLeader(idempotent(7L, (short) 0, 0, "p0"), 1).join(); // offset 8
        log.appendAsLeader(idempotent(7L, (short) 0, 1, "p1"), 1).join(); // offset 9
        log.updateHighWatermark(10);
        log.truncateTo(9).join();
        assertThat(log.logEndOffset()).isEqualTo(9);
        assertThat(log.highWatermark()).isEqualTo(9);
        assertThat(log.producerState(7L))
                .get()
                .extracting(ProducerStateEntry::lastSeq)
                .isEqualTo(0);
        log.truncateTo(5).join();
        assertThat(log.logEndOffset()).as("a straddling batch goes entirely").isEqualTo(4);
        assertThat(log.producerState(7L)).isEmpty();
        assertThat(log.leaderEpochs()).containsExactly(new EpochEntry(0, 0));
        assertThat(log.offsetOfMaxTimestamp()).contains(new TimestampAndOffset(NOW + 1000, 2, 0));
        assertThat(log.offsetForTimestamp(NOW + 1500)).isEmpty();
        MemoryRecords again = batch(NOW + 9000, "new");
        assertThat(log.appendAsLeader(again, 2).join().baseOffset()).isEqualTo(4);
        assertThat(values(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                .containsExactly("0:v0", "1:v1", "2:v2", "3:v3", "4:new");
        log.truncateTo(100).join();
        assertThat(log.logEndOffset()).isEqualTo(5);
    }
}
