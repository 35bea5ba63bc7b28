package io.partita.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.local.LocalCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local cluster moves to free ports when something else holds Kafka's. */
@Tag("integration")
class LocalClusterPortsTest {
    @TempDir
    Path dir;

    @Test
    void kafkasPortTakenMeansFreePortsInstead() throws Exception {
        try (ServerSocket holder = holdKafkasPort();
                ClusterGateway gateway = new ClusterGateway(Runnable::run)) {
            String bootstrap = gateway.startLocalCluster(1, dir, null)
                    .get(120, TimeUnit.SECONDS)
                    .bootstrapServers();
            assertThat(bootstrap).startsWith("127.0.0.1:").doesNotEndWith(":" + LocalCluster.DEFAULT_BASE_PORT);
        }
    }

    /** A socket on Kafka's port, or null when another process holds it already (it is taken either way). */
    private static ServerSocket holdKafkasPort() {
        try {
            return new ServerSocket(LocalCluster.DEFAULT_BASE_PORT, 1, InetAddress.getLoopbackAddress());
        } catch (IOException alreadyTaken) {
            return null;
        }
    }
}
