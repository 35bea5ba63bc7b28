package io.partita.broker.bench;

import io.partita.broker.testing.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partita next to Apache Kafka 4.4 on this machine and disk, driven by the same kafka-clients
 * workloads from this JVM; each broker runs in its own child JVM with the same heap.
 *
 * <pre>
 * mvn -B -Pbench -pl broker verify [-Dbench.targets=partita,kafka] [-Dbench.records=2000000] ...
 * </pre>
 *
 * See {@link BenchConfig} for every knob and {@link Scenario#all} for the rows; {@code bench.rounds} (2) sets how
 * many times each scenario runs per system, and {@code -Dbench.driverWarmup=false} skips the first, unmeasured
 * pass. A target that fails
 * shows FAILED in its cells; the table is printed anyway and the test fails afterwards.
 */
@Tag("bench")
class ThroughputBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputBenchmark.class);

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // 4 rounds take over 30 min on a slow shared host
    void partitaVersusKafka() throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        List<String> columns = ResultTable.columnLabels(config.targets());
        LOG.info(
                "Benchmark targets {}, {} records of {} B (warm-up {}), config {}",
                columns,
                config.records(),
                config.recordSizes(),
                config.warmupRecords(),
                config);
        Files.createDirectories(config.workRoot());
        Files.createDirectories(config.logRoot());

        ResultTable table = new ResultTable(columns);
        List<Throwable> failures = new ArrayList<>();
        // The driver JVM (producer and consumer) keeps warming up across runs, which favours whichever system
        // goes second. So each scenario runs in rounds with the order of the systems reversed every round,
        // and the table shows the median over all rounds.
        int rounds = Integer.getInteger("bench.rounds", 2);
        List<Scenario> scenarios = Scenario.all(config);
        // Reversing the order evens out what the driver learns between the systems, but not its cold start: the
        // first measured run would meet a client whose code is not compiled yet, and that run is always the
        // first system's. So a first, unmeasured pass of the first scenario warms this JVM up.
        boolean driverWarmup = Boolean.parseBoolean(System.getProperty("bench.driverWarmup", "true"))
                && rounds > 0
                && !scenarios.isEmpty();
        if (driverWarmup) {
            LOG.info("Warming up the driver (not measured)");
            runScenario(
                    scenarios.get(0),
                    config.targets().get(0),
                    columns.get(0),
                    0,
                    config,
                    new HashMap<>(),
                    table,
                    failures);
        }
        for (Scenario scenario : scenarios) {
            scenario.workloads()
                    .forEach(w ->
                            w.metrics().forEach(metric -> table.declareRow(ResultTable.rowKey(scenario, w, metric))));
            Map<String, List<Double>> figures = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < config.targets().size(); i++) {
                    int column = round % 2 == 0 ? i : config.targets().size() - 1 - i;
                    runScenario(
                            scenario,
                            config.targets().get(column),
                            columns.get(column),
                            column,
                            config,
                            figures,
                            table,
                            failures);
                }
            }
            figures.forEach((cell, values) -> {
                int split = cell.lastIndexOf('#');
                table.put(
                        cell.substring(0, split),
                        Integer.parseInt(cell.substring(split + 1)),
                        Measurement.median(values));
            });
        }

        String rendered = table.render();
        LOG.info("Results:\n{}", rendered);
        System.out.println();
        System.out.println("Partita vs Apache Kafka 4.4: " + config.records()
                + " records of 100 B per produce repetition (the same bytes for larger records), median of "
                + config.repeats()
                + " repetitions in each of " + rounds + " rounds (order of the systems reversed each round"
                + (driverWarmup ? ", after an unmeasured pass that warms up the clients" : "") + "),"
                + " broker heap " + config.heap());
        System.out.print(rendered);
        System.out.println(table.ratioLegend());
        System.out.flush();

        if (!failures.isEmpty()) {
            AssertionError error =
                    new AssertionError(failures.size() + " target run(s) failed; first: " + failures.get(0));
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    private static void runScenario(
            Scenario scenario,
            TargetKind kind,
            String column,
            int columnIndex,
            BenchConfig config,
            Map<String, List<Double>> figures,
            ResultTable table,
            List<Throwable> failures)
            throws InterruptedException {
        String slug = (scenario.name() + "-" + column).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Path workDir = config.workRoot().resolve(slug);
        Path logFile = config.logRoot().resolve(slug + ".log");
        Directories.deleteRecursively(workDir);
        try {
            Files.deleteIfExists(logFile); // each run's log holds that run only
        } catch (IOException e) {
            LOG.warn("Cannot delete old {}: {}", logFile, e.toString());
        }
        Workload current = null;
        LOG.info("=== {} on {} ===", scenario.name(), column);
        try (BenchTarget target = kind.create(scenario.nodes(), workDir, logFile, config)) {
            String bootstrap = target.start();
            Set<TopicSpec> topics = new LinkedHashSet<>();
            scenario.workloads().forEach(w -> topics.addAll(w.topics()));
            try (Admin admin = BenchSupport.admin(bootstrap)) {
                BenchSupport.createTopics(admin, topics, config.startTimeout());
            }
            for (Workload workload : scenario.workloads()) {
                current = workload;
                for (Measurement m : workload.run(bootstrap, config)) {
                    String row = ResultTable.rowKey(scenario, workload, m.metric());
                    figures.computeIfAbsent(row + "#" + columnIndex, k -> new ArrayList<>())
                            .add(m.value());
                    LOG.info("{} on {}: {}", row, column, String.format(Locale.ROOT, "%.1f", m.value()));
                }
            }
        } catch (Exception | AssertionError e) {
            LOG.error(
                    "{} on {} failed{} (target output: {})",
                    scenario.name(),
                    column,
                    current == null ? " before the workloads" : " in '" + current.name() + "'",
                    logFile,
                    e);
            failures.add(e);
            scenario.workloads()
                    .forEach(w -> w.metrics()
                            .forEach(metric -> table.fail(ResultTable.rowKey(scenario, w, metric), columnIndex)));
            if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException(
                        "Benchmark interrupted (timeout?) during " + scenario.name() + " on " + column);
            }
        }
        if (Files.exists(workDir)) {
            failures.add(new AssertionError("Data directory left behind: " + workDir));
        }
    }
}
