package io.partita.app.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.Failures;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.StartAt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export to JSON Lines and import back through the gateway, against a real one-node local cluster. */
@Tag("integration")
class ExportImportTest {
    @TempDir
    static Path dir;

    private static ClusterGateway gateway;

    @BeforeAll
    static void aPartitionOfTextBinaryKeylessAndTombstoneRecords() throws Exception {
        gateway = new ClusterGateway(Runnable::run);
        String bootstrap = gateway.startLocalCluster(1, dir.resolve("cluster"), null)
                .get(120, TimeUnit.SECONDS)
                .bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(
                            new NewTopic("src", 1, (short) 1),
                            new NewTopic("dst", 1, (short) 1),
                            new NewTopic("empty", 1, (short) 1),
                            new NewTopic("checked", 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 60; i++) {
                byte[] key = i % 10 == 0 ? null : ("k" + i).getBytes(StandardCharsets.UTF_8);
                byte[] value = i % 7 == 0
                        ? new byte[] {0, (byte) i, (byte) 0xff}
                        : i % 13 == 0
                                ? null
                                : ("{\"n\": " + i + ", \"text\": \"ü€\"}").getBytes(StandardCharsets.UTF_8);
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
        assertThat(gateway.transfer()
                        .exportMessages(all("src"), exported, new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .isEqualTo(60);
        assertThat(gateway.transfer()
                        .importMessages(exported, new ImportPlan("dst", true, true), new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .isEqualTo(new TransferProgress(60, 60));
        Path again = dir.resolve("dst.jsonl");
        assertThat(gateway.transfer()
                        .exportMessages(all("dst"), again, new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .isEqualTo(60);

        // The same records at the same offsets, with the same timestamps, keys, values and headers.
        assertThat(Files.readAllLines(again))
                .containsExactlyElementsOf(Files.readAllLines(exported).stream()
                        .map(line -> line.replace("\"topic\":\"src\"", "\"topic\":\"dst\""))
                        .toList());
        assertThat(Files.readString(exported))
                .contains("\"valueBase64\"")
                .contains("\"key\":null")
                .contains("\"value\":null");
    }

    @Test
    void aBrokenLineOrAMissingTopicSendsNothing() throws Exception {
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(
                broken,
                "{\"topic\":\"x\",\"partition\":0,\"offset\":0,\"timestamp\":1,\"value\":\"ok\"}\n"
                        + "{\"topic\":\"x\",\"partition\":0,\"offset\":1,\"timestamp\":\"soon\"}\n");
        assertThatThrownBy(() -> gateway.transfer()
                        .importMessages(broken, new ImportPlan("dst", false, true), new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .satisfies(
                        e -> assertThat(Failures.describe(e))
                                .isEqualTo(
                                        "broken.jsonl, line 2: \"timestamp\" is missing or not a whole number. Nothing was sent."));
        assertThatThrownBy(() -> gateway.transfer()
                        .importMessages(broken, new ImportPlan("nowhere", false, true), new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .satisfies(e ->
                        assertThat(Failures.describe(e)).isEqualTo("Topic nowhere does not exist. Nothing was sent."));
    }

    /**
     * What the producer would refuse halfway through is refused by the check of the whole file, before the first
     * record goes: a record over max.request.size (on the last line, after records that were fine) and a
     * negative timestamp kept as it is. The topic stays empty.
     */
    @Test
    void aRecordTooLargeToSendOrWithABadTimestampIsRefusedBeforeAnythingIsSent() throws Exception {
        String fine = "{\"topic\":\"x\",\"partition\":0,\"offset\":0,\"timestamp\":1,\"value\":\"ok\"}\n";
        Path tooLarge = dir.resolve("too-large.jsonl");
        Files.writeString(
                tooLarge,
                fine.repeat(3) + "{\"topic\":\"x\",\"partition\":0,\"offset\":3," + "\"timestamp\":1,\"value\":\""
                        + "v".repeat(1_200_000) + "\"}\n");
        assertThatThrownBy(() -> gateway.transfer()
                        .importMessages(
                                tooLarge, new ImportPlan("checked", false, true), new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(Failures.describe(e))
                        .isEqualTo("too-large.jsonl, line 4: the record is 1.1 MiB;"
                                + " the producer sends at most 1 MiB (max.request.size). Nothing was sent."));

        Path badTime = dir.resolve("bad-time.jsonl");
        Files.writeString(badTime, fine + fine.replace("\"timestamp\":1", "\"timestamp\":-5"));
        assertThatThrownBy(() -> gateway.transfer()
                        .importMessages(badTime, new ImportPlan("checked", false, true), new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(Failures.describe(e))
                        .isEqualTo("bad-time.jsonl, line 2: timestamp -5 is not a"
                                + " time: a record's timestamp counts milliseconds from 1970 and is never negative (or import"
                                + " with the time it is sent). Nothing was sent."));
        // With the time it is sent instead, the same file imports.
        assertThat(gateway.transfer()
                        .exportMessages(all("checked"), dir.resolve("checked.jsonl"), new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .as("records sent by the refused imports")
                .isZero();
        assertThat(gateway.transfer()
                        .importMessages(
                                badTime, new ImportPlan("checked", false, false), new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .isEqualTo(new TransferProgress(2, 2));
    }

    @Test
    void aRangeStopsBeforeItsOffsetAndAPartitionTheTargetLacksIsRefused() throws Exception {
        Path part = dir.resolve("part.jsonl");
        List<TransferProgress> heard = new CopyOnWriteArrayList<>();
        assertThat(gateway.transfer()
                        .exportMessages(
                                new ExportPlan("src", List.of(0), new StartAt.Offset(10), new StartAt.Offset(20)),
                                part,
                                new TransferControl(),
                                heard::add)
                        .get(60, TimeUnit.SECONDS))
                .isEqualTo(10);
        assertThat(Files.readAllLines(part)).hasSize(10).first().asString().contains("\"offset\":10,");
        assertThat(heard).first().isEqualTo(new TransferProgress(0, 10));
        assertThat(heard).last().isEqualTo(new TransferProgress(10, 10));

        Path elsewhere = dir.resolve("elsewhere.jsonl");
        Files.writeString(elsewhere, Files.readString(part).replace("\"partition\":0", "\"partition\":3"));
        assertThatThrownBy(() -> gateway.transfer()
                        .importMessages(elsewhere, new ImportPlan("dst", true, true), new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(Failures.describe(e))
                        .isEqualTo("elsewhere.jsonl, line 1: partition 3, but dst"
                                + " has 1 partition (let the key decide, or add partitions). Nothing was sent."));
    }

    @Test
    void aCancelledExportLeavesTheFileAsItWasAndNoPartialFile() throws Exception {
        Path target = dir.resolve("kept.jsonl");
        Files.writeString(target, "before\n");
        TransferControl control = new TransferControl();
        control.cancel();
        assertThatThrownBy(() -> gateway.transfer()
                        .exportMessages(all("src"), target, control, p -> {})
                        .get(60, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(CancellationException.class);
        List<Message> selected = List.of(new Message("src", 0, 1, 2, null, new byte[] {1}, List.of()));
        assertThatThrownBy(() -> gateway.transfer()
                        .exportMessages(selected, target, control, p -> {})
                        .get(60, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(CancellationException.class);
        assertThat(Files.readString(target)).isEqualTo("before\n");
        assertThat(dir.resolve("kept.jsonl.partial")).doesNotExist();

        // An import cancelled before its first record sends none (and says so: 0 of the 60 in the file).
        Path full = dir.resolve("full.jsonl");
        gateway.transfer()
                .exportMessages(all("src"), full, new TransferControl(), p -> {})
                .get(60, TimeUnit.SECONDS);
        TransferControl stopImport = new TransferControl();
        stopImport.cancel();
        assertThat(gateway.transfer()
                        .importMessages(full, new ImportPlan("empty", true, true), stopImport, p -> {})
                        .get(60, TimeUnit.SECONDS))
                .isEqualTo(new TransferProgress(0, 60));
        Path back = dir.resolve("empty.jsonl");
        assertThat(gateway.transfer()
                        .exportMessages(all("empty"), back, new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .isZero();

        assertThatThrownBy(() -> gateway.transfer()
                        .exportMessages(all("src"), dir.resolve("no/such/folder.jsonl"), new TransferControl(), p -> {})
                        .get(60, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(Failures.describe(e)).startsWith("There is no folder "));
    }

    private static ExportPlan all(String topic) {
        return new ExportPlan(topic, List.of(0), new StartAt.Earliest(), new StartAt.Latest());
    }
}
