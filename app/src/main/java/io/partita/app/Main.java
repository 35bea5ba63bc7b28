package io.partita.app;

import io.partita.app.client.core.SoftwareVersions;
import java.util.List;
import javafx.application.Application;

/**
 * The jar's entry point. A plain class (not the {@link Application} subclass) so that JavaFX starts from the
 * classpath without the module path's launcher check.
 */
public final class Main {
    /** The app's logging: the console and a rolling file under its data directory. */
    static final String LOGGING = "io/partita/app/logging.xml";

    static final String LOG_DIRECTORY_PROPERTY = "partita.logs";

    private Main() {}

    public static void main(String[] args) {
        if (List.of(args).contains("--version")) {
            // For installers and scripts: say which Partita this is without opening a window.
            System.out.println("Partita " + SoftwareVersions.partita() + " (Java " + System.getProperty("java.version")
                    + ", kafka-clients " + SoftwareVersions.kafkaClients() + ")");
            return;
        }
        // Before the first logger exists. The broker's jar, on the same classpath, brings its own logback.xml
        // (the console only): name the app's, so that the app also keeps a file a user can send with a bug
        // report. A logback.configurationFile given on the command line still wins.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty(
                    LOG_DIRECTORY_PROPERTY,
                    AppFiles.logDirectory(AppFiles.home()).toString());
            System.setProperty("logback.configurationFile", LOGGING);
        }
        Application.launch(PartitaApp.class, args);
    }
}
