package io.partita.broker.log;

import static io.partita.broker.log.LogTestSupport.NOW;
import static io.partita.broker.log.LogTestSupport.idempotent;
import static io.partita.broker.log.LogTestSupport.key;
import static io.partita.broker.log.PartitionLogAppendTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotentProducerTest {

    private static final long PID = 1000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(NOW);
    private LogStore store;
    private PartitionLog log;

    @BeforeEach
    void open() throws Exception {
        store = LogTestSupport.open(dir, clock);
        log = store.openPartition(key("idem", 0), LogConfig.defaults());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void retriedBatchGetsOriginalOffsetsAndAppendsNothing() {
        log.appendAsLeader(LogTestSupport.batch(NOW, "other"), 0).join();
        AppendResult first =
                log.appendAsLeader(idempotent(PID, (short) 0, 0, "a", "b"), 0).join();
        AppendResult second =
                log.appendAsLeader(idempotent(PID, (short) 0, 2, "c"), 0).join();
        AppendResult retry =
                log.appendAsLeader(idempotent(PID, (short) 0, 0, "a", "b"), 0).join();
        assertThat(first.baseOffset()).isEqualTo(1);
        assertThat(second.baseOffset()).isEqualTo(3);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.baseOffset()).isEqualTo(1);
        assertThat(retry.lastOffset()).isEqualTo(2);
        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(log.producerState(PID)).get().satisfies(entry -> {
            assertThat(entry.producerEpoch()).isEqualTo((short) 0);
            assertThat(entry.lastSeq()).isEqualTo(2);
            assertThat(entry.batches()).hasSize(2);
        });
    }

    @Test
    void retriesInTheSameGroupAsTheOriginalAreDuplicatesToo() {
        var original = log.appendAsLeader(idempotent(PID, (short) 0, 0, "a"), 0);
        var retry = log.appendAsLeader(idempotent(PID, (short) 0, 0, "a"), 0);
        assertThat(original.join().duplicate()).isFalse();
        assertThat(retry.join()).satisfies(r -> {
            assertThat(r.duplicate()).isTrue();
            assertThat(r.baseOffset()).isZero();
        });
    }

    @Test
    void sequenceGapIsOutOfOrder() {
        log.appendAsLeader(idempotent(PID, (short) 0, 0, "a"), 0).join();
        assertRejected(log.appendAsLeader(idempotent(PID, (short) 0, 5, "gap"), 0), OutOfOrderSequenceException.class);
        assertThat(log.logEndOffset()).isEqualTo(1);
        assertThat(log.appendAsLeader(idempotent(PID, (short) 0, 1, "b"), 0)
                        .join()
                        .baseOffset())
                .isEqualTo(1);
    }

    @Test
    void staleEpochIsFencedAndNewEpochStartsAtZero() {
        log.appendAsLeader(idempotent(PID, (short) 3, 0, "a"), 0).join();
        assertRejected(
                log.appendAsLeader(idempotent(PID, (short) 2, 1, "old"), 0), InvalidProducerEpochException.class);
        assertRejected(log.appendAsLeader(idempotent(PID, (short) 4, 7, "new"), 0), OutOfOrderSequenceException.class);
        AppendResult bumped =
                log.appendAsLeader(idempotent(PID, (short) 4, 0, "new"), 0).join();
        assertThat(bumped.baseOffset()).isEqualTo(1);
        assertThat(log.producerState(PID))
                .get()
                .extracting(ProducerStateEntry::producerEpoch)
                .isEqualTo((short) 4);
    }

    @Test
    void sequencesWrapAtIntegerMaxValue() {
        log.appendAsLeader(idempotent(PID, (short) 0, Integer.MAX_VALUE - 1, "a", "b"), 0)
                .join();
        AppendResult wrapped =
                log.appendAsLeader(idempotent(PID, (short) 0, 0, "c"), 0).join();
        assertThat(wrapped.duplicate()).isFalse();
        assertThat(wrapped.baseOffset()).isEqualTo(2);
    }

    @Test
    void producerStateSurvivesReopen() throws Exception {
        log.appendAsLeader(idempotent(PID, (short) 1, 0, "a", "b"), 0).join();
        log.appendAsLeader(idempotent(PID, (short) 1, 2, "c"), 0).join();
        store.close();
        store = LogTestSupport.open(dir, clock);
        log = store.openPartition(key("idem", 0), LogConfig.defaults());
        assertThat(log.producerState(PID))
                .get()
                .extracting(ProducerStateEntry::lastSeq)
                .isEqualTo(2);
        AppendResult retry =
                log.appendAsLeader(idempotent(PID, (short) 1, 0, "a", "b"), 0).join();
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.baseOffset()).isZero();
        assertRejected(log.appendAsLeader(idempotent(PID, (short) 1, 9, "gap"), 0), OutOfOrderSequenceException.class);
        assertThat(log.appendAsLeader(idempotent(PID, (short) 1, 3, "d"), 0)
                        .join()
                        .baseOffset())
                .isEqualTo(3);
    }

    @Test
    void onlyTheLastFiveBatchesAreRemembered() {
        for (int seq = 0; seq < 7; seq++) {
            log.appendAsLeader(idempotent(PID, (short) 0, seq, "r" + seq), 0).join();
        }
        assertThat(log.producerState(PID))
                .get()
                .extracting(e -> e.batches().size())
                .isEqualTo(5);
        MemoryRecords tooOld = idempotent(PID, (short) 0, 0, "r0");
        assertRejected(log.appendAsLeader(tooOld, 0), OutOfOrderSequenceException.class);
    }
}
