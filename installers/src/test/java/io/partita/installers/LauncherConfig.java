package io.partita.installers;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a jpackage launcher starts its JVM with, read from its {@code .cfg} file ({@code app.classpath=} entries
 * with {@code $APPDIR} for its folder, {@code java-options=} entries), so a test can start a JVM as it would.
 */
record LauncherConfig(List<String> javaOptions, String classPath) {
    static LauncherConfig read(Path cfg, Path installDir) throws IOException {
        String appDir = installDir.resolve("lib/app").toString();
        List<String> options = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String line : Files.readAllLines(cfg)) {
            if (line.startsWith("java-options=")) {
                options.add(line.substring("java-options=".length()).replace("$APPDIR", appDir));
            } else if (line.startsWith("app.classpath=")) {
                classPath.add(line.substring("app.classpath=".length()).replace("$APPDIR", appDir));
            }
        }
        return new LauncherConfig(List.copyOf(options), String.join(File.pathSeparator, classPath));
    }
}
