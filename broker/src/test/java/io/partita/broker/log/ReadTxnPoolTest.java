package io.partita.broker.log;

import static io.partita.broker.log.LogTestSupport.NOW;
import static io.partita.broker.log.LogTestSupport.batch;
import static io.partita.broker.log.LogTestSupport.key;
import static io.partita.broker.log.LogTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadTxnPoolTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(NOW);

    @Test
    void aReusedReadTransactionSeesWhatWasCommittedSinceItsLastUse() throws Exception {
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            PartitionLog log = store.openPartition(key("reuse", 0), LogConfig.defaults());
            log.appendAsLeader(batch(NOW, "a"), 0).join();
            assertThat(values(
                            log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                    .containsExactly("0:a");
            assertThat(store.readTxns().idle()).isEqualTo(1);

            log.appendAsLeader(batch(NOW, "b"), 0).join();
            assertThat(values(
                            log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                    .containsExactly("0:a", "1:b");
            assertThat(store.readTxns().idle()).isEqualTo(1);
        }
    }

    @Test
    void readsBeyondTheIdleLimitAreClosedAndTheKeptOnesFreedOnClose() throws Exception {
        int concurrent = ReadTxnPool.MAX_IDLE + 5;
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            PartitionLog log = store.openPartition(key("many", 0), LogConfig.defaults());
            log.appendAsLeader(batch(NOW, "x"), 0).join();
            assertThat(nestedReads(store, log, concurrent)).isEqualTo(concurrent);
            assertThat(store.readTxns().idle()).isEqualTo(ReadTxnPool.MAX_IDLE);
            assertThat(nestedReads(store, log, concurrent)).isEqualTo(concurrent);
            assertThat(store.readTxns().idle()).isEqualTo(ReadTxnPool.MAX_IDLE);
        }
        try (LogStore store = LogTestSupport.open(dir, clock)) {
            PartitionLog log = store.openPartition(key("many", 0), LogConfig.defaults());
            assertThat(values(
                            log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records()))
                    .containsExactly("0:x");
        }
    }

    /** {@code depth} read transactions open at once, each reading the log; returns how many read "x". */
    private static int nestedReads(LogStore store, PartitionLog log, int depth) {
        if (depth == 0) {
            return 0;
        }
        return store.withReadTxn(txn -> {
            int below = nestedReads(store, log, depth - 1);
            boolean sawRecord = values(
                            log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records())
                    .equals(List.of("0:x"));
            return below + (sawRecord ? 1 : 0);
        });
    }
}
