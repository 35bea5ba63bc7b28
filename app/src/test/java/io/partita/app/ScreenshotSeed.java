package io.partita.app;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.ConnectionProfile;
import io.partita.app.client.core.SecuritySettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.prefs.Preferences;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Prepares the "cluster-map" screenshot (see app/screenshots.sh): starts the local cluster under a Partita home,
 * creates a few topics through the app's own gateway, stops it, and leaves preferences that make the next
 * launch reopen that cluster, exactly as after a user's own session.
 *
 * <p>Run from the packaged app: {@code java -cp 'app/target/partita.jar:app/target/lib/*'
 * app/src/test/java/io/partita/app/ScreenshotSeed.java HOME PREFS_NODE} (or {@code --remove PREFS_NODE}).
 */
public final class ScreenshotSeed {
    private ScreenshotSeed() {}

    private static void produce(String bootstrap, String topic, int records) throws Exception {
        try (var producer = new KafkaProducer<String, String>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    /** JSON payments with a trace header, for the message browser's screenshot. */
    private static void producePayments(String bootstrap, int records) throws Exception {
        String[] currencies = {"EUR", "USD", "GBP"};
        try (var producer = new KafkaProducer<String, String>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                String value = String.format(
                        Locale.ROOT,
                        "{\"payment\": \"pay-%05d\", \"customer\": \"customer-%d\", \"amount\": %d.%02d, "
                                + "\"currency\": \"%s\", \"status\": \"%s\"}",
                        10_000 + i,
                        i % 17,
                        5 + (i * 37) % 400,
                        (i * 13) % 100,
                        currencies[i % 3],
                        i % 11 == 0 ? "refunded" : "captured");
                var record = new ProducerRecord<>("payments", i % 3, "customer-" + (i % 17), value);
                record.headers()
                        .add("trace-id", String.format("%08x", 0x5eed0000 + i).getBytes());
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** A group that has read {@code upTo} records of each partition (fewer on the last, to show some lag). */
    private static void commit(String bootstrap, String group, String topic, int partitions, long upTo) {
        try (var consumer = new KafkaConsumer<String, String>(
                Map.of("bootstrap.servers", bootstrap, "group.id", group, "enable.auto.commit", "false"),
                new StringDeserializer(),
                new StringDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(p == partitions - 1 ? upTo / 2 : upTo));
            }
            consumer.commitSync(offsets);
        }
    }

    /** Saved connections for the welcome screenshot; the last one used (SASL_SSL) fills the form. */
    private static void saveProfiles(AppPreferences prefs) throws Exception {
        var store = prefs.profiles();
        String truststore = "/etc/ssl/kafka/ca-truststore.p12";
        store.save(ConnectionProfile.remote("dev (laptop)", "localhost:9092", SecuritySettings.NONE), false);
        store.save(
                ConnectionProfile.remote(
                        "staging",
                        "kafka-staging.internal:9093",
                        SecuritySettings.tls(truststore, SecuritySettings.StoreType.PKCS12, "")),
                false);
        store.save(
                ConnectionProfile.remote(
                        "production eu-west",
                        "b1.kafka.example.com:9096,b2.kafka.example.com:9096",
                        SecuritySettings.sasl(
                                        SecuritySettings.Protocol.SASL_SSL,
                                        SecuritySettings.SaslMechanism.SCRAM_SHA_512,
                                        "analytics",
                                        "")
                                .withTruststore(truststore, SecuritySettings.StoreType.PKCS12, "")),
                false);
        prefs.saveLastProfileName("production eu-west");
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--remove")) {
            Preferences.userRoot().node(args[1]).removeNode();
            return;
        }
        if (args.length == 3 && args[0].equals("--profiles")) {
            saveProfiles(new AppPreferences(Preferences.userRoot().node(args[1]), Path.of(args[2])));
            return;
        }
        if (args.length == 4 && args[0].equals("--tab")) {
            new AppPreferences(Preferences.userRoot().node(args[1]), Path.of(args[3])).saveLastTab(args[2]);
            return;
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        AppPreferences prefs = new AppPreferences(Preferences.userRoot().node(args[1]), home);
        try (ClusterGateway gateway = new ClusterGateway(Runnable::run)) {
            gateway.startLocalCluster(3, prefs.localClusterDirectory(), null).join();
            gateway.topics().createTopic("orders", 6, (short) 3).join();
            gateway.topics().createTopic("payments", 3, (short) 3).join();
            gateway.topics().createTopic("clicks.eu", 4, (short) 2).join();
            gateway.topics().createTopic("audit-log", 1, (short) 1).join();
            String bootstrap = gateway.connection().bootstrapServers();
            produce(bootstrap, "orders", 600);
            producePayments(bootstrap, 90);
            // Topics tab: one override, shown first (and marked) in the topic's configs.
            gateway.topics()
                    .alterTopicConfigs("orders", Map.of("retention.ms", "86400000"), Set.of())
                    .join();
            commit(bootstrap, "billing", "orders", 6, 70);
            commit(bootstrap, "fraud-check", "payments", 3, 30);
        }
        prefs.saveConnection(ConnectionProfile.local(3));
        prefs.setReopenLastConnection(true);
    }
}
