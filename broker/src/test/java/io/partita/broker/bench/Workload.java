package io.partita.broker.bench;

import java.util.List;

/**
 * One row group of the results table: a client-side workload run against a started target.
 * Workloads of a scenario run in order on the same cluster, so a later one may read what an
 * earlier one wrote.
 */
interface Workload {

    /** Row label prefix, stable across targets (it is the table's row key together with the metric). */
    String name();

    /** The metrics {@link #run} returns, in order, e.g. "records/s" (so failed cells still get their row). */
    List<String> metrics();

    /** Topics this workload needs; created by the runner before the scenario's first workload. */
    List<TopicSpec> topics();

    /** Warms up (unmeasured), then measures. */
    List<Measurement> run(String bootstrap, BenchConfig config) throws Exception;
}
