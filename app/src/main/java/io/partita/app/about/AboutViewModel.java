package io.partita.app.about;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Help → About: the versions of Partita, Java, JavaFX and kafka-clients, and where Partita keeps its data and
 * logs, with a way to open the logs' folder and to copy it all into a bug report.
 */
public final class AboutViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(AboutViewModel.class);

    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Path logDirectory;
    private final Consumer<URI> openFolder;

    /**
     * @param openFolder shows a folder in the desktop's file manager (the application's host services)
     */
    public AboutViewModel(
            String partitaVersion,
            String kafkaClientsVersion,
            Path dataDirectory,
            Path logDirectory,
            Consumer<URI> openFolder) {
        this.logDirectory = logDirectory;
        this.openFolder = openFolder;
        facts.put("Partita", partitaVersion);
        facts.put(
                "Java",
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor", "unknown vendor")
                        + ")");
        facts.put("JavaFX", System.getProperty("javafx.runtime.version", "unknown"));
        facts.put("kafka-clients", kafkaClientsVersion);
        facts.put("Operating system", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        facts.put("Data", dataDirectory.toString());
        facts.put("Logs", logDirectory.toString());
    }

    /** What the dialog lists, in order: name and value. */
    public Map<String, String> facts() {
        return Collections.unmodifiableMap(facts);
    }

    /** The facts as lines of text, for the clipboard. */
    public String asText() {
        return facts.entrySet().stream()
                .map(fact -> fact.getKey() + ": " + fact.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Shows the logs' folder (made first if nothing has been logged there yet, so that it opens). */
    public void openLogFolder() {
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            LOG.warn("Could not create {}: {}", logDirectory, e.toString());
        }
        openFolder.accept(logDirectory.toUri());
    }
}
