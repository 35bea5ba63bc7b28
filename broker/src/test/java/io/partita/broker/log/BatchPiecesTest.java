package io.partita.broker.log;

import static io.partita.broker.log.LogTestSupport.NOW;
import static io.partita.broker.log.LogTestSupport.bytesOf;
import static io.partita.broker.log.LogTestSupport.key;
import static io.partita.broker.log.LogTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Stat;

/**
 * Batches as LMDB stores them: in pieces that fit a leaf page (see {@link BatchPieces}). The other log tests run
 * with tiny pieces ({@link LogTestSupport#PIECE_BYTES}); these use the real size, and stores written before.
 */
class BatchPiecesTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(NOW);

    @Test
    void aPieceFitsInALeafPageBesideAnotherOne() {
        // LMDB keeps a node in its leaf when 8 + key + value <= ((page - 16) / 2 & -2) - 2.
        assertThat(BatchPieces.pieceSize(4096)).isEqualTo(2018);
        assertThat(8 + BatchPieces.PIECE_KEY_SIZE + BatchPieces.pieceSize(4096))
                .isEqualTo((((4096 - 16) / 2) & -2) - 2);
        assertThat(BatchPieces.pieceSize(16384)).isEqualTo(8162);
    }

    /** The point of pieces: a produce load of 16 KB batches allocates no overflow pages, so no page runs. */
    @Test
    void largeBatchesTakeNoOverflowPagesAndReadBackWhole() throws Exception {
        try (LogStore store = open(0)) {
            PartitionLog log = store.openPartition(key("large", 0), LogConfig.defaults());
            List<byte[]> appended = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                MemoryRecords batch = batchOf(NOW + i, 16, 1000 + i);
                log.appendAsLeader(batch, 0).join();
                appended.add(bytesOf(log.read(i * 16L, Integer.MAX_VALUE, (i + 1) * 16L, true)
                        .records()));
            }
            Stat stat = store.withReadTxn(log, txn -> log.logDb().stat(txn));
            assertThat(stat.entries).isGreaterThan(40 * 8); // each batch of ~16 KB is 8 or 9 pieces
            assertThat(stat.overflowPages).isZero();
            assertThat(appended.get(7)).hasSizeGreaterThan(16_000);

            // A read in the middle of a batch, and one that stops on the size limit after whole batches.
            assertThat(values(log.read(100, Integer.MAX_VALUE, 112, true).records()))
                    .first()
                    .asString()
                    .startsWith("96:");
            MemoryRecords twoBatches = log.read(
                            32, appended.get(2).length + appended.get(3).length, Long.MAX_VALUE, true)
                    .records();
            assertThat(LogTestSupport.baseOffsets(twoBatches)).containsExactly(32L, 48L);
            assertThat(log.offsetForTimestamp(NOW + 20))
                    .get()
                    .extracting(TimestampAndOffset::offset)
                    .isEqualTo(320L);
            assertThat(log.offsetOfMaxTimestamp())
                    .get()
                    .extracting(TimestampAndOffset::offset)
                    .isEqualTo(624L);

            log.truncateTo(330).join(); // within the batch at 320: the whole batch goes
            assertThat(log.logEndOffset()).isEqualTo(320);
            log.updateHighWatermark(320);
            log.deleteRecordsBefore(40).join(); // the batches at 0 and 16 go
            assertThat(LogTestSupport.baseOffsets(log.read(40, Integer.MAX_VALUE, Long.MAX_VALUE, true)
                            .records()))
                    .first()
                    .isEqualTo(32L);
            assertThat(bytesOf(log.read(304, Integer.MAX_VALUE, Long.MAX_VALUE, true)
                            .records()))
                    .isEqualTo(appended.get(19));
            assertThat(store.withReadTxn(log, txn -> log.logDb().stat(txn)).entries)
                    .isLessThan(stat.entries);
        }
    }

    /** A store written before pieces keeps each batch whole (on overflow pages); it reads and grows as before. */
    @Test
    void aStoreWithWholeBatchesIsReadAndExtendedWithPieces() throws Exception {
        PartitionKey key = key("older", 0);
        List<byte[]> written = new ArrayList<>();
        try (LogStore whole = open(Integer.MAX_VALUE)) {
            PartitionLog log = whole.openPartition(key, LogConfig.defaults());
            for (int i = 0; i < 4; i++) {
                log.appendAsLeader(batchOf(NOW + i, 8, 3000), 0).join();
            }
            Stat stat = whole.withReadTxn(log, txn -> log.logDb().stat(txn));
            assertThat(stat.entries).isEqualTo(4);
            assertThat(stat.overflowPages).isPositive(); // what pieces avoid
            written.add(
                    bytesOf(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()));
        }
        try (LogStore store = open(0)) {
            PartitionLog log = store.openPartition(key, LogConfig.defaults());
            assertThat(bytesOf(
                            log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                    .isEqualTo(written.get(0));
            for (int i = 4; i < 8; i++) {
                log.appendAsLeader(batchOf(NOW + i, 8, 3000), 0).join();
            }
            assertThat(LogTestSupport.baseOffsets(
                            log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                    .containsExactly(0L, 8L, 16L, 24L, 32L, 40L, 48L, 56L);
            assertThat(log.offsetForTimestamp(NOW + 5))
                    .get()
                    .extracting(TimestampAndOffset::offset)
                    .isEqualTo(40L);
            log.truncateTo(20).join(); // a whole batch at 16, then pieced batches after it
            assertThat(log.logEndOffset()).isEqualTo(16);
            assertThat(bytesOf(
                            log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                    .isEqualTo(Arrays.copyOf(written.get(0), written.get(0).length / 2));
        }
    }

    private LogStore open(int pieceBytes) throws Exception {
        return LogStore.open(LogStoreSettings.defaults(dir)
                .withMapSizeBytes(256L << 20)
                .withBatchPieceBytes(pieceBytes)
                .withRetentionCheckIntervalMs(3_600_000L)
                .withClock(clock::get)
                .withCleaner(LogCleanerSettings.defaults().withEnable(false)));
    }

    /** One uncompressed batch of {@code records} records of {@code valueBytes} bytes each. */
    private static MemoryRecords batchOf(long timestamp, int records, int valueBytes) {
        SimpleRecord[] batch = new SimpleRecord[records];
        for (int i = 0; i < records; i++) {
            byte[] value = new byte[valueBytes];
            value[0] = (byte) i;
            batch[i] = new SimpleRecord(timestamp, null, value);
        }
        return MemoryRecords.withRecords(Compression.NONE, batch);
    }
}
