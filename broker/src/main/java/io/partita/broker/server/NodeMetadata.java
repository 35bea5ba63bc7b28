package io.partita.broker.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.apache.kafka.common.errors.InconsistentClusterIdException;

/**
 * Kafka's {@code meta.properties}: which cluster and which node a data directory belongs to. A node refuses to
 * start on a directory of another cluster: otherwise a node pointed at an empty or wrong ZooKeeper would take
 * every topic it holds for deleted and remove it.
 */
final class NodeMetadata {
    static final String FILE = "meta.properties";

    private NodeMetadata() {}

    static void checkOrWrite(Path dataDir, String clusterId, int brokerId) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            Properties stored = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                stored.load(in);
            }
            String storedCluster = stored.getProperty("cluster.id");
            if (!clusterId.equals(storedCluster)) {
                throw new InconsistentClusterIdException("The data in " + dataDir + " belongs to cluster "
                        + storedCluster + ", but ZooKeeper holds cluster " + clusterId
                        + ": is zookeeper.connect (or its chroot) right?");
            }
            String storedBroker = stored.getProperty("broker.id");
            if (!Integer.toString(brokerId).equals(storedBroker)) {
                throw new IllegalStateException(
                        "The data in " + dataDir + " belongs to broker.id " + storedBroker + ", not " + brokerId);
            }
            return;
        }
        Files.createDirectories(dataDir);
        Properties fresh = new Properties();
        fresh.setProperty("version", "0");
        fresh.setProperty("cluster.id", clusterId);
        fresh.setProperty("broker.id", Integer.toString(brokerId));
        Path temporary = dataDir.resolve(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            fresh.store(out, "Written by Partita; do not edit");
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
