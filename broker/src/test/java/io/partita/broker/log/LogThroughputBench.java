package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput smoke, not a test: 2M records of 100 bytes in ~16 KB uncompressed batches, appended with up to
 * 64 appends in flight (like a producer with several partitions' requests outstanding), then read back in 1 MB
 * fetches. Prints records/s. Run: mvn -pl broker test -Dtest=LogThroughputBench -Dsurefire.excludedGroups= -Dsurefire.groups=bench
 */
@Tag("bench")
class LogThroughputBench {

    private static final Logger LOG = LoggerFactory.getLogger(LogThroughputBench.class);
    private static final int RECORDS = 2_000_000;
    private static final int RECORD_BYTES = 100;
    private static final int BATCH_BYTES = 16 * 1024;
    private static final int IN_FLIGHT = 64;

    @TempDir
    Path dir;

    @Test
    void appendAndReadThroughput() throws Exception {
        byte[] value = new byte[RECORD_BYTES];
        List<MemoryRecords> batches = new ArrayList<>();
        int remaining = RECORDS;
        long now = System.currentTimeMillis();
        while (remaining > 0) {
            MemoryRecordsBuilder builder = MemoryRecords.builder(
                    ByteBuffer.allocate(BATCH_BYTES + 1024),
                    RecordBatch.CURRENT_MAGIC_VALUE,
                    Compression.NONE,
                    TimestampType.CREATE_TIME,
                    0L);
            while (remaining > 0 && builder.estimatedSizeInBytes() + RECORD_BYTES + 16 < BATCH_BYTES) {
                builder.append(now, null, value);
                remaining--;
            }
            batches.add(builder.build());
        }
        try (LogStore store = LogStore.open(LogStoreSettings.defaults(dir))) {
            PartitionLog log =
                    store.openPartition(new PartitionKey(Uuid.randomUuid(), "bench", 0), LogConfig.defaults());
            // Batches are consumed by the append (offsets set in place), so append copies: like fresh requests.
            List<MemoryRecords> copies = new ArrayList<>(batches.size());
            for (MemoryRecords batch : batches) {
                copies.add(MemoryRecords.readableRecords(ByteBuffer.wrap(LogTestSupport.bytesOf(batch))));
            }
            long start = System.nanoTime();
            Deque<CompletableFuture<AppendResult>> inFlight = new ArrayDeque<>();
            for (MemoryRecords batch : copies) {
                if (inFlight.size() >= IN_FLIGHT) {
                    inFlight.removeFirst().join();
                }
                inFlight.addLast(log.appendAsLeader(batch, 0));
            }
            inFlight.forEach(CompletableFuture::join);
            double appendSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            long offset = 0;
            long bytes = 0;
            while (offset < log.logEndOffset()) {
                MemoryRecords read =
                        log.read(offset, 1 << 20, Long.MAX_VALUE, true).records();
                bytes += read.sizeInBytes();
                RecordBatch last = null;
                for (RecordBatch batch : read.batches()) {
                    last = batch;
                }
                offset = last.nextOffset();
            }
            double readSeconds = (System.nanoTime() - start) / 1e9;
            LOG.warn(
                    "append: {} records in {} batches, {} s, {} records/s, {} MB/s, {} commits",
                    RECORDS,
                    batches.size(),
                    String.format("%.2f", appendSeconds),
                    String.format("%.0f", RECORDS / appendSeconds),
                    String.format("%.0f", log.sizeInBytes() / appendSeconds / 1e6),
                    store.commitCount());
            LOG.warn(
                    "read: {} bytes in {} s, {} records/s",
                    bytes,
                    String.format("%.2f", readSeconds),
                    String.format("%.0f", RECORDS / readSeconds));
        }
    }
}
