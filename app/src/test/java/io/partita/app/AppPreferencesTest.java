package io.partita.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.core.ConnectionProfile;
import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppPreferencesTest {
    private final Preferences node = Preferences.userRoot().node("io/partita/test/" + UUID.randomUUID());
    private final AppPreferences prefs = new AppPreferences(node, Path.of("/tmp/ph"));

    @AfterEach
    void remove() throws Exception {
        node.removeNode();
    }

    @Test
    void remembersWindowAndConnection() {
        assertThat(prefs.windowBounds()).isEmpty();
        assertThat(prefs.lastConnection()).isEmpty();
        assertThat(prefs.reopenLastConnection()).isFalse();

        prefs.saveWindowBounds(new AppPreferences.WindowBounds(10, 20, 800, 600, false));
        prefs.saveConnection(ConnectionProfile.remote("broker-1:9092"));
        prefs.saveConnection(ConnectionProfile.local(3));
        prefs.setReopenLastConnection(true);

        AppPreferences again = new AppPreferences(node, Path.of("/tmp/ph"));
        assertThat(again.windowBounds()).contains(new AppPreferences.WindowBounds(10, 20, 800, 600, false));
        assertThat(again.lastConnection()).contains(ConnectionProfile.local(3));
        assertThat(again.lastBootstrapServers()).isEqualTo("broker-1:9092");
        assertThat(again.reopenLastConnection()).isTrue();
    }

    @Test
    void localClusterLivesUnderPartitaHome() {
        assertThat(prefs.localClusterDirectory()).isEqualTo(Path.of("/tmp/ph/clusters/local"));
    }
}
