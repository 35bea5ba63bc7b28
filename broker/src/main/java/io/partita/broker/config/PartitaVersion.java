package io.partita.broker.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of Partita this code was built as: the Maven project's, written into a resource by the build. */
public final class PartitaVersion {
    private static final String RESOURCE = "partita-version.properties";
    private static final String VERSION = read();

    private PartitaVersion() {}

    /** For example {@code 0.1.0}, or {@code 0.1.0-SNAPSHOT} for a development build. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = PartitaVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
