package io.partita.app;

import io.partita.app.connection.ClusterGateway;
import io.partita.app.connection.ConnectionProfile;
import java.nio.file.Path;
import java.util.prefs.Preferences;

/**
 * Prepares the "cluster-map" screenshot (see app/screenshots.sh): starts the local cluster under a Partita home,
 * creates a few topics through the app's own gateway, stops it, and leaves preferences that make the next
 * launch reopen that cluster, exactly as after a user's own session.
 *
 * <p>Run from the packaged app: {@code java -cp 'app/target/partita.jar:app/target/lib/*'
 * app/src/test/java/io/partita/app/ScreenshotSeed.java HOME PREFS_NODE} (or {@code --remove PREFS_NODE}).
 */
public final class ScreenshotSeed {
    private ScreenshotSeed() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--remove")) {
            Preferences.userRoot().node(args[1]).removeNode();
            return;
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        AppPreferences prefs = new AppPreferences(Preferences.userRoot().node(args[1]), home);
        try (ClusterGateway gateway = new ClusterGateway(Runnable::run)) {
            gateway.startLocalCluster(3, prefs.localClusterDirectory(), null).join();
            gateway.createTopic("orders", 6, (short) 3).join();
            gateway.createTopic("payments", 3, (short) 3).join();
            gateway.createTopic("clicks.eu", 4, (short) 2).join();
            gateway.createTopic("audit-log", 1, (short) 1).join();
        }
        prefs.saveConnection(ConnectionProfile.local(3));
        prefs.setReopenLastConnection(true);
    }
}
