package io.partita.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.common.Fx;
import io.partita.app.messages.StartAt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export to JSON Lines and import back through the gateway, against a real one-node local cluster. */
class ExportImportTest {
    @TempDir
    static Path dir;
    private static ClusterGateway gateway;

    @BeforeAll
    static void aPartitionOfTextBinaryKeylessAndTombstoneRecords() throws Exception {
        gateway = new ClusterGateway(Runnable::run);
        String bootstrap = gateway.startLocalCluster(1, dir.resolve("cluster"), null).get(120, TimeUnit.SECONDS)
                .bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("src", 1, (short) 1), new NewTopic("dst", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 60; i++) {
                byte[] key = i % 10 == 0 ? null : ("k" + i).getBytes(StandardCharsets.UTF_8);
                byte[] value = i % 7 == 0 ? new byte[] {0, (byte) i, (byte) 0xff}
                        : i % 13 == 0 ? null : ("{\"n\": " + i + ", \"text\": \"ü€\"}").getBytes(StandardCharsets.UTF_8);
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>("src", 0, 1_700_000_000_000L + i, key, value);
                r.headers().add("n", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                if (i % 3 == 0) {
                    r.headers().add("bin", new byte[] {1, 2, (byte) i});
                }
                producer.send(r);
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void exportAndImportRoundTripEqual() throws Exception {
        Path exported = dir.resolve("src.jsonl");
        assertThat(gateway.exportMessages("src", 0, new StartAt.Earliest(), Long.MAX_VALUE, exported, n -> { })
                .get(60, TimeUnit.SECONDS)).isEqualTo(60);
        assertThat(gateway.importMessages(exported, "dst", true, n -> { }).get(60, TimeUnit.SECONDS)).isEqualTo(60);
        Path again = dir.resolve("dst.jsonl");
        assertThat(gateway.exportMessages("dst", 0, new StartAt.Earliest(), Long.MAX_VALUE, again, n -> { })
                .get(60, TimeUnit.SECONDS)).isEqualTo(60);

        // The same records at the same offsets, with the same timestamps, keys, values and headers.
        assertThat(Files.readAllLines(again)).containsExactlyElementsOf(Files.readAllLines(exported).stream()
                .map(line -> line.replace("\"topic\":\"src\"", "\"topic\":\"dst\"")).toList());
        assertThat(Files.readString(exported)).contains("\"valueBase64\"").contains("\"key\":null")
                .contains("\"value\":null");
    }

    @Test
    void aBrokenLineOrAMissingTopicSendsNothing() throws Exception {
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "{\"topic\":\"x\",\"partition\":0,\"offset\":0,\"timestamp\":1,\"value\":\"ok\"}\n"
                + "{\"topic\":\"x\",\"partition\":0,\"offset\":1,\"timestamp\":\"soon\"}\n");
        assertThatThrownBy(() -> gateway.importMessages(broken, "dst", false, n -> { }).get(60, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(Fx.describe(e)).isEqualTo(
                        "broken.jsonl, line 2: \"timestamp\" is missing or not a whole number. Nothing was sent."));
        assertThatThrownBy(() -> gateway.importMessages(broken, "nowhere", false, n -> { }).get(60, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(Fx.describe(e)).isEqualTo("Topic nowhere does not exist. Nothing was sent."));
    }
}
