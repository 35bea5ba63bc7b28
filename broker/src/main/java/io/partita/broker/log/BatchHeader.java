package io.partita.broker.log;

import java.nio.ByteBuffer;

/**
 * Reads fields of a stored v2 batch header straight from LMDB's memory, without building a batch object.
 * Positions are those of Kafka's v2 record batch format.
 */
final class BatchHeader {

    static final int LENGTH_OFFSET = 8;
    static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    static final int LAST_OFFSET_DELTA_OFFSET = 23;
    static final int MAX_TIMESTAMP_OFFSET = 35;
    static final int HEADER_SIZE = 61;
    /** The base offset and length fields, which the length does not count. */
    static final int LOG_OVERHEAD = 12;

    private BatchHeader() {}

    static long baseOffset(ByteBuffer batch) {
        return batch.getLong(batch.position());
    }

    static long lastOffset(ByteBuffer batch) {
        return baseOffset(batch) + batch.getInt(batch.position() + LAST_OFFSET_DELTA_OFFSET);
    }

    /** The whole batch's size in bytes. */
    static int size(ByteBuffer batch) {
        return batch.getInt(batch.position() + LENGTH_OFFSET) + LOG_OVERHEAD;
    }

    static long maxTimestamp(ByteBuffer batch) {
        return batch.getLong(batch.position() + MAX_TIMESTAMP_OFFSET);
    }

    static int partitionLeaderEpoch(ByteBuffer batch) {
        return batch.getInt(batch.position() + PARTITION_LEADER_EPOCH_OFFSET);
    }

    /** An 8-byte big-endian LMDB key or value. */
    static long longAt(ByteBuffer buffer) {
        return buffer.getLong(buffer.position());
    }
}
