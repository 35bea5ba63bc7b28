package io.partita.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.records.JsonLines;
import io.partita.app.client.records.Message;
import io.partita.app.client.transfer.ImportPlan;
import io.partita.app.client.transfer.TransferControl;
import io.partita.app.client.transfer.TransferProgress;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures for the README (not a test): importing a 1 GiB JSON Lines file through the app's import on a heap far
 * smaller than the file (run it with a small {@code -Xmx}: the import streams the file twice and keeps at most a
 * window of records in flight), and how long its check and send take.
 *
 * <pre>mvn -B -Pbench -pl app -am verify -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dtest.jvmArgs=-Xmx256m</pre>
 */
@Tag("bench")
class ImportBenchmark {
    private static final long FILE_BYTES = 1L << 30;
    private static final int PARTITIONS = 6;
    private static final String TOPIC = "imported";

    @TempDir
    Path dir;

    @Test
    void aOneGibibyteFileImportsOnASmallHeap() throws Exception {
        Path file = dir.resolve("big.jsonl");
        long records = writeFile(file);
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(
                "%nImport of %s: %,d bytes, %,d records of ~1 KB, heap at most %d MiB%n",
                file.getFileName(), Files.size(file), records, maxHeap >> 20);
        assertThat(maxHeap).as("run with a heap smaller than the file").isLessThan(Files.size(file) / 2);

        ClusterGateway gateway = new ClusterGateway(Runnable::run);
        try {
            String bootstrap = gateway.startLocalCluster(1, dir.resolve("cluster"), line -> {})
                    .get(2, TimeUnit.MINUTES)
                    .bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                        .all()
                        .get(1, TimeUnit.MINUTES);
                long gcBefore = gcMillis();
                long t0 = System.nanoTime();
                long[] checked = {0};
                TransferProgress done = gateway.transfer()
                        .importMessages(file, new ImportPlan(TOPIC, true, true), new TransferControl(), p -> {
                            if (checked[0] == 0 && p.about() > 0) {
                                checked[0] = System.nanoTime();
                            }
                        })
                        .get(30, TimeUnit.MINUTES);
                long t1 = System.nanoTime();
                assertThat(done).isEqualTo(new TransferProgress(records, records));
                assertThat(endOffsets(admin)).isEqualTo(records);
                double seconds = (t1 - t0) / 1e9;
                System.out.printf(
                        "  imported all %,d records in %.1f s (check pass %.1f s, send pass %.1f s), %.0f MB/s of"
                                + " file, GC time %.1f s; every record in the topic%n%n",
                        records,
                        seconds,
                        (checked[0] - t0) / 1e9,
                        (t1 - checked[0]) / 1e9,
                        FILE_BYTES / 1e6 / seconds,
                        (gcMillis() - gcBefore) / 1e3);
            }
        } finally {
            gateway.close();
        }
    }

    /** About 1 GiB of ~1 KB text records, keys and partitions spread, with a header each. */
    private static long writeFile(Path file) throws Exception {
        String body = "{\"order\":%d,\"note\":\"" + "lorem ipsum ".repeat(80) + "\"}";
        long records = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            while (written < FILE_BYTES) {
                Message m = new Message(
                        TOPIC,
                        (int) (records % PARTITIONS),
                        records,
                        1_700_000_000_000L + records,
                        ("customer-" + records % 1000).getBytes(StandardCharsets.UTF_8),
                        String.format(body, records).getBytes(StandardCharsets.UTF_8),
                        List.of(new Message.Header("source", "bench".getBytes(StandardCharsets.UTF_8))));
                String line = JsonLines.write(m);
                out.write(line);
                out.write('\n');
                written += line.length() + 1;
                records++;
            }
        }
        return records;
    }

    private static long endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get(1, TimeUnit.MINUTES).values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime()))
                .sum();
    }
}
