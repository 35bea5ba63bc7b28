package io.partita.app;

import java.nio.file.Path;

/**
 * Where Partita keeps its files: {@code partita.home} (default {@code ~/.partita}), its logs in {@code logs}
 * below it. No logger here: {@link Main} asks for the log directory before logging starts.
 */
public final class AppFiles {
    public static final String HOME_PROPERTY = "partita.home";

    private AppFiles() {}

    public static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        Path dir =
                home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".partita") : Path.of(home);
        return dir.toAbsolutePath();
    }

    /** The app's rolling log files, to send with a bug report. */
    public static Path logDirectory(Path home) {
        return home.resolve("logs");
    }
}
