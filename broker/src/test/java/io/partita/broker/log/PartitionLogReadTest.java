package io.partita.broker.log;

import static io.partita.broker.log.LogTestSupport.NOW;
import static io.partita.broker.log.LogTestSupport.baseOffsets;
import static io.partita.broker.log.LogTestSupport.batch;
import static io.partita.broker.log.LogTestSupport.key;
import static io.partita.broker.log.LogTestSupport.record;
import static io.partita.broker.log.LogTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogReadTest {

    @TempDir
    Path dir;

    private LogStore store;
    private PartitionLog log;
    private int batchSize;

    @BeforeEach
    void open() throws Exception {
        store = LogTestSupport.open(dir, new AtomicLong(NOW));
        log = store.openPartition(key("read", 0), LogConfig.defaults());
        // Five batches of three records: offsets 0-2, 3-5, 6-8, 9-11, 12-14.
        for (int b = 0; b < 5; b++) {
            MemoryRecords records = batch(NOW, "v" + (3 * b), "v" + (3 * b + 1), "v" + (3 * b + 2));
            batchSize = records.sizeInBytes();
            log.appendAsLeader(records, 0).join();
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void readStartsAtTheBatchContainingTheOffset() {
        ReadResult result = log.read(4, Integer.MAX_VALUE, Long.MAX_VALUE, true);
        assertThat(baseOffsets(result.records())).containsExactly(3L, 6L, 9L, 12L);
        assertThat(values(result.records())).first().isEqualTo("3:v3");
        assertThat(result.logStartOffset()).isZero();
        assertThat(result.logEndOffset()).isEqualTo(15);
    }

    @Test
    void maxBytesLimitsToWholeBatches() {
        assertThat(baseOffsets(
                        log.read(0, 2 * batchSize + 10, Long.MAX_VALUE, true).records()))
                .containsExactly(0L, 3L);
        assertThat(baseOffsets(log.read(0, 10, Long.MAX_VALUE, true).records()))
                .as("minOneBatch returns one whole batch even over maxBytes")
                .containsExactly(0L);
        assertThat(log.read(0, 10, Long.MAX_VALUE, false).records().sizeInBytes())
                .isZero();
    }

    @Test
    void neverPastMaxOffsetExclusive() {
        assertThat(baseOffsets(log.read(0, Integer.MAX_VALUE, 9, true).records()))
                .containsExactly(0L, 3L, 6L);
        assertThat(baseOffsets(log.read(0, Integer.MAX_VALUE, 8, true).records()))
                .as("a batch reaching past the limit is held back")
                .containsExactly(0L, 3L);
        assertThat(log.read(9, Integer.MAX_VALUE, 9, true).records().sizeInBytes())
                .isZero();
    }

    @Test
    void endOfLogIsEmptyAndBeyondIsOutOfRange() {
        assertThat(log.read(15, 1000, Long.MAX_VALUE, true).records()).isSameAs(MemoryRecords.EMPTY);
        assertThatThrownBy(() -> log.read(16, 1000, Long.MAX_VALUE, true))
                .isInstanceOf(OffsetOutOfRangeException.class);
        assertThatThrownBy(() -> log.read(-1, 1000, Long.MAX_VALUE, true))
                .isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void timeIndexFindsFirstRecordAtOrAfterEvenWhenTimestampsGoBackwards() throws Exception {
        PartitionLog times = store.openPartition(key("times", 0), LogConfig.defaults());
        // Batch max timestamps: 100, 300, 200 (goes backwards), 300 (repeat), 500; offsets 0..9 two per batch.
        long[][] stamps = {{50, 100}, {300, 250}, {200, 150}, {300, 120}, {400, 500}};
        for (long[] pair : stamps) {
            times.appendAsLeader(
                            MemoryRecords.withRecords(Compression.NONE, record(pair[0], "a"), record(pair[1], "b")), 0)
                    .join();
        }
        assertThat(times.offsetForTimestamp(0)).contains(new TimestampAndOffset(50, 0, 0));
        assertThat(times.offsetForTimestamp(100)).contains(new TimestampAndOffset(100, 1, 0));
        assertThat(times.offsetForTimestamp(101)).contains(new TimestampAndOffset(300, 2, 0));
        assertThat(times.offsetForTimestamp(260)).contains(new TimestampAndOffset(300, 2, 0));
        assertThat(times.offsetForTimestamp(301)).contains(new TimestampAndOffset(400, 8, 0));
        assertThat(times.offsetForTimestamp(450)).contains(new TimestampAndOffset(500, 9, 0));
        assertThat(times.offsetForTimestamp(501)).isEmpty();
        assertThat(times.offsetOfMaxTimestamp()).contains(new TimestampAndOffset(500, 9, 0));
    }

    @Test
    void timeIndexWorksForCompressedBatches() {
        PartitionLog times = store.openPartition(key("ctimes", 0), LogConfig.defaults());
        times.appendAsLeader(
                        MemoryRecords.withRecords(
                                Compression.zstd().build(), record(10, "a"), record(30, "b"), record(20, "c")),
                        7)
                .join();
        assertThat(times.offsetForTimestamp(25)).contains(new TimestampAndOffset(30, 1, 7));
        assertThat(times.offsetOfMaxTimestamp()).contains(new TimestampAndOffset(30, 1, 7));
    }

    @Test
    void emptyLogHasNoTimestamps() {
        PartitionLog empty = store.openPartition(key("empty", 0), LogConfig.defaults());
        assertThat(empty.offsetForTimestamp(0)).isEmpty();
        assertThat(empty.offsetOfMaxTimestamp()).isEmpty();
        assertThat(empty.read(0, 100, Long.MAX_VALUE, true).records().sizeInBytes())
                .isZero();
    }
}
