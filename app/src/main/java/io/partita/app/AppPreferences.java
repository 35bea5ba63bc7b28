package io.partita.app;

import io.partita.app.client.core.ConnectionProfile;
import io.partita.app.client.core.ProfileStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Partita remembers between runs (java.util.prefs): the window's bounds and the last connection.
 *
 * <p>System properties: {@code partita.home} (default {@code ~/.partita}) holds Partita's files, the local
 * cluster under {@code clusters/local}; {@code partita.prefs} names the preferences node (default
 * {@code io/partita/app}), so tests and experiments never touch a user's settings.
 */
public final class AppPreferences {
    private static final Logger LOG = LoggerFactory.getLogger(AppPreferences.class);

    public static final String PREFS_PROPERTY = "partita.prefs";
    public static final String DEFAULT_NODE = "io/partita/app";

    private static final String WINDOW_X = "window.x";
    private static final String WINDOW_Y = "window.y";
    private static final String WINDOW_WIDTH = "window.width";
    private static final String WINDOW_HEIGHT = "window.height";
    private static final String WINDOW_MAXIMIZED = "window.maximized";
    private static final String CONNECTION_KIND = "connection.kind";
    private static final String CONNECTION_NODES = "connection.nodes";
    private static final String CONNECTION_BOOTSTRAP = "connection.bootstrap";
    private static final String CONNECTION_REOPEN = "connection.reopen";
    private static final String LAST_TAB = "workspace.tab";
    private static final String DARK_THEME = "appearance.dark";

    private final Preferences prefs;
    private final Path home;

    public AppPreferences(Preferences prefs, Path home) {
        this.prefs = prefs;
        this.home = home;
    }

    /** The preferences and home directory chosen by the system properties. */
    public static AppPreferences fromSystemProperties() {
        String node = System.getProperty(PREFS_PROPERTY, DEFAULT_NODE);
        return new AppPreferences(Preferences.userRoot().node(node), AppFiles.home());
    }

    public Path home() {
        return home;
    }

    /** The app's log files (see {@link Main}). */
    public Path logDirectory() {
        return AppFiles.logDirectory(home);
    }

    /** Where the local cluster keeps its data, across restarts. */
    public Path localClusterDirectory() {
        return home.resolve("clusters").resolve("local");
    }

    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {}

    public Optional<WindowBounds> windowBounds() {
        double w = prefs.getDouble(WINDOW_WIDTH, -1);
        double h = prefs.getDouble(WINDOW_HEIGHT, -1);
        if (w <= 0 || h <= 0) {
            return Optional.empty();
        }
        return Optional.of(new WindowBounds(
                prefs.getDouble(WINDOW_X, 0),
                prefs.getDouble(WINDOW_Y, 0),
                w,
                h,
                prefs.getBoolean(WINDOW_MAXIMIZED, false)));
    }

    public void saveWindowBounds(WindowBounds b) {
        prefs.putDouble(WINDOW_X, b.x());
        prefs.putDouble(WINDOW_Y, b.y());
        prefs.putDouble(WINDOW_WIDTH, b.width());
        prefs.putDouble(WINDOW_HEIGHT, b.height());
        prefs.putBoolean(WINDOW_MAXIMIZED, b.maximized());
        flush();
    }

    /** The last connection made, whether or not it should be reopened. */
    public Optional<ConnectionProfile> lastConnection() {
        String kind = prefs.get(CONNECTION_KIND, null);
        try {
            if ("LOCAL".equals(kind)) {
                return Optional.of(ConnectionProfile.local(Math.max(1, prefs.getInt(CONNECTION_NODES, 1))));
            }
            if ("REMOTE".equals(kind)) {
                return Optional.of(ConnectionProfile.remote(prefs.get(CONNECTION_BOOTSTRAP, "")));
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a damaged saved connection: {}", e.getMessage());
        }
        return Optional.empty();
    }

    /** True when the app was quit while connected: the next launch reopens that connection. */
    public boolean reopenLastConnection() {
        return prefs.getBoolean(CONNECTION_REOPEN, false);
    }

    public void saveConnection(ConnectionProfile profile) {
        prefs.put(CONNECTION_KIND, profile.kind().name());
        if (profile.isLocal()) {
            prefs.putInt(CONNECTION_NODES, profile.nodes());
        } else {
            prefs.put(CONNECTION_BOOTSTRAP, profile.bootstrapServers());
        }
        flush();
    }

    public void setReopenLastConnection(boolean reopen) {
        prefs.putBoolean(CONNECTION_REOPEN, reopen);
        flush();
    }

    /** The workspace tab shown last ("map", "topics", "groups"); the map at first. */
    public String lastTab() {
        return prefs.get(LAST_TAB, "map");
    }

    public void saveLastTab(String tab) {
        prefs.put(LAST_TAB, tab);
        flush();
    }

    /** Whether the window uses the dark theme; light at first. */
    public boolean darkTheme() {
        return prefs.getBoolean(DARK_THEME, false);
    }

    public void saveDarkTheme(boolean dark) {
        prefs.putBoolean(DARK_THEME, dark);
        flush();
    }

    /** The bootstrap servers typed last time, even if the last connection was a local cluster. */
    public String lastBootstrapServers() {
        return prefs.get(CONNECTION_BOOTSTRAP, "");
    }

    // ---- Saved connection profiles (issue 6, item 1) ----
    private static final String CONNECTION_PROFILE = "connection.profile";

    /** Saved connections: settings in a "profiles" node beside these, remembered passwords in an owner-only file. */
    public ProfileStore profiles() {
        return new ProfileStore(prefs.node("profiles"), home.resolve("credentials.properties"));
    }

    /** The saved profile the last connection was made with, or "" (a local cluster, an unnamed address). */
    public String lastProfileName() {
        return prefs.get(CONNECTION_PROFILE, "");
    }

    public void saveLastProfileName(String name) {
        prefs.put(CONNECTION_PROFILE, name == null ? "" : name);
        flush();
    }
    // ---- end of saved connection profiles ----

    // ---- Export and import (issue 7) ----
    private static final String FILE_FOLDER = "files.folder";

    /** The folder an export or import file was last chosen in, for the next Browse…; "" for none yet. */
    public String fileFolder() {
        return prefs.get(FILE_FOLDER, "");
    }

    public void saveFileFolder(String folder) {
        prefs.put(FILE_FOLDER, folder == null ? "" : folder);
        flush();
    }
    // ---- end of export and import ----

    private void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            LOG.warn("Could not save preferences: {}", e.getMessage());
        }
    }
}
