package io.partita.app.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.Connection;
import io.partita.broker.local.LocalCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second Partita that would start the local cluster while another one runs it (here another owner in this JVM;
 * BrokerMainTest refuses a second process) says so and offers to connect to the running cluster instead.
 */
@Tag("integration")
class LocalClusterInUseTest {
    @TempDir
    Path dir;

    @Test
    void startingALocalClusterThatRunsElsewhereOffersToConnectToIt() throws Exception {
        List<Connection> connected = new ArrayList<>();
        try (LocalCluster running = new LocalCluster(LocalCluster.Settings.of(1, dir)).start();
                ClusterGateway gateway = new ClusterGateway(Runnable::run)) {
            WelcomeViewModel model = new WelcomeViewModel(gateway, dir, connected::add);
            model.nodeCountProperty().set(1);

            assertThat(model.startLocalCluster().get(60, TimeUnit.SECONDS)).isFalse();
            assertThat(model.noticeProperty().get())
                    .isEqualTo("The local cluster in " + dir
                            + " is already running in another Partita, at " + running.bootstrapServers()
                            + ". Connect to it here, or close it there and start it again.");
            assertThat(model.errorProperty().get()).as("not an error: a choice").isEmpty();
            assertThat(model.runningElsewhereProperty().get()).isEqualTo(running.bootstrapServers());
            assertThat(model.busyProperty().get()).isFalse();

            assertThat(model.connectToRunningLocalCluster().get(60, TimeUnit.SECONDS))
                    .isTrue();
            assertThat(connected)
                    .singleElement()
                    .satisfies(c -> assertThat(c.bootstrapServers()).isEqualTo(running.bootstrapServers()));
            assertThat(model.runningElsewhereProperty().get()).isEmpty();
            assertThat(model.noticeProperty().get()).isEmpty();
            assertThat(gateway.cluster().controlsNodes())
                    .as("the nodes belong to the other Partita")
                    .isFalse();
        }
    }
}
