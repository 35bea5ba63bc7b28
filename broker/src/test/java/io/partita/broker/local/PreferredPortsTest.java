package io.partita.broker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local cluster takes the ports it prefers only while all of them are free. */
@Tag("integration")
class PreferredPortsTest {
    private static final Path DIR = Path.of("unused");

    @Test
    void freePortsAreTakenAsPreferred() {
        int first = threeFreePortsInARow();
        assertThat(LocalCluster.Settings.of(3, DIR).withPreferredBasePort(first).basePort())
                .isEqualTo(first);
    }

    @Test
    void oneTakenPortSendsTheWholeClusterToFreePorts() throws Exception {
        int first = threeFreePortsInARow();
        try (ServerSocket taken = new ServerSocket(first + 2, 1, InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.allFree(first, 3)).isFalse();
            assertThat(LocalCluster.Settings.of(3, DIR)
                            .withPreferredBasePort(first)
                            .basePort())
                    .isZero();
            // Fewer nodes stop short of the taken port.
            assertThat(LocalCluster.Settings.of(2, DIR)
                            .withPreferredBasePort(first)
                            .basePort())
                    .isEqualTo(first);
        }
    }

    @Test
    void aPortTakenAfterTheCheckSendsTheClusterToFreePorts(@TempDir Path dir) throws Exception {
        int first = threeFreePortsInARow();
        LocalCluster.Settings settings = LocalCluster.Settings.of(1, dir).withPreferredBasePort(first);
        assertThat(settings.basePort()).isEqualTo(first);
        try (ServerSocket takenMeanwhile = new ServerSocket(first, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new LocalCluster(settings).start()).isInstanceOf(BindException.class);
            try (LocalCluster cluster = LocalCluster.startFallingBackToFreePorts(settings)) {
                assertThat(cluster.bootstrapServers()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:" + first);
                assertThat(cluster.nodes()).hasSize(1);
            }
        }
    }

    /**
     * A free port picked for a node may be given to an outgoing connection before the node binds it (seen on CI,
     * in a cluster restarted several times): the node takes another free port instead of failing the start.
     */
    @Test
    void aFreePortTakenBeforeItsNodeBindsItIsReplaced(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            boolean[] handedOut = {false};
            IntSupplier takenFirst = () -> {
                if (!handedOut[0]) {
                    handedOut[0] = true;
                    return taken.getLocalPort();
                }
                return FreePorts.pick();
            };
            try (LocalCluster cluster = new LocalCluster(LocalCluster.Settings.of(2, dir), takenFirst).start()) {
                assertThat(handedOut[0]).isTrue();
                assertThat(cluster.nodes()).hasSize(2).allMatch(LocalNode::isRunning);
                assertThat(cluster.node(0).port()).isNotEqualTo(taken.getLocalPort());
            }
        }
    }

    @Test
    void portsPastTheLastOneAreNeverFree() {
        assertThat(FreePorts.allFree(65_535, 2)).isFalse();
        assertThat(FreePorts.allFree(0, 1)).isFalse();
    }

    private static int threeFreePortsInARow() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = FreePorts.pick();
            if (FreePorts.allFree(first, 3)) {
                return first;
            }
        }
        throw new AssertionError("no three free loopback ports in a row in 100 tries");
    }
}
