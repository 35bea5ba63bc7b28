package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;

/**
 * Kafka's LogValidator rules for v2 batches, run on the caller's thread (not the writer's) so the CPU work of
 * many producers runs in parallel. A batch is re-encoded only where Kafka re-encodes it: when the topic's
 * compression.type names a different codec. LogAppendTime is stamped in place (that rewrites the CRC only).
 */
final class RecordValidator {

    private static final ThreadLocal<BufferSupplier> BUFFERS = ThreadLocal.withInitial(BufferSupplier::create);

    private RecordValidator() {}

    /** The calling thread's decompression buffers (BufferSupplier.NO_CACHING fails on compressed skip-iteration). */
    static BufferSupplier buffers() {
        return BUFFERS.get();
    }

    /** Validates a produce request's batches and returns them ready for offset assignment. */
    static List<MutableRecordBatch> validateForLeader(
            MemoryRecords records, LogConfig config, long now, PartitionKey partition) {
        List<MutableRecordBatch> batches = new ArrayList<>(1);
        int validBytes = 0;
        ByteBuffer buffer = records.buffer();
        for (MutableRecordBatch batch : records.batches()) {
            int batchStart = buffer.position() + validBytes;
            validBytes += batch.sizeInBytes();
            checkShape(batch, config, partition);
            if (batch.baseOffset() != 0) {
                throw new InvalidRecordException("The baseOffset of the record batch in the append to " + partition
                        + " should be 0, but it is " + batch.baseOffset());
            }
            if (batch.isControlBatch()) {
                throw new InvalidRecordException("Clients are not allowed to write control records to " + partition);
            }
            if (batch.hasProducerId() && batch.baseSequence() < 0) {
                throw new InvalidRecordException("Invalid sequence number " + batch.baseSequence() + " in " + partition
                        + " for a batch with a producer id");
            }
            CompressionType target = targetCompression(config, batch.compressionType());
            boolean reencode = target != batch.compressionType();
            if (batch.compressionType() == CompressionType.NONE) {
                ByteBuffer bytes = buffer.duplicate();
                bytes.limit(batchStart + batch.sizeInBytes()).position(batchStart);
                UncompressedRecordScanner.scan(
                        bytes,
                        config.timestampType() == TimestampType.CREATE_TIME,
                        saturatedSubtract(now, config.messageTimestampBeforeMaxMs()),
                        saturatedAdd(now, config.messageTimestampAfterMaxMs()),
                        config.compacted(),
                        partition);
            } else {
                validateRecords(batch, config, now, partition);
            }
            MutableRecordBatch stored = batch;
            if (reencode) {
                stored = reencode(batch, target, config.timestampType(), now);
                if (stored.sizeInBytes() > config.maxMessageBytes()) {
                    throw new RecordTooLargeException("The batch re-encoded as " + target.name + " is "
                            + stored.sizeInBytes() + " bytes, larger than max.message.bytes of " + partition);
                }
            } else if (config.timestampType() == TimestampType.LOG_APPEND_TIME) {
                batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, now);
            }
            batches.add(stored);
        }
        checkNoTrailingBytes(records, validBytes, partition);
        return batches;
    }

    /** Replicated batches keep their offsets and timestamps; only their integrity is checked. */
    static List<MutableRecordBatch> validateForFollower(
            MemoryRecords records, LogConfig config, PartitionKey partition) {
        List<MutableRecordBatch> batches = new ArrayList<>(4);
        int validBytes = 0;
        long previousNext = -1;
        for (MutableRecordBatch batch : records.batches()) {
            validBytes += batch.sizeInBytes();
            checkMagic(batch, partition);
            batch.ensureValid();
            checkCompactedOffsetRange(batch, partition);
            if (batch.baseOffset() < previousNext) {
                throw new InvalidRecordException("Replicated batches out of order in " + partition + ": base offset "
                        + batch.baseOffset() + " after " + previousNext);
            }
            previousNext = batch.nextOffset();
            batches.add(batch);
        }
        checkNoTrailingBytes(records, validBytes, partition);
        return batches;
    }

    private static void checkShape(MutableRecordBatch batch, LogConfig config, PartitionKey partition) {
        checkMagic(batch, partition);
        if (batch.sizeInBytes() > config.maxMessageBytes()) {
            // Kafka answers an oversized batch with MESSAGE_TOO_LARGE (RecordTooLargeException).
            throw new RecordTooLargeException("The record batch is " + batch.sizeInBytes()
                    + " bytes, larger than max.message.bytes (" + config.maxMessageBytes() + ") of " + partition);
        }
        batch.ensureValid(); // CorruptRecordException on a bad CRC or a short batch
        checkOffsetRange(batch, partition);
    }

    private static void checkMagic(RecordBatch batch, PartitionKey partition) {
        if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
            throw new UnsupportedForMessageFormatException("Record batch magic " + batch.magic() + " in " + partition
                    + " is not supported; only magic v2 batches are stored");
        }
    }

    private static void checkOffsetRange(RecordBatch batch, PartitionKey partition) {
        Integer count = batch.countOrNull();
        long deltaCount = batch.lastOffset() - batch.baseOffset() + 1;
        if (count == null || count <= 0 || deltaCount != count) {
            throw new InvalidRecordException("Inconsistent batch offset range [" + batch.baseOffset() + ", "
                    + batch.lastOffset() + "] and record count " + count + " in " + partition);
        }
    }

    /**
     * A leader's compacted batch keeps its base and last offset (so the producer's sequences survive) but may
     * hold fewer records, down to none (Kafka keeps an idempotent producer's last batch as an empty header), so
     * a follower accepts any count up to the offset range, as Kafka's follower append does.
     */
    private static void checkCompactedOffsetRange(RecordBatch batch, PartitionKey partition) {
        Integer count = batch.countOrNull();
        long deltaCount = batch.lastOffset() - batch.baseOffset() + 1;
        if (count == null || count < 0 || deltaCount < 1 || count > deltaCount) {
            throw new InvalidRecordException("Inconsistent batch offset range [" + batch.baseOffset() + ", "
                    + batch.lastOffset() + "] and record count " + count + " in " + partition);
        }
    }

    private static void checkNoTrailingBytes(MemoryRecords records, int validBytes, PartitionKey partition) {
        if (validBytes != records.sizeInBytes()) {
            throw new CorruptRecordException("The append to " + partition + " holds " + records.sizeInBytes()
                    + " bytes of which only " + validBytes + " form whole batches");
        }
    }

    private static CompressionType targetCompression(LogConfig config, CompressionType source) {
        String configured = config.compressionType();
        if (LogConfig.COMPRESSION_PRODUCER.equals(configured)) {
            return source;
        }
        if ("uncompressed".equals(configured)) {
            return CompressionType.NONE;
        }
        return CompressionType.forName(configured);
    }

    /**
     * Per-record checks, as LogValidator makes them: dense offset deltas, the right record count, timestamps in
     * range (CreateTime only), keys on compacted topics. Iterating a compressed batch also proves it decompresses.
     * Keys and values are skipped, not copied.
     */
    private static void validateRecords(MutableRecordBatch batch, LogConfig config, long now, PartitionKey partition) {
        boolean checkTimestamps = config.timestampType() == TimestampType.CREATE_TIME;
        long earliest = saturatedSubtract(now, config.messageTimestampBeforeMaxMs());
        long latest = saturatedAdd(now, config.messageTimestampAfterMaxMs());
        boolean requireKeys = config.compacted();
        long expectedOffset = batch.baseOffset();
        int count = 0;
        try (CloseableIterator<Record> records = batch.skipKeyValueIterator(BUFFERS.get())) {
            while (records.hasNext()) {
                Record record = records.next();
                if (record.offset() != expectedOffset) {
                    throw new InvalidRecordException("Record offset " + record.offset() + " in " + partition
                            + " should be " + expectedOffset + ": offsets within a batch must be dense");
                }
                expectedOffset++;
                count++;
                long timestamp = record.timestamp();
                if (checkTimestamps
                        && timestamp != RecordBatch.NO_TIMESTAMP
                        && (timestamp < earliest || timestamp > latest)) {
                    throw new InvalidTimestampException("Timestamp " + timestamp + " of message with offset "
                            + record.offset() + " is out of range. The timestamp should be within [" + earliest
                            + ", " + latest + "]");
                }
                if (requireKeys && !record.hasKey()) {
                    throw new InvalidRecordException(
                            "Compacted topic cannot accept message without key in " + partition);
                }
            }
        } catch (InvalidRecordException | InvalidTimestampException e) {
            throw e;
        } catch (KafkaException e) {
            throw new CorruptRecordException(
                    "Record batch in " + partition + " could not be read: " + e.getMessage(), e);
        }
        if (count != batch.countOrNull()) {
            throw new InvalidRecordException(
                    "Batch in " + partition + " claims " + batch.countOrNull() + " records but holds " + count);
        }
    }

    /** Rebuilds the batch with another codec, keeping timestamps, keys, values, headers and producer fields. */
    private static MutableRecordBatch reencode(
            MutableRecordBatch batch, CompressionType target, TimestampType timestampType, long now) {
        boolean logAppendTime = timestampType == TimestampType.LOG_APPEND_TIME;
        MemoryRecordsBuilder builder = new MemoryRecordsBuilder(
                ByteBuffer.allocate(batch.sizeInBytes() + 512),
                RecordBatch.MAGIC_VALUE_V2,
                Compression.of(target).build(),
                timestampType,
                0L,
                logAppendTime ? now : RecordBatch.NO_TIMESTAMP,
                batch.producerId(),
                batch.producerEpoch(),
                batch.baseSequence(),
                batch.isTransactional(),
                false,
                RecordBatch.NO_PARTITION_LEADER_EPOCH,
                Integer.MAX_VALUE);
        try (CloseableIterator<Record> records = batch.streamingIterator(BUFFERS.get())) {
            while (records.hasNext()) {
                Record record = records.next();
                builder.appendWithOffset(
                        record.offset(), record.timestamp(), record.key(), record.value(), record.headers());
            }
        }
        return builder.build().batches().iterator().next();
    }

    private static long saturatedSubtract(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
