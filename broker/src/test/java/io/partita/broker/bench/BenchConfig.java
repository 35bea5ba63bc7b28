package io.partita.broker.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark sizes and switches, from system properties (Maven passes {@code -Dname=value} from its
 * command line through to the test JVM). Numbers may use underscores: {@code -Dbench.records=5_000_000}.
 *
 * @param targets          systems to run, in column order ({@code bench.targets}, default
 *                         {@code partita,kafka}; {@code kafka,kafka} checks the harness itself)
 * @param records          100-byte records produced per measured produce repetition ({@code bench.records});
 *                         larger records are fewer, for the same bytes
 * @param repeats          measured repetitions per workload; the table shows their median, the log
 *                         each one ({@code bench.repeats})
 * @param warmupRecords    records produced/consumed on a separate warm-up topic before measuring
 *                         ({@code bench.warmupRecords})
 * @param recordSizes      value sizes in bytes of the produce workloads ({@code bench.recordSizes}, default
 *                         {@code 100,1024})
 * @param maxMeasure       cap on one measured repetition; the rate is then taken over what was done
 *                         ({@code bench.maxSeconds})
 * @param maxWarmup        cap on one warm-up phase ({@code bench.warmupMaxSeconds})
 * @param startTimeout     deadline for a target to become ready ({@code bench.startTimeoutSeconds})
 * @param stallTimeout     a consumer that gets nothing for this long fails ({@code bench.stallSeconds})
 * @param heap             {@code -Xmx} of every broker child JVM ({@code bench.heap})
 * @param workRoot         data directories of the targets, deleted after each run ({@code bench.dir})
 * @param logRoot          child JVM output files, kept for inspection ({@code bench.logDir})
 * @param nodeCounts       run only the scenarios with these node counts ({@code bench.nodes}, e.g. {@code 3};
 *                         empty, the default, runs them all)
 */
record BenchConfig(
        List<TargetKind> targets,
        long records,
        int repeats,
        long warmupRecords,
        List<Integer> recordSizes,
        Duration maxMeasure,
        Duration maxWarmup,
        Duration startTimeout,
        Duration stallTimeout,
        String heap,
        Path workRoot,
        Path logRoot,
        List<Integer> nodeCounts) {

    static BenchConfig fromSystemProperties() {
        Path target =
                Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
        List<TargetKind> targets = Arrays.stream(
                        System.getProperty("bench.targets", "partita,kafka").split(","))
                .filter(s -> !s.isBlank())
                .map(TargetKind::parse)
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("bench.targets names no target");
        }
        return new BenchConfig(
                targets,
                longProp("bench.records", 2_000_000),
                (int) Math.max(1, longProp("bench.repeats", 3)),
                longProp("bench.warmupRecords", 1_000_000),
                Arrays.stream(System.getProperty("bench.recordSizes", "100,1024")
                                .split(","))
                        .filter(v -> !v.isBlank())
                        .map(v -> Integer.valueOf(v.trim()))
                        .toList(),
                Duration.ofSeconds(longProp("bench.maxSeconds", 30)),
                Duration.ofSeconds(longProp("bench.warmupMaxSeconds", 20)),
                Duration.ofSeconds(longProp("bench.startTimeoutSeconds", 120)),
                Duration.ofSeconds(longProp("bench.stallSeconds", 30)),
                System.getProperty("bench.heap", "1g"),
                Path.of(System.getProperty(
                                "bench.dir", target.resolve("bench-work").toString()))
                        .toAbsolutePath(),
                Path.of(System.getProperty(
                                "bench.logDir", target.resolve("bench-logs").toString()))
                        .toAbsolutePath(),
                Arrays.stream(System.getProperty("bench.nodes", "").split(","))
                        .filter(s -> !s.isBlank())
                        .map(s -> Integer.valueOf(s.trim()))
                        .toList());
    }

    /** How many records of {@code size} bytes make as many bytes as {@code count} records of 100 bytes. */
    static long sameBytes(long count, int size) {
        return Math.max(1, count * 100 / Math.max(1, size));
    }

    private static long longProp(String name, long defaultValue) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + name + " is not a number: " + value, e);
        }
    }
}
