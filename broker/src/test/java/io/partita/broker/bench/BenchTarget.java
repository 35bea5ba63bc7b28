package io.partita.broker.bench;

/**
 * A system under test: a cluster of one or more nodes that speaks the Kafka protocol, started
 * fresh (empty data directory) for one scenario and stopped after it.
 *
 * <p>{@link #close()} must stop every process the target started, also when {@link #start()}
 * failed half-way, and delete its data directory.
 */
public interface BenchTarget extends AutoCloseable {

    /** Short label for the results table, e.g. "Kafka" or "Partita". */
    String label();

    /**
     * Starts the cluster and returns once it answers an AdminClient {@code describeCluster} with
     * all its nodes (or throws when the start-up deadline passes).
     *
     * @return the bootstrap servers, {@code host:port[,host:port...]}
     */
    String start() throws Exception;

    /** Stops every process of this target (whole process tree) and deletes its data. */
    @Override
    void close();
}
