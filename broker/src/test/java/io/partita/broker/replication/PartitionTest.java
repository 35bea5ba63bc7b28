package io.partita.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.cluster.PartitionState;
import io.partita.broker.log.LogConfig;
import io.partita.broker.log.LogStore;
import io.partita.broker.log.LogStoreSettings;
import io.partita.broker.log.PartitionKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader's bookkeeping: high watermark from follower positions, ISR growth and shrinkage, versions. */
class PartitionTest {
    private static final long LAG_MS = 10_000;
    private static final List<Integer> REPLICAS = List.of(0, 1, 2);

    @TempDir
    Path dir;

    private LogStore store;
    private Partition partition;

    @BeforeEach
    void leaderOnNodeZero() throws Exception {
        store = LogStore.open(LogStoreSettings.defaults(dir));
        Uuid id = Uuid.randomUuid();
        LogConfig config = LogConfig.from(Map.of(), Map.of());
        partition = new Partition(
                new TopicPartition("t", 0), id, store.openPartition(new PartitionKey(id, "t", 0), config), config, 0);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private void lead(List<Integer> isr, int version, long now) {
        partition.applyState(new PartitionState(0, 1, isr, 1), version, REPLICAS, now);
    }

    private void append(int records) throws Exception {
        SimpleRecord[] batch = new SimpleRecord[records];
        for (int i = 0; i < records; i++) {
            batch[i] = new SimpleRecord(1_000L, ("v" + i).getBytes());
        }
        partition
                .log()
                .appendAsLeader(MemoryRecords.withRecords(Compression.NONE, batch), 1)
                .get();
    }

    @Test
    void theHighWatermarkIsTheSmallestLogEndInTheIsr() throws Exception {
        lead(List.of(0, 1, 2), 0, 0);
        append(10);
        assertThat(partition.maybeAdvanceHighWatermark())
                .as("no follower position known yet")
                .isFalse();
        partition.onFollowerFetch(1, 10, 0, 1);
        assertThat(partition.log().highWatermark()).isZero();
        assertThat(partition.onFollowerFetch(2, 5, 0, 2).highWatermarkAdvanced())
                .isTrue();
        assertThat(partition.log().highWatermark()).isEqualTo(5);
        partition.onFollowerFetch(2, 10, 0, 3);
        assertThat(partition.log().highWatermark()).isEqualTo(10);
    }

    @Test
    void theLowWatermarkIsTheSmallestLogStartInTheIsr() throws Exception {
        lead(List.of(0, 1, 2), 0, 0);
        append(10);
        partition.onFollowerFetch(1, 10, 0, 1);
        partition.onFollowerFetch(2, 10, 0, 1);
        partition.log().deleteRecordsBefore(6).get();
        assertThat(partition.lowWatermark())
                .as("the followers still start at 0")
                .isZero();
        partition.onFollowerFetch(1, 10, 6, 2);
        assertThat(partition.lowWatermark()).as("follower 2 still starts at 0").isZero();
        partition.onFollowerFetch(2, 10, 6, 2);
        assertThat(partition.lowWatermark()).isEqualTo(6);
        lead(List.of(0, 1), 1, 3);
        partition.log().deleteRecordsBefore(8).get();
        partition.onFollowerFetch(1, 10, 8, 4);
        assertThat(partition.lowWatermark()).as("only in-sync replicas count").isEqualTo(8);
    }

    @Test
    void aFollowerJoinsTheIsrOnceItReachesTheHighWatermark() throws Exception {
        lead(List.of(0, 1), 0, 0);
        append(10);
        partition.onFollowerFetch(1, 10, 0, 1);
        assertThat(partition.log().highWatermark()).isEqualTo(10);
        assertThat(partition.onFollowerFetch(2, 4, 0, 2).expandedIsr()).isEmpty();
        Partition.FollowerFetch caughtUp = partition.onFollowerFetch(2, 10, 0, 3);
        assertThat(caughtUp.expandedIsr()).contains(List.of(0, 1, 2));

        Partition.IsrProposal proposal =
                partition.proposeIsr(caughtUp.expandedIsr().orElseThrow()).orElseThrow();
        assertThat(proposal.expectedVersion()).isZero();
        assertThat(partition.proposeIsr(List.of(0, 1, 2)))
                .as("one write at a time")
                .isEmpty();
        partition.onIsrWritten(proposal, 1);
        assertThat(partition.isr()).containsExactly(0, 1, 2);
    }

    @Test
    void aFollowerBehindForLongerThanTheLagLeavesTheIsr() throws Exception {
        lead(List.of(0, 1, 2), 0, 0);
        append(10);
        partition.onFollowerFetch(1, 10, 0, 100);
        partition.onFollowerFetch(2, 3, 0, 100);
        assertThat(partition.shrunkIsr(LAG_MS, LAG_MS)).isEmpty();
        // Node 1 keeps fetching the log end; node 2 stays behind.
        partition.onFollowerFetch(1, 10, 0, LAG_MS + 50);
        assertThat(partition.shrunkIsr(LAG_MS + 100, LAG_MS)).contains(List.of(0, 1));
    }

    @Test
    void aFollowerThatHasEverythingStaysInSyncWithoutFetching() throws Exception {
        lead(List.of(0, 1), 0, 0);
        append(5);
        partition.onFollowerFetch(1, 5, 0, 10);
        assertThat(partition.shrunkIsr(10 * LAG_MS, LAG_MS)).isEmpty();
    }

    @Test
    void anOlderStateThanTheOneAppliedIsIgnored() throws Exception {
        lead(List.of(0, 1, 2), 3, 0);
        assertThat(partition.applyState(new PartitionState(1, 0, List.of(1), 1), 2, REPLICAS, 0))
                .isEqualTo(Partition.RoleChange.UNCHANGED);
        assertThat(partition.isLeader()).isTrue();
        assertThat(partition.applyState(new PartitionState(1, 2, List.of(1, 0), 1), 4, REPLICAS, 0))
                .isEqualTo(Partition.RoleChange.BECAME_FOLLOWER);
        assertThat(partition.isLeader()).isFalse();
        assertThat(partition.proposeIsr(List.of(1))).isEqualTo(Optional.empty());
    }

    @Test
    void aFencedLeaderDoesNotLead() {
        lead(List.of(0, 1, 2), 0, 0);
        partition.fence(true);
        assertThat(partition.isLeader()).isFalse();
        partition.fence(false);
        assertThat(partition.isLeader()).isTrue();
    }
}
