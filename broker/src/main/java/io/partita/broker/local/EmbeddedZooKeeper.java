package io.partita.broker.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single ZooKeeper server in this JVM, through ZooKeeper's own embedded API. It is built with
 * {@link ExitHandler#LOG_ONLY}: the default handler calls System.exit on a failed start, which would take the
 * app or the test JVM down with it.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

    private final ZooKeeperServerEmbedded server;
    private final String connectString;

    private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, String connectString) {
        this.server = server;
        this.connectString = connectString;
    }

    /**
     * @param tickTimeMs ZooKeeper's tick: sessions may be as short as 2 ticks and at most 20
     */
    public static EmbeddedZooKeeper start(Path baseDir, int port, int tickTimeMs, long startTimeoutMs)
            throws Exception {
        Files.createDirectories(baseDir);
        Properties properties = new Properties();
        properties.setProperty("clientPort", Integer.toString(port));
        properties.setProperty("clientPortAddress", "127.0.0.1");
        properties.setProperty("tickTime", Integer.toString(tickTimeMs));
        properties.setProperty("maxSessionTimeout", Integer.toString(Math.max(40_000, tickTimeMs * 20)));
        properties.setProperty("initLimit", "10");
        properties.setProperty("syncLimit", "5");
        properties.setProperty("admin.enableServer", "false");
        properties.setProperty("maxClientCnxns", "0");
        properties.setProperty("autopurge.purgeInterval", "1");
        properties.setProperty("autopurge.snapRetainCount", "3");
        ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
                .baseDir(baseDir)
                .configuration(properties)
                .exitHandler(ExitHandler.LOG_ONLY)
                .build();
        try {
            server.start(startTimeoutMs);
        } catch (Exception e) {
            server.close();
            throw new IOException("ZooKeeper did not start on port " + port + ": " + e.getMessage(), e);
        }
        String connect = server.getConnectionString();
        LOG.info("Embedded ZooKeeper listening at {}", connect);
        return new EmbeddedZooKeeper(server, connect);
    }

    public String connectString() {
        return connectString;
    }

    @Override
    public void close() {
        server.close();
    }
}
