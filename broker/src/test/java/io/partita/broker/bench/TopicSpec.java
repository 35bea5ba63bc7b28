package io.partita.broker.bench;

import java.util.Map;

/** A topic a workload needs; created through the AdminClient before the scenario's workloads run. */
record TopicSpec(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    TopicSpec {
        configs = Map.copyOf(configs);
    }

    /** The same topic shape under another name, for warm-up traffic that must not count. */
    TopicSpec warmup() {
        return new TopicSpec(name + "-warmup", partitions, replicationFactor, configs);
    }

    @Override
    public String toString() {
        return name + "(p=" + partitions + ", rf=" + replicationFactor + (configs.isEmpty() ? "" : ", " + configs)
                + ")";
    }
}
