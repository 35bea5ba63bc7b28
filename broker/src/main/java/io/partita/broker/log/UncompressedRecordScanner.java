package io.partita.broker.log;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.internals.ByteUtils;

/**
 * Checks the records of an uncompressed v2 batch the way Kafka's LogValidator does (dense offset deltas, the
 * declared count, timestamps in range, keys on compacted topics, every length inside the batch) by walking
 * the record format directly. The general record iterator builds objects and buffer slices for every key,
 * value and header; on the produce path, at a million records a second, that garbage is what costs.
 */
final class UncompressedRecordScanner {
    private static final int BASE_TIMESTAMP_OFFSET = 27;
    private static final int RECORDS_COUNT_OFFSET = 57;
    private static final int RECORDS_OFFSET = 61;

    private UncompressedRecordScanner() {}

    /**
     * @param batch the whole batch, from its first byte (position) to its last (limit)
     * @param earliest the earliest timestamp accepted, or Long.MIN_VALUE
     * @param latest the latest timestamp accepted, or Long.MAX_VALUE
     */
    static void scan(
            ByteBuffer batch,
            boolean checkTimestamps,
            long earliest,
            long latest,
            boolean requireKeys,
            PartitionKey partition) {
        ByteBuffer in = batch.duplicate();
        int start = in.position();
        int end = in.limit();
        long firstTimestamp = in.getLong(start + BASE_TIMESTAMP_OFFSET);
        int count = in.getInt(start + RECORDS_COUNT_OFFSET);
        in.position(start + RECORDS_OFFSET);
        try {
            for (int i = 0; i < count; i++) {
                int length = ByteUtils.readVarint(in);
                int recordStart = in.position();
                if (length < 0 || recordStart + length > end) {
                    throw corrupt(partition, "record " + i + " of length " + length + " runs past its batch");
                }
                in.limit(recordStart + length);
                in.get(); // attributes: unused in v2 records
                long timestamp = firstTimestamp + ByteUtils.readVarlong(in);
                int offsetDelta = ByteUtils.readVarint(in);
                if (offsetDelta != i) {
                    throw new InvalidRecordException("Record offset delta " + offsetDelta + " in " + partition
                            + " should be " + i + ": offsets within a batch must be dense");
                }
                int keyLength = ByteUtils.readVarint(in);
                if (keyLength < 0 && requireKeys) {
                    throw new InvalidRecordException(
                            "Compacted topic cannot accept message without key in " + partition);
                }
                skip(in, keyLength);
                skip(in, ByteUtils.readVarint(in));
                int headers = ByteUtils.readVarint(in);
                if (headers < 0) {
                    throw corrupt(partition, "negative header count in record " + i);
                }
                for (int h = 0; h < headers; h++) {
                    int headerKeyLength = ByteUtils.readVarint(in);
                    if (headerKeyLength < 0) {
                        throw corrupt(partition, "a header without a key in record " + i);
                    }
                    skip(in, headerKeyLength);
                    skip(in, ByteUtils.readVarint(in));
                }
                if (in.hasRemaining()) {
                    throw corrupt(partition, "record " + i + " has " + in.remaining() + " bytes beyond its fields");
                }
                in.limit(end);
                if (checkTimestamps
                        && firstTimestamp != RecordBatch.NO_TIMESTAMP
                        && (timestamp < earliest || timestamp > latest)) {
                    throw new InvalidTimestampException("Timestamp " + timestamp + " of message with offset delta "
                            + i + " is out of range. The timestamp should be within [" + earliest + ", " + latest
                            + "]");
                }
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt(partition, "a record is cut short or malformed (" + e + ")");
        }
        if (in.position() != end) {
            throw corrupt(partition, (end - in.position()) + " bytes after the last of " + count + " records");
        }
    }

    /** Skips a length-prefixed field; -1 means null. */
    private static void skip(ByteBuffer in, int length) {
        if (length < -1) {
            throw new IllegalArgumentException("field length " + length);
        }
        if (length > 0) {
            if (length > in.remaining()) {
                throw new BufferUnderflowException();
            }
            in.position(in.position() + length);
        }
    }

    private static CorruptRecordException corrupt(PartitionKey partition, String what) {
        return new CorruptRecordException("Record batch in " + partition + " is corrupt: " + what);
    }
}
