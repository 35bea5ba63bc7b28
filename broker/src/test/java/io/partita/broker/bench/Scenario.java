package io.partita.broker.bench;

import java.util.ArrayList;
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
     * The benchmark's rows: on 1 node (6 partitions) and on 3 nodes (replication factor 3,
     * min.insync.replicas=2, the production shape), one producer with 100 B and 1 KB records, acks=1 and
     * acks=all; a consumer reading the 100 B data back; end-to-end latency at a fixed moderate rate.
     * {@code -Dbench.nodes=3} runs only the scenarios of that many nodes (a comma-separated list);
     * {@code -Dbench.recordSizes=100} only some record sizes.
     */
    static List<Scenario> all(BenchConfig config) {
        return List.of(
                        scenario("1 node", 1, 1, Map.of(), config),
                        scenario("3 nodes", 3, 3, Map.of("min.insync.replicas", "2"), config))
                .stream()
                .filter(s ->
                        config.nodeCounts().isEmpty() || config.nodeCounts().contains(s.nodes()))
                .toList();
    }

    private static Scenario scenario(String name, int nodes, int rf, Map<String, String> configs, BenchConfig config) {
        List<Workload> workloads = new ArrayList<>();
        TopicSpec consumed = null;
        for (int size : config.recordSizes()) {
            for (String acks : List.of("1", "all")) {
                TopicSpec topic = new TopicSpec("bench-p6-rf" + rf + "-" + size + "b-acks" + acks, 6, rf, configs);
                workloads.add(new ProduceThroughputWorkload(topic, size, acks));
                if (consumed == null) {
                    consumed = topic;
                }
            }
        }
        if (consumed != null) {
            workloads.add(new ConsumeThroughputWorkload(consumed));
        }
        workloads.add(
                new EndToEndLatencyWorkload(new TopicSpec("bench-p6-rf" + rf + "-latency", 6, rf, configs), "all"));
        return new Scenario(name, nodes, workloads);
    }
}
