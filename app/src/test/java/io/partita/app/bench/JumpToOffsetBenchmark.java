package io.partita.app.bench;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.records.MessagePage;
import io.partita.app.client.records.StartAt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures for the README (not a test): the message browser's jump to an offset in a partition of 10 million
 * records — the time from asking the gateway for a page of 100 at a random offset to having it, as the browser
 * does (its table then shows the page; the FX side of that is a list swap).
 *
 * <pre>mvn -B -Pbench -pl app -am verify -Dtest=JumpToOffsetBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dbench.jump.records=10000000]</pre>
 */
@Tag("bench")
class JumpToOffsetBenchmark {
    private static final int JUMPS = 200;
    private static final int WARM_UP = 50;

    @Test
    void jumpToAnOffsetInATenMillionRecordPartition() throws Exception {
        long records = Long.getLong("bench.jump.records", 10_000_000L);
        Path dir = Files.createTempDirectory("partita-bench-jump-");
        try (ClusterGateway gateway = new ClusterGateway(Runnable::run)) {
            String bootstrap = gateway.startLocalCluster(1, dir, null)
                    .get(120, TimeUnit.SECONDS)
                    .bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("big", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            long fillStart = System.nanoTime();
            fill(bootstrap, records);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

            Random random = new Random(7);
            long[] nanos = new long[JUMPS];
            for (int i = -WARM_UP; i < JUMPS; i++) {
                long offset = (long) (random.nextDouble() * (records - 100));
                long t0 = System.nanoTime();
                MessagePage page = gateway.browse()
                        .readMessages("big", 0, new StartAt.Offset(offset), 100)
                        .get(30, TimeUnit.SECONDS);
                long took = System.nanoTime() - t0;
                if (page.messages().size() != 100 || page.messages().get(0).offset() != offset) {
                    throw new AssertionError(
                            "a jump to " + offset + " read " + page.messages().size() + " records from "
                                    + (page.messages().isEmpty()
                                            ? "nothing"
                                            : page.messages().get(0).offset()));
                }
                if (i >= 0) {
                    nanos[i] = took;
                }
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "%nJump to an offset in a partition of %,d records (filled in %.0f s), a page of 100, "
                            + "%d jumps after %d to warm up: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n%n",
                    records,
                    fillSeconds,
                    JUMPS,
                    WARM_UP,
                    nanos[JUMPS / 2] / 1e6,
                    nanos[JUMPS * 99 / 100] / 1e6,
                    nanos[JUMPS - 1] / 1e6);
        }
    }

    private static void fill(String bootstrap, long records) throws Exception {
        byte[] value = new byte[100];
        new Random(1).nextBytes(value);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "1",
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        262_144,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("big", 0, null, value));
            }
            producer.flush();
        }
    }
}
