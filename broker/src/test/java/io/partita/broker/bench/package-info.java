/**
 * Partita next to Apache Kafka 4.4: {@link io.partita.broker.bench.ThroughputBenchmark} starts each
 * system in its own child JVM (same {@code -Xmx}, fresh data directory under {@code target/bench-work},
 * output in {@code target/bench-logs}), drives both with the same kafka-clients workloads from the
 * test JVM, and prints one table: workload | Partita | Kafka | ratio Partita/Kafka.
 *
 * <pre>
 * mvn -B -Pbench -pl broker verify
 * mvn -B -Pbench -pl broker verify -Dbench.targets=kafka            # Kafka only
 * mvn -B -Pbench -pl broker verify -Dbench.targets=kafka,kafka      # harness self-check (ratio ~1)
 * mvn -B -Pbench -pl broker verify -Dbench.records=10_000_000 -Dbench.repeats=5 -Dbench.maxSeconds=120
 * mvn -B -Pbench -pl broker verify -Dtest=ThroughputBenchmark -Dbench.nodes=3   # the 3-node row only
 * </pre>
 *
 * <p>The 3-node row (RF 3, min.insync.replicas=2, acks=all) runs three Kafka JVMs (combined KRaft
 * nodes, a 3-voter quorum) against three Partita node JVMs (a LocalCluster of child JVMs, its
 * ZooKeeper in the driver JVM).
 *
 * <p>Rows come from {@link io.partita.broker.bench.Scenario#all}: a scenario is a cluster shape (node
 * count) plus workloads run in order on one fresh cluster per target. A new row is a new
 * {@link io.partita.broker.bench.Workload} (it declares its topics and metrics) added to a scenario.
 * Systems are {@link io.partita.broker.bench.BenchTarget}s; {@link io.partita.broker.bench.TargetKind}
 * lists them. Knobs: {@link io.partita.broker.bench.BenchConfig}.
 */
package io.partita.broker.bench;
