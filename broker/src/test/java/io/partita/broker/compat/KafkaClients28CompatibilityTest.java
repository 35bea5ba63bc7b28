package io.partita.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The oldest client a node must serve, kafka-clients 2.8.2, against a Partita node: its producer (acks=1, and
 * acks=all idempotent; uncompressed, lz4, zstd, snappy), its consumer (assign + seek from the beginning,
 * offsetsForTimes, seekToEnd / position, beginning and end offsets) and its admin client (createTopics with
 * configs, listTopics, describeTopics, describeConfigs, incrementalAlterConfigs, createPartitions, deleteRecords,
 * listOffsets, describeCluster, describeLogDirs, deleteTopics).
 *
 * <p>Two kafka-clients cannot share a classpath, so the old client runs in a child JVM whose classpath is only
 * kafka-clients 2.8.2 and the dependencies its pom declares (Maven copies them to
 * {@code target/compat/kafka-clients-2.8}); the driver is the single-file source program
 * {@code src/test/resources/compat/KafkaClients28Driver.java}, run once for the whole class. It prints
 * {@code RESULT key=value} lines, checked here, and {@code FAIL step: trace} for a step that threw.
 */
@Tag("integration")
class KafkaClients28CompatibilityTest {
    private static final Duration DRIVER_DEADLINE = Duration.ofSeconds(90);
    private static final String FROM_NEW_CLIENT = "compat28-from-new";
    private static final int FROM_NEW_CLIENT_COUNT = 20;
    private static final int PER_PARTITION = 60;
    private static final long BASE_TIME = 1_600_000_000_000L;

    private static TestCluster cluster;
    private static String output;
    private static int exitStatus;
    private static final Map<String, String> results = new LinkedHashMap<>();

    @BeforeAll
    static void runTheOldClient() throws Exception {
        cluster = TestCluster.start(1, Map.of());
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            Clients.createTopic(admin, FROM_NEW_CLIENT, 1, Map.of());
        }
        try (KafkaProducer<String, String> producer =
                Clients.producer(cluster.bootstrap(), Map.<String, Object>of("compression.type", "gzip"))) {
            for (int i = 0; i < FROM_NEW_CLIENT_COUNT; i++) {
                producer.send(new ProducerRecord<>(FROM_NEW_CLIENT, 0, "k" + i, "from-4.4-" + i));
            }
            producer.flush();
        }

        Path driver = Path.of(resource("compat/KafkaClients28Driver.java").toURI());
        // target/test-classes/compat/KafkaClients28Driver.java -> target/compat/kafka-clients-2.8
        Path jars = driver.getParent().getParent().getParent().resolve("compat").resolve("kafka-clients-2.8");
        List<String> classpath = new ArrayList<>();
        try (Stream<Path> files = Files.list(jars)) {
            files.filter(f -> f.toString().endsWith(".jar"))
                    .map(Path::toString)
                    .sorted()
                    .forEach(classpath::add);
        }
        assertThat(classpath)
                .as("jars in %s (maven-dependency-plugin copies them in generate-test-resources)", jars)
                .anyMatch(j -> j.contains("kafka-clients-2.8."));

        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient=error",
                "-cp",
                String.join(File.pathSeparator, classpath),
                driver.toString(),
                cluster.bootstrap(),
                FROM_NEW_CLIENT,
                String.valueOf(FROM_NEW_CLIENT_COUNT));
        // Kept after the run, for a look at what the old client said.
        Path log = jars.getParent().resolve("kafka-clients-2.8-driver.out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        boolean finished;
        try {
            finished = process.waitFor(DRIVER_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        process.waitFor(10, TimeUnit.SECONDS);
        output = Files.readString(log);
        assertThat(finished)
                .as("the kafka-clients 2.8 driver finished within %s; output:%n%s", DRIVER_DEADLINE, output)
                .isTrue();
        exitStatus = process.exitValue();
        for (String line : output.lines().toList()) {
            if (line.startsWith("RESULT ")) {
                int eq = line.indexOf('=');
                results.put(line.substring("RESULT ".length(), eq), line.substring(eq + 1));
            }
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static URL resource(String name) {
        URL url = KafkaClients28CompatibilityTest.class.getClassLoader().getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        return url;
    }

    private static String result(String key) {
        assertThat(results).as("driver output:%n%s", output).containsKey(key);
        return results.get(key);
    }

    @Test
    void everyStepOfTheOldClientSucceeds() {
        assertThat(output).as("driver output").doesNotContain("FAIL ");
        assertThat(exitStatus).as("driver exit status; output:%n%s", output).isZero();
        assertThat(result("client.version")).isEqualTo("2.8.2");
    }

    @Test
    void aGroupMemberOfTheOldClientJoinsCommitsAndFetchesItsOffsets() {
        assertThat(result("group.consumed")).isEqualTo(String.valueOf(FROM_NEW_CLIENT_COUNT));
        assertThat(result("group.assignment")).isEqualTo("[" + FROM_NEW_CLIENT + "-0]");
        assertThat(result("group.committed")).isEqualTo(String.valueOf(FROM_NEW_CLIENT_COUNT));
        assertThat(result("group.state")).isEqualTo("Stable");
        assertThat(result("group.adminOffsets")).isEqualTo(String.valueOf(FROM_NEW_CLIENT_COUNT));
    }

    @Test
    void adminClientManagesTopics() {
        assertThat(result("describeCluster.controller")).isEqualTo("0");
        assertThat(result("describeCluster.nodes")).isEqualTo("0@" + cluster.bootstrap());
        assertThat(result("describeCluster.clusterId")).isNotBlank().isNotEqualTo("null");

        assertThat(result("createTopics.numPartitions")).isEqualTo("4");
        assertThat(result("createTopics.replicationFactor")).isEqualTo("1");
        assertThat(result("createTopics.topicIdSet")).isEqualTo("true");
        assertThat(result("createTopics.config.retention.ms")).isEqualTo("3600000");
        assertThat(result("createTopics.config.max.message.bytes")).isEqualTo("500000");
        assertThat(result("createTopics.duplicate")).isEqualTo("TopicExistsException");
        assertThat(result("createTopics.badConfig")).isEqualTo("InvalidConfigurationException");
        assertThat(result("createTopics.tooManyReplicas")).isEqualTo("InvalidReplicationFactorException");
        assertThat(result("listTopics").split(","))
                .contains("compat28-data", "compat28-grown", "compat28-doomed", FROM_NEW_CLIENT);
        assertThat(result("describeTopics.partitions")).isEqualTo("4");
        assertThat(result("describeTopics.internal")).isEqualTo("false");
        assertThat(result("describeTopics.leaders")).isEqualTo("0:0:0:0,1:0:0:0,2:0:0:0,3:0:0:0");

        assertThat(result("createPartitions.partitions")).isEqualTo("3");
        assertThat(result("createPartitions.shrink")).isEqualTo("InvalidPartitionsException");
        assertThat(result("describeLogDirs.dirs")).isEqualTo("1");
        assertThat(results).doesNotContainKey("describeLogDirs.error");
        assertThat(result("describeLogDirs.data1")).isEqualTo("size>0,future=false");
        assertThat(result("describeLogDirs.grownPartitions")).isEqualTo("3");
        assertThat(result("deleteTopics.gone")).isEqualTo("true");
        assertThat(result("deleteTopics.unknown")).isEqualTo("UnknownTopicOrPartitionException");
    }

    @Test
    void adminClientDescribesAndAltersConfigs() {
        assertThat(result("describeConfigs.topic.retention.ms")).isEqualTo("3600000:DYNAMIC_TOPIC_CONFIG");
        assertThat(result("describeConfigs.topic.max.message.bytes")).isEqualTo("1048588:DEFAULT_CONFIG");
        assertThat(result("describeConfigs.broker.message.max.bytes")).isEqualTo("1048588");
        assertThat(result("describeConfigs.broker.entries")).isEqualTo("true");
        assertThat(result("describeConfigs.unknownTopic")).isEqualTo("UnknownTopicOrPartitionException");
        assertThat(result("incrementalAlterConfigs.retention.ms")).isEqualTo("7200000:DYNAMIC_TOPIC_CONFIG");
        assertThat(result("incrementalAlterConfigs.cleanup.policy")).isEqualTo("delete:DEFAULT_CONFIG");
        assertThat(result("incrementalAlterConfigs.invalid")).isEqualTo("InvalidConfigurationException");
    }

    @Test
    void producerWritesWithEveryAcksAndCompression() {
        for (String mode : List.of("acks1.none", "acksAll.idempotent.lz4", "acksAll.idempotent.zstd", "acks1.snappy")) {
            assertThat(result("produce." + mode + ".offsets")).as(mode).isEqualTo("0.." + (PER_PARTITION - 1));
            assertThat(result("produce." + mode + ".timestamp")).as(mode).isEqualTo(String.valueOf(BASE_TIME + 5_000));
        }
    }

    @Test
    void consumerReadsFromTheBeginningByTimeAndAtTheEnd() {
        assertThat(result("consume.fromBeginning.count")).isEqualTo(String.valueOf(4 * PER_PARTITION));
        for (int p = 0; p < 4; p++) {
            assertThat(result("consume.fromBeginning.partition" + p)).isEqualTo(PER_PARTITION + " intact");
        }
        assertThat(result("consume.fromNewClient")).isEqualTo(FROM_NEW_CLIENT_COUNT + " intact");
        assertThat(result("consume.offsetsForTimes.p1")).isEqualTo("51@" + (BASE_TIME + 51_000));
        assertThat(result("consume.offsetsForTimes.p2")).isEqualTo("null");
        assertThat(result("consume.offsetsForTimes.readFrom")).isEqualTo("51:k51 count " + (PER_PARTITION - 51));
        assertThat(result("consume.seekToEnd.position")).isEqualTo(PER_PARTITION + "," + PER_PARTITION);
        assertThat(result("consume.seekToEnd.endOffsets")).isEqualTo(PER_PARTITION + "," + PER_PARTITION);
        assertThat(result("consume.seekToEnd.beginningOffsets")).isEqualTo("0,0");
        assertThat(result("consume.seekToEnd.pollAtEnd")).isEqualTo("0");
    }

    @Test
    void listOffsetsAndDeleteRecords() {
        assertThat(result("listOffsets.earliest")).isEqualTo("0,0");
        assertThat(result("listOffsets.latest")).isEqualTo(PER_PARTITION + "," + PER_PARTITION);
        assertThat(result("listOffsets.forTimestamp")).isEqualTo("21@" + (BASE_TIME + 21_000));
        assertThat(result("deleteRecords.lowWatermark")).isEqualTo("10");
        assertThat(result("deleteRecords.earliest")).isEqualTo("10");
        assertThat(result("deleteRecords.consumer.position")).isEqualTo("10");
        assertThat(result("deleteRecords.consumer.firstOffset")).isEqualTo("10");
        assertThat(result("deleteRecords.consumer.count")).isEqualTo(String.valueOf(PER_PARTITION - 10));
        assertThat(result("deleteRecords.beyondEnd")).isEqualTo("OffsetOutOfRangeException");
        assertThat(result("deleteRecords.outOfRange.firstOffset")).isEqualTo("10");
    }

    /** What the old producer wrote (compressed by lz4, zstd, snappy) reads back intact with the pinned client. */
    @Test
    void theNewClientReadsWhatTheOldOneWrote() {
        List<TopicPartition> partitions = List.of(
                new TopicPartition("compat28-data", 1),
                new TopicPartition("compat28-data", 2),
                new TopicPartition("compat28-data", 3));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < 3 * PER_PARTITION && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(3 * PER_PARTITION);
        assertThat(records).allSatisfy(r -> {
            int i = (int) r.offset();
            assertThat(r.key()).isEqualTo("k" + i);
            assertThat(r.value()).isEqualTo(("value-" + r.partition() + "-" + i + " ").repeat(1 + i % 7));
            assertThat(r.timestamp()).isEqualTo(BASE_TIME + i * 1_000L);
            assertThat(new String(r.headers().lastHeader("h").value())).isEqualTo("p" + r.partition());
        });
    }
}
