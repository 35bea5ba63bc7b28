package io.partita.broker.bench;

import java.util.List;
import java.util.Map;

/**
 * A cluster shape and the workloads run on it, in order. Every target gets a fresh cluster of
 * {@code nodes} nodes per scenario.
 */
record Scenario(String name, int nodes, List<Workload> workloads) {

    Scenario {
        workloads = List.copyOf(workloads);
    }

    /**
     * The benchmark's rows. Add a scenario (or a workload to one) here; the table follows.
     * {@code -Dbench.nodes=3} runs only the scenarios of that many nodes (a comma-separated list).
     * Planned next: 1 KB records with acks=all, end-to-end latency p50/p99/p99.9 at a fixed rate.
     */
    static List<Scenario> all(BenchConfig config) {
        TopicSpec p6 = new TopicSpec("bench-p6-rf1", 6, 1, Map.of());
        // The production shape: every record on three nodes, acknowledged once two of them have it.
        TopicSpec p6rf3 = new TopicSpec("bench-p6-rf3", 6, 3, Map.of("min.insync.replicas", "2"));
        return List.of(
                new Scenario("1 node", 1, List.of(
                        new ProduceThroughputWorkload(p6, config.recordSize(), "1"),
                        new ConsumeThroughputWorkload(p6))),
                new Scenario("3 nodes", 3, List.of(
                        new ProduceThroughputWorkload(p6rf3, config.recordSize(), "all"))))
                .stream()
                .filter(s -> config.nodeCounts().isEmpty() || config.nodeCounts().contains(s.nodes()))
                .toList();
    }
}
