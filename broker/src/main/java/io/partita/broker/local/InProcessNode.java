package io.partita.broker.local;

import io.partita.broker.config.BrokerConfig;
import io.partita.broker.server.BrokerNode;
import java.util.Map;
import org.apache.kafka.common.utils.Time;

/** A node inside the current JVM: fastest to start, used by the app and most tests. */
final class InProcessNode implements LocalNode {
    private final int id;
    private final int port;
    private final Map<String, String> properties;
    private final Time time;
    private volatile BrokerNode node;

    InProcessNode(int id, int port, Map<String, String> properties, Time time) {
        this.id = id;
        this.time = time;
        this.port = port;
        this.properties = properties;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean isRunning() {
        return node != null;
    }

    @Override
    public synchronized void start() throws Exception {
        if (node != null) {
            return;
        }
        BrokerNode fresh = new BrokerNode(new BrokerConfig(properties), time);
        fresh.start();
        node = fresh;
    }

    @Override
    public synchronized void stop() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    /**
     * In one JVM there is no SIGKILL; closing without a controlled shutdown is the nearest thing (the cluster
     * learns of it only when the registration goes). The data directory stays consistent either
     * way because every commit is already in the OS page cache. Tests of real crashes use child JVMs.
     */
    @Override
    public synchronized void kill() {
        if (node != null) {
            node.closeWithoutControlledShutdown();
            node = null;
        }
    }

    BrokerNode broker() {
        return node;
    }

    /** See {@link LocalCluster#expireSession(int)}. */
    synchronized void expireZooKeeperSession() throws Exception {
        if (node == null) {
            throw new IllegalStateException("node " + id + " is not running");
        }
        node.expireZooKeeperSessionForTesting();
    }
}
