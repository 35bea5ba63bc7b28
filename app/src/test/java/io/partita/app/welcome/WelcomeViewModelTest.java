package io.partita.app.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.Connection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class WelcomeViewModelTest {
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);
    private final List<Connection> connected = new ArrayList<>();
    private final WelcomeViewModel model = new WelcomeViewModel(gateway, Path.of("/tmp/partita-test"), connected::add);

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void connectNeedsBootstrapServers() {
        assertThat(model.canConnectProperty().get()).isFalse();
        assertThat(model.connect().join()).isFalse();
        assertThat(model.errorProperty().get()).contains("Enter the bootstrap servers");
        model.bootstrapServersProperty().set("localhost:9092");
        assertThat(model.canConnectProperty().get()).isTrue();
    }

    @Test
    void checksTheBootstrapListBeforeConnecting() {
        assertThat(WelcomeViewModel.bootstrapProblem("localhost:9092")).isEmpty();
        assertThat(WelcomeViewModel.bootstrapProblem(" a:1, b.example.com:9093 ,[::1]:9094"))
                .isEmpty();
        assertThat(WelcomeViewModel.bootstrapProblem("localhost"))
                .isEqualTo("\"localhost\" is not host:port. Bootstrap servers look like localhost:9092, "
                        + "several separated by commas.");
        assertThat(WelcomeViewModel.bootstrapProblem("a:1,b:x")).startsWith("\"b:x\" is not host:port.");
        assertThat(WelcomeViewModel.bootstrapProblem("a:70000")).isNotEmpty();
        assertThat(WelcomeViewModel.bootstrapProblem("my host:9092")).isNotEmpty();

        model.bootstrapServersProperty().set("localhost");
        assertThat(model.connect().join()).isFalse();
        assertThat(model.errorProperty().get()).startsWith("\"localhost\" is not host:port.");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aFailedConnectionExplainsItselfAndLeavesTheScreenUsable() {
        // Well-formed, but the name cannot be resolved: the client refuses it at once.
        model.bootstrapServersProperty().set("no-such-host.invalid:9092");
        assertThat(model.connect().join()).isFalse();
        assertThat(model.errorProperty().get())
                .startsWith("Could not connect to no-such-host.invalid:9092: ")
                .doesNotContain("KafkaAdminClient");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isEmpty();
        assertThat(connected).isEmpty();
        assertThat(model.canConnectProperty().get()).isTrue();
    }

    @Test
    void localClusterDefaultsToThreeNodes() {
        assertThat(model.nodeCountProperty().get()).isEqualTo(3);
    }
}
