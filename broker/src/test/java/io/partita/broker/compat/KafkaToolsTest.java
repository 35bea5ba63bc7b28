package io.partita.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.ConfigCommand;
import org.apache.kafka.tools.ConsoleProducer;
import org.apache.kafka.tools.GetOffsetShell;
import org.apache.kafka.tools.LeaderElectionCommand;
import org.apache.kafka.tools.TopicCommand;
import org.apache.kafka.tools.consumer.ConsoleConsumer;
import org.apache.kafka.tools.reassign.ReassignPartitionsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kafka 4.4's own command-line tools against a Partita node: kafka-topics ({@link TopicCommand}), the console
 * producer and consumer, kafka-get-offsets ({@link GetOffsetShell}), kafka-configs ({@link ConfigCommand}),
 * kafka-reassign-partitions ({@link ReassignPartitionsCommand}) and kafka-leader-election
 * ({@link LeaderElectionCommand}).
 *
 * <p>The tools end with {@code System.exit}, so each runs in a child JVM on this test's classpath, exactly as
 * {@code bin/kafka-*.sh} would run it: {@code java -cp ... <tool class> <args>}. They log through the tests'
 * logback, on stderr ({@code logback-tools.xml}), so stdout holds only what the tool prints. The current option
 * names are used ({@code --reader-property}, {@code --formatter-property}): 4.4 still takes {@code --property} for
 * both, but the console consumer then prints a deprecation notice on stdout.
 *
 * <p>The console consumer also runs as a group member ({@code --group}, {@code --from-beginning} without
 * {@code --partition}); it exits 0 even when it fails, so the tests check what it printed.
 */
@Tag("integration")
class KafkaToolsTest {
    private static final Duration TOOL_DEADLINE = Duration.ofSeconds(30);

    private static TestCluster cluster;
    private static String broker;
    /** The tools' classpath: the test classpath's jars (a class-data archive cannot hold classes from directories). */
    private static String toolClasspath;

    private static Path logbackConfig;
    /**
     * A class-data-sharing archive of the classes the first tool loaded (mostly kafka-clients), which every later
     * tool maps instead of loading and verifying them again: it halves a tool's start-up CPU time.
     */
    private static Path classArchive;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(1, Map.of());
        broker = cluster.bootstrap();
        toolClasspath = Stream.of(testClasspath().split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .collect(Collectors.joining(File.pathSeparator));
        logbackConfig =
                Path.of(KafkaToolsTest.class.getResource("/logback-tools.xml").toURI());
        classArchive = cluster.directory().resolve("kafka-tools.jsa");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void kafkaTopicsCreatesListsDescribesAltersAndDeletesATopic() throws Exception {
        String topic = "tools-topics";
        String created = tool(
                TopicCommand.class,
                "--bootstrap-server",
                broker,
                "--create",
                "--topic",
                topic,
                "--partitions",
                "3",
                "--replication-factor",
                "1",
                "--config",
                "retention.ms=3600000");
        assertThat(created).contains("Created topic " + topic + ".");

        assertThat(tool(TopicCommand.class, "--bootstrap-server", broker, "--list")
                        .lines()
                        .toList())
                .contains(topic);

        String described = tool(TopicCommand.class, "--bootstrap-server", broker, "--describe", "--topic", topic);
        assertThat(described)
                .contains("Topic: " + topic)
                .contains("PartitionCount: 3")
                .contains("ReplicationFactor: 1")
                .contains("Configs: retention.ms=3600000");
        assertThat(partitionLines(described, topic))
                .as("partition lines of:%n%s", described)
                .extracting(line -> line.replaceAll(".*Partition: (\\d+).*", "$1"))
                .containsExactly("0", "1", "2");
        assertThat(partitionLines(described, topic))
                .as("partition lines of:%n%s", described)
                .allSatisfy(line -> assertThat(line)
                        .contains("Leader: 0")
                        .contains("Replicas: 0")
                        .contains("Isr: 0"));

        tool(TopicCommand.class, "--bootstrap-server", broker, "--alter", "--topic", topic, "--partitions", "4");
        String altered = tool(TopicCommand.class, "--bootstrap-server", broker, "--describe", "--topic", topic);
        assertThat(altered).contains("PartitionCount: 4");
        assertThat(partitionLines(altered, topic))
                .as("partition lines of:%n%s", altered)
                .hasSize(4)
                .allSatisfy(line -> assertThat(line).contains("Leader: 0"));

        tool(TopicCommand.class, "--bootstrap-server", broker, "--delete", "--topic", topic);
        try (Admin admin = Clients.admin(broker)) {
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> assertThat(admin.listTopics().names().get()).doesNotContain(topic));
        }
    }

    @Test
    void consoleProducerWritesKeyedLinesThatTheConsoleConsumerReadsBackExactly() throws Exception {
        String topic = "tools-console";
        List<String> expected = produceKeyedLinesWithTheConsoleProducer(topic, 10);

        // An assigned partition (--partition/--offset): the consumer needs no group coordinator.
        Output consumed = run(
                null,
                ConsoleConsumer.class,
                "--bootstrap-server",
                broker,
                "--topic",
                topic,
                "--partition",
                "0",
                "--offset",
                "earliest",
                "--max-messages",
                "10",
                "--timeout-ms",
                "20000",
                "--formatter-property",
                "print.key=true");
        assertThat(consumed.stdout().lines().toList())
                .as("console consumer's stdout; stderr:%n%s", consumed.stderr())
                .containsExactlyElementsOf(expected);
        assertThat(consumed.stderr()).contains("Processed a total of 10 messages");

        assertThat(tool(GetOffsetShell.class, "--bootstrap-server", broker, "--topic", topic, "--time", "-1")
                        .lines()
                        .toList())
                .containsExactly(topic + ":0:10");
    }

    @Test
    void theConsoleConsumerReadsAsAGroupMemberAndCommitsItsPosition() throws Exception {
        String topic = "tools-console-group";
        List<String> expected = produceKeyedLinesWithTheConsoleProducer(topic, 10);

        Output consumed = run(
                null,
                ConsoleConsumer.class,
                "--bootstrap-server",
                broker,
                "--topic",
                topic,
                "--group",
                "console-group",
                "--from-beginning",
                "--max-messages",
                "10",
                "--timeout-ms",
                "20000",
                "--formatter-property",
                "print.key=true");
        assertThat(consumed.stdout().lines().toList())
                .as("console consumer's stdout; stderr:%n%s", consumed.stderr())
                .containsExactlyElementsOf(expected);
        assertThat(consumed.stderr()).contains("Processed a total of 10 messages");
        try (Admin admin = Clients.admin(broker)) {
            assertThat(admin.listConsumerGroupOffsets("console-group")
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .get(new TopicPartition(topic, 0))
                            .offset())
                    .isEqualTo(10);
        }
    }

    /**
     * Creates a one-partition topic and feeds the console producer {@code count} lines "key<i>:value <i>" with
     * parse.key=true and key.separator=":"; returns what the console consumer should print for them with
     * print.key=true ("key<i>", a tab, "value <i>").
     */
    private static List<String> produceKeyedLinesWithTheConsoleProducer(String topic, int count) throws Exception {
        try (Admin admin = Clients.admin(broker)) {
            Clients.createTopic(admin, topic, 1, Map.of());
        }
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            input.append("key").append(i).append(':').append("value ").append(i).append('\n');
            expected.add("key" + i + "\tvalue " + i);
        }
        toolWithInput(
                input.toString(),
                ConsoleProducer.class,
                "--bootstrap-server",
                broker,
                "--topic",
                topic,
                "--reader-property",
                "parse.key=true",
                "--reader-property",
                "key.separator=:");
        return expected;
    }

    @Test
    void getOffsetShellShowsTheEndAndStartOffsetsOfEachPartition() throws Exception {
        String topic = "tools-offsets";
        try (Admin admin = Clients.admin(broker)) {
            Clients.createTopic(admin, topic, 3, Map.of());
        }
        int[] counts = {5, 0, 7};
        try (KafkaProducer<String, String> producer = Clients.producer(broker, Map.of())) {
            for (int p = 0; p < counts.length; p++) {
                for (int i = 0; i < counts[p]; i++) {
                    producer.send(new ProducerRecord<>(topic, p, "k" + i, "v" + i));
                }
            }
            producer.flush();
        }
        assertThat(tool(GetOffsetShell.class, "--bootstrap-server", broker, "--topic", topic, "--time", "-1")
                        .lines()
                        .toList())
                .containsExactly(topic + ":0:5", topic + ":1:0", topic + ":2:7");
        assertThat(tool(GetOffsetShell.class, "--bootstrap-server", broker, "--topic", topic, "--time", "-2")
                        .lines()
                        .toList())
                .containsExactly(topic + ":0:0", topic + ":1:0", topic + ":2:0");
    }

    @Test
    void kafkaConfigsDescribesAndAltersATopicsConfig() throws Exception {
        String topic = "tools-configs";
        try (Admin admin = Clients.admin(broker)) {
            Clients.createTopic(admin, topic, 1, Map.of("retention.ms", "3600000", "cleanup.policy", "compact"));
        }
        String before = tool(
                ConfigCommand.class,
                "--bootstrap-server",
                broker,
                "--entity-type",
                "topics",
                "--entity-name",
                topic,
                "--describe");
        assertThat(before)
                .contains("Dynamic configs for topic " + topic)
                .contains("retention.ms=3600000")
                .contains("cleanup.policy=compact");

        // One IncrementalAlterConfigs request: SET retention.ms, DELETE cleanup.policy (back to its default).
        tool(
                ConfigCommand.class,
                "--bootstrap-server",
                broker,
                "--entity-type",
                "topics",
                "--entity-name",
                topic,
                "--alter",
                "--add-config",
                "retention.ms=7200000",
                "--delete-config",
                "cleanup.policy");
        String after = tool(
                ConfigCommand.class,
                "--bootstrap-server",
                broker,
                "--entity-type",
                "topics",
                "--entity-name",
                topic,
                "--describe");
        assertThat(after)
                .contains("retention.ms=7200000")
                .doesNotContain("retention.ms=3600000")
                .doesNotContain("cleanup.policy");
    }

    /**
     * kafka-reassign-partitions moves a replica and kafka-leader-election makes the new preferred replica leader,
     * on a cluster of three nodes of its own. {@code --verify} runs with {@code --preserve-throttles}: clearing
     * replication throttles alters dynamic broker configs, and a Partita node's configs are static.
     */
    @Test
    void kafkaReassignPartitionsAndKafkaLeaderElectionMoveAReplicaAndItsLeadership() throws Exception {
        try (TestCluster three = TestCluster.start(3, Map.of("auto.leader.rebalance.enable", "false"));
                Admin admin = Clients.admin(three.bootstrap())) {
            String servers = three.bootstrap();
            String topic = "tools-moves";
            admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(0, 1)))))
                    .all()
                    .get();
            await().atMost(TOOL_DEADLINE)
                    .until(() -> admin.describeTopics(List.of(topic))
                                    .allTopicNames()
                                    .get()
                                    .get(topic)
                                    .partitions()
                                    .get(0)
                                    .isr()
                                    .size()
                            == 2);
            Path plan = three.directory().resolve("reassignment.json");
            Files.writeString(
                    plan,
                    "{\"version\":1,\"partitions\":[{\"topic\":\"" + topic
                            + "\",\"partition\":0,\"replicas\":[2,0]}]}");

            assertThat(tool(
                            ReassignPartitionsCommand.class,
                            "--bootstrap-server",
                            servers,
                            "--reassignment-json-file",
                            plan.toString(),
                            "--execute"))
                    .contains("Successfully started partition reassignment");
            await().atMost(TOOL_DEADLINE)
                    .until(() -> admin.listPartitionReassignments()
                            .reassignments()
                            .get()
                            .isEmpty());
            assertThat(tool(
                            ReassignPartitionsCommand.class,
                            "--bootstrap-server",
                            servers,
                            "--reassignment-json-file",
                            plan.toString(),
                            "--verify",
                            "--preserve-throttles"))
                    .contains("Reassignment of partition " + topic + "-0 is completed.");

            assertThat(tool(
                            LeaderElectionCommand.class,
                            "--bootstrap-server",
                            servers,
                            "--election-type",
                            "preferred",
                            "--topic",
                            topic,
                            "--partition",
                            "0"))
                    .contains("Successfully completed leader election (PREFERRED) for partitions " + topic + "-0");
            String described = tool(TopicCommand.class, "--bootstrap-server", servers, "--describe", "--topic", topic);
            assertThat(partitionLines(described, topic))
                    .as("partition lines of:%n%s", described)
                    .singleElement()
                    .satisfies(line -> assertThat(line).contains("Leader: 2").contains("Replicas: 2,0"));
        }
    }

    /** The per-partition lines of kafka-topics --describe: "\tTopic: t\tPartition: 0\tLeader: 0\t...". */
    private static List<String> partitionLines(String described, String topic) {
        return described
                .lines()
                .filter(l -> l.contains("Topic: " + topic) && l.contains("Partition: "))
                .toList();
    }

    private static String tool(Class<?> main, String... args) throws IOException, InterruptedException {
        return toolWithInput(null, main, args);
    }

    /** Runs one tool in a child JVM, feeding it {@code stdin} if given; returns its stdout once it exits with 0. */
    private static String toolWithInput(String stdin, Class<?> main, String... args)
            throws IOException, InterruptedException {
        return run(stdin, main, args).stdout();
    }

    /** What a tool printed: stdout, and its log and messages on stderr. */
    private record Output(String stdout, String stderr) {}

    /** Runs one tool in a child JVM, feeding it {@code stdin} if given; asserts that it exits with 0 in time. */
    private static Output run(String stdin, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                // The JVM's own warnings (class-data sharing's among them) go to stderr, not into the tool's output.
                "-Xlog:disable",
                "-Xlog:all=warning:stderr",
                Files.exists(classArchive)
                        ? "-XX:SharedArchiveFile=" + classArchive
                        : "-XX:ArchiveClassesAtExit=" + classArchive,
                "-Dlogback.configurationFile=" + logbackConfig,
                "-cp",
                toolClasspath,
                main.getName()));
        command.addAll(List.of(args));
        String name = main.getSimpleName() + " " + String.join(" ", args);
        Path out = Files.createTempFile("kafka-tool", ".out");
        Path err = Files.createTempFile("kafka-tool", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            boolean finished = process.waitFor(TOOL_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String stdout = Files.readString(out);
            String stderr = Files.readString(err);
            assertThat(finished)
                    .as("%s finished within %s; stdout:%n%s%nstderr:%n%s", name, TOOL_DEADLINE, stdout, stderr)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("%s exit status; stdout:%n%s%nstderr:%n%s", name, stdout, stderr)
                    .isZero();
            return new Output(stdout, stderr);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * The full test classpath. Under surefire {@code java.class.path} may be a single manifest-only booter jar, so
     * surefire's own {@code surefire.test.class.path} is preferred when present.
     */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
