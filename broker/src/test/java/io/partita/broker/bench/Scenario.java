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
     * Planned next: 1 KB records with acks=all, end-to-end latency p50/p99/p99.9 at a fixed rate,
     * and 3-node clusters with RF 3 and min.insync.replicas=2.
     */
    static List<Scenario> all(BenchConfig config) {
        TopicSpec p6 = new TopicSpec("bench-p6-rf1", 6, 1, Map.of());
        return List.of(new Scenario("1 node", 1, List.of(
                new ProduceThroughputWorkload(p6, config.recordSize(), "1"),
                new ConsumeThroughputWorkload(p6))));
    }
}
