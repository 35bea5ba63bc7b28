package io.partita.app.groups;

import io.partita.app.AppPreferences;
import io.partita.app.client.core.ConnectionProfile;
import io.partita.broker.local.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.prefs.Preferences;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Keeps a cluster busy for the "groups" screenshot (see app/screenshots.sh): live members only exist while
 * consumers run, so this runs a three-node cluster on fixed ports with a producer and two slow consumers of
 * group "billing" (and an idle group "fraud-check"), leaves preferences that make Partita connect to it on the
 * groups tab, prints "ready" and runs until killed.
 *
 * <p>{@code java -cp 'app/target/partita.jar:app/target/lib/*' <this file> HOME PREFS_NODE}
 */
public final class GroupsScreenshotSeed {
    private static final int BASE_PORT = 29092;

    private GroupsScreenshotSeed() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        AppPreferences prefs = new AppPreferences(Preferences.userRoot().node(args[1]), home);
        LocalCluster cluster = new LocalCluster(
                        LocalCluster.Settings.of(3, home.resolve("groups-seed")).withBasePort(BASE_PORT))
                .start();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.set(false);
            threads.forEach(t -> joinQuietly(t));
            cluster.close();
        }));
        String bootstrap = cluster.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(
                            new NewTopic("orders", 4, (short) 3),
                            new NewTopic("payments", 3, (short) 3),
                            new NewTopic("refunds", 1, (short) 3)))
                    .all()
                    .get();
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                for (int i = 0; i < 400; i++) {
                    producer.send(new ProducerRecord<>("orders", i % 4, "key-" + i, "value-" + i));
                    producer.send(new ProducerRecord<>("payments", i % 3, "key-" + i, "value-" + i));
                }
            }
            // Retention has removed the head of one partition: its axis starts past 0.
            admin.deleteRecords(Map.of(new TopicPartition("orders", 3), RecordsToDelete.beforeOffset(30)))
                    .all()
                    .get();
            try (KafkaConsumer<String, String> idle = consumer(bootstrap, "fraud-check", "fraud-1")) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (int p = 0; p < 3; p++) {
                    offsets.put(new TopicPartition("payments", p), new OffsetAndMetadata(p == 2 ? 133 : 60 + 30 * p));
                }
                idle.commitSync(offsets);
            }
        }
        threads.add(start("producer", () -> {
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                for (int i = 0; running.get(); i++) {
                    producer.send(new ProducerRecord<>("orders", "live-" + i, "value-" + i));
                    sleep(i % 40 == 39 ? 5_000 : 5); // bursts of 40, so the lag line moves
                }
            }
        }));
        for (String client : List.of("billing-eu-1", "billing-eu-2")) {
            threads.add(start(client, () -> {
                try (KafkaConsumer<String, String> consumer = consumer(bootstrap, "billing", client)) {
                    consumer.subscribe(List.of("orders", "refunds"));
                    while (running.get()) {
                        // Commit only where records were read: "refunds" stays empty, so it shows "no commit".
                        Map<TopicPartition, OffsetAndMetadata> read = new HashMap<>();
                        consumer.poll(Duration.ofMillis(200))
                                .forEach(r -> read.put(
                                        new TopicPartition(r.topic(), r.partition()),
                                        new OffsetAndMetadata(r.offset() + 1)));
                        if (!read.isEmpty()) {
                            consumer.commitSync(read);
                        }
                        sleep(500); // slower than the producer's bursts: some lag to see
                    }
                }
            }));
        }
        prefs.saveConnection(ConnectionProfile.remote(bootstrap));
        prefs.setReopenLastConnection(true);
        prefs.saveLastTab("groups");
        System.out.println("ready " + bootstrap);
        System.out.flush();
        Thread.currentThread().join();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all"), new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String group, String client) {
        return new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        bootstrap,
                        "group.id",
                        group,
                        "client.id",
                        client,
                        "enable.auto.commit",
                        "false",
                        "auto.offset.reset",
                        "earliest",
                        "max.poll.records",
                        "2"),
                new StringDeserializer(),
                new StringDeserializer());
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.start();
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
