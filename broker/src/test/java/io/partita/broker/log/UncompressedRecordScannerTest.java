package io.partita.broker.log;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

class UncompressedRecordScannerTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final PartitionKey T0 = new PartitionKey(Uuid.randomUuid(), "t", 0);

    private static ByteBuffer batch() {
        return MemoryRecords.withRecords(
                        Compression.NONE,
                        new SimpleRecord(NOW, "k1".getBytes(), "v1".getBytes()),
                        new SimpleRecord(NOW + 5, null, "no key".getBytes()),
                        new SimpleRecord(NOW + 9, "k3".getBytes(), null, new RecordHeader[] {
                            new RecordHeader("h", "x".getBytes()), new RecordHeader("n", null)
                        }))
                .buffer();
    }

    private static void scan(ByteBuffer batch, boolean requireKeys) {
        UncompressedRecordScanner.scan(batch, true, NOW - 1_000, NOW + 1_000, requireKeys, T0);
    }

    @Test
    void acceptsAWellFormedBatchWithNullKeysValuesAndHeaders() {
        assertThatCode(() -> scan(batch(), false)).doesNotThrowAnyException();
    }

    @Test
    void rejectsAMissingKeyOnACompactedTopic() {
        assertThatThrownBy(() -> scan(batch(), true)).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void rejectsTimestampsOutOfRange() {
        ByteBuffer batch = batch();
        assertThatThrownBy(() -> UncompressedRecordScanner.scan(batch, true, NOW + 6, Long.MAX_VALUE, false, T0))
                .isInstanceOf(InvalidTimestampException.class);
    }

    @Test
    void rejectsARecordLengthThatRunsPastTheBatch() {
        ByteBuffer batch = batch();
        batch.put(61, (byte) 0x7e); // the first record's length varint: 63, far more than is there
        assertThatThrownBy(() -> scan(batch, false)).isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void rejectsADeclaredCountThatDoesNotMatchTheRecords() {
        ByteBuffer more = batch();
        more.putInt(57, 4);
        assertThatThrownBy(() -> scan(more, false)).isInstanceOf(CorruptRecordException.class);
        ByteBuffer fewer = batch();
        fewer.putInt(57, 2);
        assertThatThrownBy(() -> scan(fewer, false)).isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void rejectsOffsetDeltasThatAreNotDense() {
        ByteBuffer batch = batch();
        // Record 0: length varint (1 byte), attributes (1), timestamp delta 0 (1), then the offset delta.
        batch.put(61 + 3, (byte) 2); // zig-zag 2 = offset delta 1 where 0 belongs
        assertThatThrownBy(() -> scan(batch, false)).isInstanceOf(InvalidRecordException.class);
    }
}
