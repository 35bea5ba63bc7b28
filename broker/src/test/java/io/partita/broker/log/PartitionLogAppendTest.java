package io.partita.broker.log;

import static io.partita.broker.log.LogTestSupport.NOW;
import static io.partita.broker.log.LogTestSupport.batch;
import static io.partita.broker.log.LogTestSupport.bytesOf;
import static io.partita.broker.log.LogTestSupport.config;
import static io.partita.broker.log.LogTestSupport.key;
import static io.partita.broker.log.LogTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PartitionLogAppendTest {

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
    void offsetsAreDenseAcrossManyAppendsAndPartitions() {
        PartitionLog a = store.openPartition(key("a", 0), LogConfig.defaults());
        PartitionLog b = store.openPartition(key("a", 1), LogConfig.defaults());
        List<CompletableFuture<AppendResult>> futuresA = new ArrayList<>();
        List<CompletableFuture<AppendResult>> futuresB = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futuresA.add(a.appendAsLeader(batch(NOW, "a" + i, "a" + i + "'"), 0));
            futuresB.add(b.appendAsLeader(batch(NOW, "b" + i), 0));
        }
        for (int i = 0; i < 200; i++) {
            AppendResult ra = futuresA.get(i).join();
            assertThat(ra.baseOffset()).isEqualTo(2L * i);
            assertThat(ra.lastOffset()).isEqualTo(2L * i + 1);
            assertThat(ra.duplicate()).isFalse();
            assertThat(futuresB.get(i).join().baseOffset()).isEqualTo(i);
        }
        assertThat(a.logEndOffset()).isEqualTo(400);
        assertThat(b.logEndOffset()).isEqualTo(200);
        assertThat(values(a.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                .hasSize(400)
                .startsWith("0:a0", "1:a0'", "2:a1");
        assertThat(store.commitCount()).as("appends are group-committed").isLessThan(400);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyCodecIsStoredByteIdenticalUnderProducerCompression(CompressionType type) {
        PartitionLog log = store.openPartition(key("codec-" + type.name, 0), LogConfig.defaults());
        log.appendAsLeader(batch(NOW, "first"), 3).join();
        MemoryRecords sent = batch(Compression.of(type).build(), NOW, "x", "y", "z");
        AppendResult result = log.appendAsLeader(sent, 3).join();
        assertThat(result.baseOffset()).isEqualTo(1);

        MemoryRecords read =
                log.read(1, Integer.MAX_VALUE, Long.MAX_VALUE, true).records();
        MutableRecordBatch stored = read.batches().iterator().next();
        assertThat(stored.compressionType()).isEqualTo(type);
        assertThat(stored.baseOffset()).isEqualTo(1);
        assertThat(stored.partitionLeaderEpoch()).isEqualTo(3);
        stored.ensureValid();
        // Same bytes as sent, apart from base offset and leader epoch, which the CRC does not cover.
        assertThat(bytesOf(read)).isEqualTo(bytesOf(sent));
        assertThat(values(read)).containsExactly("1:x", "2:y", "3:z");
    }

    @Test
    void reencodesWhenTopicCompressionDiffers() {
        PartitionLog log = store.openPartition(key("recompress", 0), config(Map.of("compression.type", "gzip")));
        log.appendAsLeader(batch(Compression.lz4().build(), NOW, "a", "b"), 0).join();
        log.appendAsLeader(batch(Compression.gzip().build(), NOW, "c"), 0).join();
        MemoryRecords read =
                log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records();
        List<CompressionType> codecs = new ArrayList<>();
        read.batches().forEach(b -> {
            b.ensureValid();
            codecs.add(b.compressionType());
        });
        assertThat(codecs).containsExactly(CompressionType.GZIP, CompressionType.GZIP);
        assertThat(values(read)).containsExactly("0:a", "1:b", "2:c");
        Record first = read.batches().iterator().next().iterator().next();
        assertThat(first.timestamp()).isEqualTo(NOW);
        assertThat(first.key()).isEqualTo(ByteBuffer.wrap("k-a".getBytes()));
    }

    @Test
    void uncompressedTopicDecompressesProducerBatches() {
        PartitionLog log = store.openPartition(key("plain", 0), config(Map.of("compression.type", "uncompressed")));
        log.appendAsLeader(batch(Compression.zstd().build(), NOW, "a", "b"), 0).join();
        MutableRecordBatch stored = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true)
                .records()
                .batches()
                .iterator()
                .next();
        assertThat(stored.compressionType()).isEqualTo(CompressionType.NONE);
    }

    @Test
    void logAppendTimeStampsTheBrokerClock() {
        PartitionLog log =
                store.openPartition(key("lat", 0), config(Map.of("message.timestamp.type", "LogAppendTime")));
        clock.set(NOW + 5000);
        AppendResult result =
                log.appendAsLeader(batch(NOW - 100_000, "a", "b"), 0).join();
        assertThat(result.logAppendTime()).isEqualTo(NOW + 5000);
        MutableRecordBatch stored = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true)
                .records()
                .batches()
                .iterator()
                .next();
        stored.ensureValid();
        assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(stored.maxTimestamp()).isEqualTo(NOW + 5000);
        assertThat(stored.iterator().next().timestamp()).isEqualTo(NOW + 5000);
        assertThat(log.offsetOfMaxTimestamp())
                .get()
                .extracting(TimestampAndOffset::timestamp)
                .isEqualTo(NOW + 5000);

        PartitionLog compressed = store.openPartition(
                key("lat-gzip", 0),
                config(Map.of("message.timestamp.type", "LogAppendTime", "compression.type", "gzip")));
        assertThat(compressed.appendAsLeader(batch(NOW, "a"), 0).join().logAppendTime())
                .isEqualTo(NOW + 5000);
        MutableRecordBatch reencoded = compressed
                .read(0, 1 << 20, Long.MAX_VALUE, true)
                .records()
                .batches()
                .iterator()
                .next();
        assertThat(reencoded.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(reencoded.maxTimestamp()).isEqualTo(NOW + 5000);
    }

    @Test
    void corruptCrcIsRejectedAndNothingIsAppended() {
        PartitionLog log = store.openPartition(key("crc", 0), LogConfig.defaults());
        MemoryRecords records = batch(NOW, "a", "b");
        ByteBuffer buffer = records.buffer();
        int last = buffer.limit() - 1;
        buffer.put(last, (byte) (buffer.get(last) ^ 0x5a));
        assertRejected(log.appendAsLeader(records, 0), CorruptRecordException.class);
        assertThat(log.logEndOffset()).isZero();
        assertThat(log.appendAsLeader(batch(NOW, "ok"), 0).join().baseOffset())
                .as("the writer lives on")
                .isZero();
    }

    @Test
    void oversizedBatchIsRecordTooLarge() {
        PartitionLog log = store.openPartition(key("big", 0), config(Map.of("max.message.bytes", "200")));
        assertRejected(log.appendAsLeader(batch(NOW, "x".repeat(300)), 0), RecordTooLargeException.class);
        assertThat(log.appendAsLeader(batch(NOW, "small"), 0).join().baseOffset())
                .isZero();
    }

    @Test
    void oldMagicAndFutureTimestampsAreRejected() {
        PartitionLog log = store.openPartition(key("bad", 0), LogConfig.defaults());
        MemoryRecords v1 = MemoryRecords.withRecords(
                RecordBatch.MAGIC_VALUE_V1, 0L, Compression.NONE, LogTestSupport.record(NOW, "old"));
        assertRejected(log.appendAsLeader(v1, 0), UnsupportedForMessageFormatException.class);
        assertRejected(log.appendAsLeader(batch(NOW + 7_200_000L, "future"), 0), InvalidTimestampException.class);

        PartitionLog strict =
                store.openPartition(key("strict", 0), config(Map.of("message.timestamp.before.max.ms", "1000")));
        assertRejected(strict.appendAsLeader(batch(NOW - 5000, "past"), 0), InvalidTimestampException.class);
    }

    @Test
    void nonZeroBaseOffsetAndKeylessCompactedRecordsAreInvalid() {
        PartitionLog log = store.openPartition(key("invalid", 0), config(Map.of("cleanup.policy", "compact")));
        MemoryRecords shifted = MemoryRecords.withRecords(5L, Compression.NONE, LogTestSupport.record(NOW, "a"));
        assertRejected(log.appendAsLeader(shifted, 0), InvalidRecordException.class);
        MemoryRecords keyless =
                MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(NOW, null, "v".getBytes()));
        assertRejected(log.appendAsLeader(keyless, 0), InvalidRecordException.class);
    }

    @Test
    void followerAppendKeepsLeaderOffsetsAndEpochs() {
        PartitionLog leader = store.openPartition(key("leader", 0), LogConfig.defaults());
        leader.appendAsLeader(batch(NOW, "a", "b"), 4).join();
        leader.appendAsLeader(batch(NOW, "c"), 5).join();
        PartitionLog follower = store.openPartition(key("follower", 0), LogConfig.defaults());
        MemoryRecords fetched =
                leader.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records();
        AppendResult result = follower.appendAsFollower(fetched).join();
        assertThat(result.baseOffset()).isZero();
        assertThat(result.lastOffset()).isEqualTo(2);
        assertThat(follower.logEndOffset()).isEqualTo(3);
        assertThat(bytesOf(follower.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true)
                        .records()))
                .isEqualTo(bytesOf(fetched));
        assertThat(follower.leaderEpochs()).containsExactly(new EpochEntry(4, 0), new EpochEntry(5, 2));
        assertRejected(
                follower.appendAsFollower(
                        leader.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()),
                InvalidRecordException.class);
    }

    static void assertRejected(CompletableFuture<?> future, Class<? extends Throwable> type) {
        assertThatThrownBy(future::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(type);
    }
}
