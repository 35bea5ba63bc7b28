package io.partita.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.OutsidePrograms;
import io.partita.broker.testing.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kcat (librdkafka 2.x, from Debian's packages; .ci/run installs it, and these tests skip, saying so, where it
 * is missing and not required: see {@link OutsidePrograms}) against a Partita node: metadata,
 * keyed produce, consume from the beginning, an absolute and a relative offset, and offsets by time.
 */
@Tag("integration")
class KcatTest {
    private static TestCluster cluster;
    private static String broker;

    @BeforeAll
    static void startCluster() throws Exception {
        OutsidePrograms.require("kcat");
        cluster = TestCluster.start(1, Map.of());
        broker = cluster.bootstrap();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void listsMetadata() throws Exception {
        try (Admin admin = Clients.admin(broker)) {
            Clients.createTopic(admin, "kcat-meta", 3, Map.of());
        }
        String out = kcat(null, "-L", "-t", "kcat-meta");
        assertThat(out)
                .contains("1 brokers:")
                .contains("broker 0 at " + broker)
                .contains("topic \"kcat-meta\" with 3 partitions")
                .contains("partition 0, leader 0, replicas: 0, isrs: 0");
    }

    @Test
    void producesKeyedAndConsumesFromTheBeginningAnAbsoluteAndARelativeOffset() throws Exception {
        try (Admin admin = Clients.admin(broker)) {
            Clients.createTopic(admin, "kcat-data", 1, Map.of());
        }
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            input.append("key").append(i).append(':').append("value").append(i).append('\n');
        }
        kcat(input.toString(), "-P", "-t", "kcat-data", "-p", "0", "-K", ":");

        String all = kcat(null, "-C", "-q", "-t", "kcat-data", "-o", "beginning", "-e", "-f", "%k=%s@%o\\n");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("key" + i + "=value" + i + "@" + i);
        }
        assertThat(all.lines().toList()).containsExactlyElementsOf(expected);

        assertThat(kcat(null, "-C", "-q", "-t", "kcat-data", "-p", "0", "-o", "7", "-e", "-f", "%s@%o\\n")
                        .lines()
                        .toList())
                .containsExactly("value7@7", "value8@8", "value9@9");
        assertThat(kcat(null, "-C", "-q", "-t", "kcat-data", "-p", "0", "-o", "-2", "-e", "-f", "%s@%o\\n")
                        .lines()
                        .toList())
                .containsExactly("value8@8", "value9@9");
    }

    @Test
    void queriesOffsetsByTime() throws Exception {
        try (Admin admin = Clients.admin(broker)) {
            Clients.createTopic(admin, "kcat-time", 1, Map.of());
        }
        long base = 1_700_000_000_000L;
        try (KafkaProducer<String, String> producer = Clients.producer(broker, Map.of())) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("kcat-time", 0, base + i * 1_000L, "k", "v" + i))
                        .get();
            }
        }
        String out = kcat(null, "-Q", "-t", "kcat-time:0:" + (base + 12_500));
        assertThat(out).contains("kcat-time [0] offset 13");
    }

    @Test
    void consumesAsABalancedGroupMember() throws Exception {
        try (Admin admin = Clients.admin(broker)) {
            Clients.createTopic(admin, "kcat-group", 2, Map.of());
        }
        try (KafkaProducer<String, String> producer = Clients.producer(broker, Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("kcat-group", i % 2, "k", "v" + i))
                        .get();
            }
        }
        String out = kcat(null, "-G", "kcat-balanced", "-q", "-o", "beginning", "-e", "-f", "%p:%s\\n", "kcat-group");
        assertThat(out.lines().filter(l -> l.matches("[01]:v\\d")).sorted().toList())
                .as("kcat -G output:%n%s", out)
                .containsExactly("0:v0", "0:v2", "0:v4", "0:v6", "0:v8", "1:v1", "1:v3", "1:v5", "1:v7", "1:v9");
    }

    private static String kcat(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kcat", "-b", broker, "-m", "10"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("kcat", ".out");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("kcat is needed for this test; .ci/run installs it (apt-get install kcat)", e);
        }
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        boolean finished = process.waitFor(30, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String out = Files.readString(output);
        Files.deleteIfExists(output);
        assertThat(finished)
                .as("kcat %s finished in 30 s; output:%n%s", args, out)
                .isTrue();
        assertThat(process.exitValue())
                .as("kcat %s exit status; output:%n%s", args, out)
                .isZero();
        return out;
    }
}
