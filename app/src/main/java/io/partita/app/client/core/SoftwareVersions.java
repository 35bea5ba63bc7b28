package io.partita.app.client.core;

import io.partita.broker.config.PartitaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The versions of what the app is built on, for Help → About and bug reports. */
public final class SoftwareVersions {
    /** Where kafka-clients records its own version (its public parser is internal since Kafka 4). */
    private static final String KAFKA_VERSION_RESOURCE = "/kafka/kafka-version.properties";

    private SoftwareVersions() {}

    /** Partita's own version (the app and its broker are built together). */
    public static String partita() {
        return PartitaVersion.get();
    }

    /** The kafka-clients library the app talks to clusters with. */
    public static String kafkaClients() {
        try (InputStream in = KafkaProducer.class.getResourceAsStream(KAFKA_VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
