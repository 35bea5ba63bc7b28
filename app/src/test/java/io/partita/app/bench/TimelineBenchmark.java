package io.partita.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.cluster.BrokerColumn;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.PartitionPositions;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.timeline.TimelineHistory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures for the README (not a test): an hour of recorded changes on a cluster of 1,000 partitions, as the app
 * records them at the worst (every 2 s refresh brings new positions for every partition, as under a producer
 * writing to all of them, and the partition log view reads its partition four times a second), then how much heap
 * the recording holds and how long showing a scrubbed moment takes.
 *
 * <pre>mvn -B -Pbench -pl app -am verify -Dtest=TimelineBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
class TimelineBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(TimelineBenchmark.class);
    private static final int PARTITIONS = 1_000;
    private static final Instant START = Instant.parse("2026-12-08T10:00:00Z");

    @Test
    void anHourOfChangesOnAThousandPartitions() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        TimelineHistory history = new TimelineHistory();
        Random random = new Random(42);
        long[] ends = new long[PARTITIONS];
        List<PartitionRow> rows = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            rows.add(row(p, 0, ends[p]));
        }
        List<BrokerColumn> brokers = List.of(
                new BrokerColumn(0, "127.0.0.1:9092", null, true, true),
                new BrokerColumn(1, "127.0.0.1:9093", null, false, true),
                new BrokerColumn(2, "127.0.0.1:9094", null, false, true));
        long recordNanos = 0;
        int moments = 0;
        for (int tick = 0; tick < 3_600 * 4; tick++) {
            Instant now = START.plusMillis(tick * 250L);
            if (tick % 8 == 0) { // the 2 s refresh: every partition has moved on
                for (int p = 0; p < PARTITIONS; p++) {
                    ends[p] += 1 + random.nextInt(500);
                    rows.set(p, row(p, tick % 4_000 == 0 && p % 7 == 0 ? 1 : 0, ends[p]));
                }
            } else { // the partition log view's read of partition 0
                ends[0] += 1 + random.nextInt(50);
                rows.set(0, row(0, 0, ends[0]));
            }
            ClusterMap map = new ClusterMap(brokers, rows);
            long began = System.nanoTime();
            history.record(now, map);
            recordNanos += System.nanoTime() - began;
            moments++;
        }
        long held = usedAfterGc(memory) - before;

        for (int i = 0; i < 200; i++) { // the JIT's first compilations are not what a user meets
            history.at(START.plusMillis(
                    (long) (random.nextDouble() * Duration.ofHours(1).toMillis())));
        }
        long worst = 0;
        long total = 0;
        int scrubs = 1_000;
        for (int i = 0; i < scrubs; i++) {
            Instant at = START.plusMillis(
                    (long) (random.nextDouble() * Duration.ofHours(1).toMillis()));
            long began = System.nanoTime();
            ClusterMap shown = history.at(at).orElseThrow();
            long took = System.nanoTime() - began;
            assertThat(shown.rows()).hasSize(PARTITIONS);
            worst = Math.max(worst, took);
            total += took;
        }
        LOG.info(
                "{} moments over an hour, {} partitions: the recording holds {} MiB of heap; recording a map took"
                        + " {} µs on average; showing a scrubbed moment {} µs on average, {} µs at worst ({}"
                        + " scrubs); {} events",
                moments,
                PARTITIONS,
                held >> 20,
                recordNanos / moments / 1_000,
                total / scrubs / 1_000,
                worst / 1_000,
                scrubs,
                history.events().size());
        assertThat(history.size()).isEqualTo(moments);
        assertThat(held).isLessThan(200L << 20);
        assertThat(worst).isLessThan(Duration.ofMillis(50).toNanos());
    }

    private static PartitionRow row(int partition, int leader, long end) {
        return new PartitionRow(
                "topic-" + partition / 10,
                partition % 10,
                List.of(0, 1, 2),
                leader,
                List.of(0, 1, 2),
                List.of(),
                false,
                new PartitionPositions(0, end, Map.of(0, end, 1, end, 2, end)));
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
