package io.partita.broker.local;

/** One node of a {@link LocalCluster}, running in this JVM or as a child JVM. */
public interface LocalNode {

    int id();

    /** The node's Kafka port on 127.0.0.1; fixed for the node's life so restarts keep their address. */
    int port();

    boolean isRunning();

    void start() throws Exception;

    /**
     * Controlled stop: hands its leaderships over (controlled.shutdown.enable), leaves the cluster and closes
     * the store cleanly.
     */
    void stop();

    /** Abrupt stop: a child JVM gets SIGKILL (kill -9); an in-process node drops everything without a goodbye. */
    void kill();
}
