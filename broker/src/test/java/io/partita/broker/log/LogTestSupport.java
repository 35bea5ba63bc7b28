package io.partita.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Builders shared by the log tests. */
final class LogTestSupport {

    static final long NOW = 1_700_000_000_000L;

    private LogTestSupport() {}

    /**
     * Batches are cut in pieces this small in the unit tests, so that every read and change of the log meets
     * batches stored in several pieces (with the default, only batches over about 2 KB are).
     */
    static final int PIECE_BYTES = 64;

    /** A store with a controllable clock, and retention and compaction only on demand. */
    static LogStore open(Path dir, AtomicLong clock) throws IOException {
        return LogStore.open(LogStoreSettings.defaults(dir)
                .withMapSizeBytes(256L << 20)
                .withBatchPieceBytes(PIECE_BYTES)
                .withRetentionCheckIntervalMs(3_600_000L)
                .withClock(clock::get)
                .withCleaner(LogCleanerSettings.defaults().withEnable(false)));
    }

    static PartitionKey key(String topic, int partition) {
        return new PartitionKey(new Uuid(topic.hashCode(), 42L), topic, partition);
    }

    static LogConfig config(Map<String, ?> overrides) {
        return LogConfig.from(Map.of(), overrides);
    }

    static SimpleRecord record(long timestamp, String value) {
        return new SimpleRecord(
                timestamp, ("k-" + value).getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    static MemoryRecords batch(Compression compression, long timestamp, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = record(timestamp, values[i]);
        }
        return MemoryRecords.withRecords(compression, records);
    }

    static MemoryRecords batch(long timestamp, String... values) {
        return batch(Compression.NONE, timestamp, values);
    }

    static MemoryRecords idempotent(long producerId, short epoch, int baseSequence, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = record(NOW, values[i]);
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, epoch, baseSequence, records);
    }

    static byte[] bytesOf(MemoryRecords records) {
        ByteBuffer buffer = records.buffer().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Every record of a read, as (offset, value). */
    static List<String> values(MemoryRecords records) {
        List<String> values = new ArrayList<>();
        for (RecordBatch batch : records.batches()) {
            for (Record record : batch) {
                ByteBuffer value = record.value();
                byte[] bytes = new byte[value.remaining()];
                value.get(bytes);
                values.add(record.offset() + ":" + new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    static List<Long> baseOffsets(MemoryRecords records) {
        List<Long> bases = new ArrayList<>();
        records.batches().forEach(batch -> bases.add(batch.baseOffset()));
        return bases;
    }
}
