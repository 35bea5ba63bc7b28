package io.partita.broker.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Writes the commented {@code server.properties} of the broker's distribution, as Kafka's sample file is: every
 * property the node knows, its documentation, type and default, commented out at its default. It is made from
 * {@link BrokerConfigDef} at build time, so the file cannot drift from what the node reads. The few a node
 * needs set (which node, where it listens and keeps data, which ZooKeeper) are set to a working single-node
 * example.
 */
public final class SampleConfigWriter {
    private static final int WIDTH = 100;

    /** The example values a node started from the file uses, in their order at the top of the file. */
    private static final Map<String, String> EXAMPLE = example();

    private SampleConfigWriter() {}

    /** Build-time entry point: {@code SampleConfigWriter OUTPUT_FILE}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SampleConfigWriter OUTPUT_FILE");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, sample(BrokerConfig.configDef()));
    }

    /** The file's text for the given definitions. */
    static String sample(ConfigDef def) {
        StringBuilder text = new StringBuilder();
        text.append(banner("Partita broker " + PartitaVersion.get() + ": a node's properties"));
        comment(
                text,
                "Start a node with this file: bin/partita-broker node --config config/server.properties."
                        + " The names, defaults and meanings are Apache Kafka's. The properties below the first"
                        + " section are commented out at their defaults; uncomment one to change it. A property"
                        + " Partita does not know is logged and ignored, as Kafka does.");
        text.append('\n').append(banner("What every node sets"));
        EXAMPLE.forEach((name, value) -> {
            describe(text, def.configKeys().get(name));
            text.append(name).append('=').append(value).append("\n\n");
        });
        text.append(banner("Everything else, at its default"));
        for (ConfigKey key : def.configKeys().values()) {
            if (EXAMPLE.containsKey(key.name)) {
                continue;
            }
            describe(text, key);
            text.append('#')
                    .append(key.name)
                    .append('=')
                    .append(defaultOf(key).orElse(""))
                    .append("\n\n");
        }
        return text.toString();
    }

    private static Map<String, String> example() {
        Map<String, String> example = new LinkedHashMap<>();
        example.put(BrokerConfig.BROKER_ID, "0");
        example.put(BrokerConfig.LISTENERS, "PLAINTEXT://:9092");
        example.put(BrokerConfig.LOG_DIRS, "/var/lib/partita/data");
        example.put(BrokerConfig.ZOOKEEPER_CONNECT, "localhost:2181");
        return Collections.unmodifiableMap(example);
    }

    private static void describe(StringBuilder text, ConfigKey key) {
        comment(text, key.documentation);
        StringBuilder facts = new StringBuilder("Type: ").append(key.type.name().toLowerCase());
        facts.append("; default: ").append(defaultOf(key).orElse("none"));
        if (key.validator != null) {
            facts.append("; valid values: ").append(key.validator);
        }
        facts.append("; importance: ").append(key.importance.name().toLowerCase());
        comment(text, facts.toString());
    }

    private static Optional<String> defaultOf(ConfigKey key) {
        return key.hasDefault() && key.defaultValue != null
                ? Optional.of(ConfigDef.convertToString(key.defaultValue, key.type))
                : Optional.empty();
    }

    private static String banner(String title) {
        String line = "#".repeat(WIDTH);
        return line + "\n# " + title + "\n" + line + "\n\n";
    }

    /** Wraps {@code prose} into comment lines of at most {@link #WIDTH} characters. */
    private static void comment(StringBuilder text, String prose) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder("#");
        for (String word : prose.strip().split("\\s+")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > 1) {
                lines.add(line.toString());
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        lines.add(line.toString());
        lines.forEach(l -> text.append(l).append('\n'));
    }
}
