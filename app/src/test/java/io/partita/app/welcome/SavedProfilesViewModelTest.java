package io.partita.app.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.Connection;
import io.partita.app.client.core.ConnectionProfile;
import io.partita.app.client.core.ProfileStore;
import io.partita.app.client.core.SecuritySettings.Protocol;
import io.partita.app.client.core.SecuritySettings.SaslMechanism;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The welcome screen's saved connections, without a cluster: save, list, fill the form, ask for a password, delete. */
@Tag("integration")
class SavedProfilesViewModelTest {
    @TempDir
    Path home;

    private final Preferences node = Preferences.userRoot().node("io/partita/test/" + UUID.randomUUID());
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);
    private final List<Connection> connected = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        gateway.close();
        node.removeNode();
    }

    private WelcomeViewModel model() {
        return new WelcomeViewModel(
                gateway,
                home.resolve("local"),
                connected::add,
                new ProfileStore(node, home.resolve("credentials.properties")));
    }

    private static void fill(ConnectForm form, String name, String password) {
        form.nameProperty().set(name);
        form.bootstrapServersProperty().set("kafka.example.com:9096");
        form.protocolProperty().set(Protocol.SASL_SSL);
        form.saslMechanismProperty().set(SaslMechanism.SCRAM_SHA_512);
        form.usernameProperty().set("analytics");
        form.passwordProperty().set(password);
    }

    @Test
    void savingNeedsANameAndThenListsTheConnectionAtOnce() {
        WelcomeViewModel model = model();
        fill(model.form(), "", "pw");
        assertThat(model.saveProfile()).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("Enter a name for this connection to save it.");

        model.form().nameProperty().set("prod");
        assertThat(model.saveProfile()).isTrue();
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.infoProperty().get()).isEqualTo("Saved \"prod\"; passwords are asked for when you connect.");
        assertThat(model.savedProfiles()).extracting(ConnectionProfile::name).containsExactly("prod");
        // A new screen (a relaunch) lists it too.
        assertThat(model().savedProfiles()).extracting(ConnectionProfile::name).containsExactly("prod");
    }

    @Test
    void aSavedConnectionWithoutItsPasswordAsksForIt() {
        WelcomeViewModel model = model();
        fill(model.form(), "prod", "pw");
        model.saveProfile();

        WelcomeViewModel next = model();
        ConnectionProfile saved = next.savedProfiles().get(0);
        assertThat(next.connectTo(saved).join()).isFalse();
        assertThat(next.errorProperty().get()).isEqualTo("Enter the password for analytics.");
        assertThat(next.passwordNeededProperty().get()).isTrue();
        assertThat(next.form().bootstrapServersProperty().get()).isEqualTo("kafka.example.com:9096");
        assertThat(next.form().protocolProperty().get()).isEqualTo(Protocol.SASL_SSL);
        assertThat(connected).isEmpty();
    }

    @Test
    void rememberedPasswordsFillTheFormAndDeletingForgetsTheConnection() {
        WelcomeViewModel model = model();
        fill(model.form(), "prod", "pw");
        model.form().rememberPasswordsProperty().set(true);
        model.saveProfile();
        assertThat(model.infoProperty().get())
                .startsWith("Saved \"prod\" with its passwords, in ")
                .endsWith("(readable only by you).");

        WelcomeViewModel next = model();
        next.edit(next.savedProfiles().get(0));
        assertThat(next.form().passwordProperty().get()).isEqualTo("pw");
        assertThat(next.form().rememberPasswordsProperty().get()).isTrue();

        next.deleteProfile(next.savedProfiles().get(0));
        assertThat(next.savedProfiles()).isEmpty();
        assertThat(next.infoProperty().get()).isEqualTo("Deleted \"prod\".");
        assertThat(model().savedProfiles()).isEmpty();
    }

    @Test
    void aTestThatWaitsCanBeCancelledAndTheScreenIsFreeAtOnce() throws Exception {
        // A port that accepts connections and never answers, as a listener of the wrong protocol does.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            WelcomeViewModel model = model();
            model.form().bootstrapServersProperty().set("127.0.0.1:" + silent.getLocalPort());
            CompletableFuture<Boolean> test = model.testConnection();
            assertThat(model.testingProperty().get()).isTrue();
            assertThat(model.busyProperty().get()).isTrue();
            assertThat(model.progressProperty().get()).startsWith("Testing the connection to 127.0.0.1:");

            model.cancelTest();
            assertThat(model.testingProperty().get()).isFalse();
            assertThat(model.busyProperty().get()).isFalse();
            assertThat(model.infoProperty().get()).isEqualTo("Test cancelled.");
            assertThat(test.isDone()).isTrue();
            assertThat(model.errorProperty().get()).isEmpty();
        }
    }

    @Test
    void testConnectionChecksTheFormFirst() {
        WelcomeViewModel model = model();
        fill(model.form(), "", "");
        model.form().bootstrapServersProperty().set("no port");
        assertThat(model.testConnection().join()).isFalse();
        assertThat(model.errorProperty().get()).startsWith("\"no port\" is not host:port.");
        model.form().bootstrapServersProperty().set("kafka.example.com:9096");
        assertThat(model.testConnection().join()).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("Enter the password for analytics.");
        assertThat(model.busyProperty().get()).isFalse();
    }
}
