package io.partita.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.config.PartitaVersion;
import io.partita.broker.local.FreePorts;
import io.partita.broker.testing.Clients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's command line, run as a user would: a child JVM, its output and its exit status. */
@Tag("integration")
class BrokerMainTest {
    /**
     * The product's logging (logback.xml, INFO) instead of the tests' (WARN), so that a failure's message shows
     * what the nodes did: elections, log recovery, fetches.
     */
    private static final List<String> PRODUCT_LOGGING = List.of("-Dlogback.configurationFile=logback.xml");

    @Test
    void helpDescribesBothSubcommands() throws Exception {
        Result result = run(List.of("--help"), Duration.ofSeconds(30));
        assertThat(result.exitCode).isZero();
        assertThat(result.output).contains("local").contains("node");
    }

    @Test
    void versionIsTheProjects() throws Exception {
        for (List<String> args : List.of(List.of("--version"), List.of("local", "--version"))) {
            Result result = run(args, Duration.ofSeconds(30));
            assertThat(result.exitCode).isZero();
            assertThat(result.output.lines().findFirst())
                    .as("first line of %s", args)
                    .contains("partita-broker " + PartitaVersion.get());
        }
        assertThat(PartitaVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void badArgumentsAndConfigsPrintOneLineAndExitWithTwo(@TempDir Path dir) throws Exception {
        Path badConfig = dir.resolve("broker.properties");
        Files.writeString(badConfig, "broker.id=-3\nzookeeper.connect=127.0.0.1:1\n");
        Path secured = dir.resolve("secured.properties");
        Files.writeString(secured, "broker.id=1\nzookeeper.connect=127.0.0.1:1\nssl.keystore.location=/etc/ks.p12\n");
        Path noZooKeeper = dir.resolve("no-zk.properties");
        Files.writeString(noZooKeeper, "broker.id=1\n");
        for (List<String> args : List.of(
                List.of("local", "--nodes", "many"),
                List.of("local", "--nodes", "0"),
                List.of("local", "--override", "num.partitions"),
                List.of("local", "--override", "num.partitions=many"),
                List.of("local", "--override", "broker.id=5"),
                List.of("local", "--override", "log.dirs=/tmp/one-for-all"),
                List.of("bogus"),
                List.of("node"),
                List.of("node", "--config", dir.resolve("missing.properties").toString()),
                List.of("node", "--config", badConfig.toString()),
                List.of("node", "--config", noZooKeeper.toString()),
                List.of("node", "--config", secured.toString()),
                List.of("local", "--override", "sasl.enabled.mechanisms=PLAIN"),
                List.of("local", "--config", dir.resolve("missing.properties").toString()),
                List.of("local", "--config", badConfig.toString()))) {
            Result result = run(args, Duration.ofSeconds(30));
            assertThat(result.exitCode)
                    .as("exit status of %s; output %s", args, result.output)
                    .isEqualTo(2);
            assertThat(result.output.strip().lines()).as("output of %s", args).hasSize(1);
            assertThat(result.output).startsWith("partita-broker: ");
        }
    }

    /** Without --nodes, three nodes on consecutive ports; a record written to the first survives a restart. */
    @Test
    void localRunsThreeNodesInTheForegroundStopsOnSigtermAndKeepsItsData(@TempDir Path dir) throws Exception {
        int port = freeConsecutivePorts(3);
        String bootstrap = "127.0.0.1:" + port;
        List<String> args = List.of(
                "local",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dir.resolve("cluster").toString());
        Process first = start(PRODUCT_LOGGING, args, dir.resolve("first.out"));
        try {
            for (int id = 0; id < 3; id++) {
                awaitOutput(dir.resolve("first.out"), "Node " + id + " listening on 127.0.0.1:" + (port + id));
            }
            assertThat(Files.readString(dir.resolve("first.out"))).doesNotContain("Node 3 ");
            secondProcessesOnTheSameDirectoriesAreRefused(dir);
            try (KafkaProducer<String, String> producer = Clients.producer(bootstrap, Map.of())) {
                producer.send(new ProducerRecord<>("cli-topic", "k", "kept across restarts"))
                        .get();
            }
        } finally {
            first.destroy();
            assertThat(first.waitFor(30, TimeUnit.SECONDS))
                    .as("stops on SIGTERM")
                    .isTrue();
        }
        Process second = start(PRODUCT_LOGGING, args, dir.resolve("second.out"));
        try {
            awaitOutput(dir.resolve("second.out"), "bootstrap.servers=");
            try (KafkaConsumer<String, String> consumer = Clients.consumer(bootstrap, Map.of())) {
                var records = Clients.readAll(
                        consumer, List.of(new TopicPartition("cli-topic", 0)), 1, Duration.ofSeconds(30));
                assertThat(records)
                        .as(() -> "records read after the restart; the nodes said:\n"
                                + outputOf(dir.resolve("first.out")) + outputOf(dir.resolve("second.out")))
                        .extracting(r -> r.value())
                        .containsExactly("kept across restarts");
            }
        } finally {
            second.destroy();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * While a {@code local} cluster runs on {@code dir/cluster}: a second {@code local} on that directory, and a
     * {@code node} on the data directory of one of its nodes, each exit with status 2 and one line naming the
     * directory, before they touch anything (the caller then checks that the first still serves).
     */
    private static void secondProcessesOnTheSameDirectoriesAreRefused(Path dir) throws Exception {
        Path clusterDir = dir.resolve("cluster");
        Result secondLocal = run(
                List.of(
                        "local",
                        "--port",
                        Integer.toString(freeConsecutivePorts(3)),
                        "--data-dir",
                        clusterDir.toString()),
                Duration.ofSeconds(30));
        assertThat(secondLocal.exitCode).as(secondLocal.output).isEqualTo(2);
        assertThat(secondLocal.output.strip().lines()).as(secondLocal.output).hasSize(1);
        assertThat(secondLocal.output).startsWith("partita-broker: " + clusterDir.toAbsolutePath() + " is in use");

        Path nodeData = clusterDir.resolve("node-0").resolve("data");
        Path nodeConfig = dir.resolve("node-0.properties");
        Files.writeString(
                nodeConfig,
                "broker.id=0\nzookeeper.connect=127.0.0.1:" + FreePorts.pick()
                        + "\nlisteners=PLAINTEXT://127.0.0.1:0\nlog.dirs=" + nodeData + "\n");
        Result secondNode = run(List.of("node", "--config", nodeConfig.toString()), Duration.ofSeconds(30));
        assertThat(secondNode.exitCode).as(secondNode.output).isEqualTo(2);
        assertThat(secondNode.output.strip().lines()).as(secondNode.output).hasSize(1);
        assertThat(secondNode.output).startsWith("partita-broker: " + nodeData.toAbsolutePath() + " is in use");
    }

    /** A first port whose next {@code count - 1} neighbours were free a moment ago too. */
    private static int freeConsecutivePorts(int count) {
        while (true) {
            int first = FreePorts.pick();
            if (first + count - 1 > 65535) {
                continue;
            }
            boolean free = true;
            for (int i = 1; i < count && free; i++) {
                try (ServerSocket socket = new ServerSocket(first + i, 1, InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
    }

    private record Result(int exitCode, String output) {}

    /** A run's whole output, for a failure's message: the data directory it explains is deleted. */
    private static String outputOf(Path file) {
        try {
            return "--- " + file.getFileName() + " ---\n" + Files.readString(file);
        } catch (IOException e) {
            return "--- " + file.getFileName() + ": unreadable (" + e + ")\n";
        }
    }

    private static Process start(List<String> args, Path output) throws IOException {
        return start(List.of(), args, output);
    }

    private static Process start(List<String> jvmOptions, List<String> args, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "--add-opens",
                "java.base/java.nio=ALL-UNNAMED",
                "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                BrokerMain.class.getName()));
        command.addAll(command.size() - 1, jvmOptions);
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    private static Result run(List<String> args, Duration timeout) throws Exception {
        Path output = Files.createTempFile("broker-main", ".out");
        try {
            Process process = start(args, output);
            assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                    .as("%s finished", args)
                    .isTrue();
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void awaitOutput(Path file, String line) {
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(file) && Files.readString(file).contains(line));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no \"" + line + "\" within 60 s; the nodes said:\n" + outputOf(file), e);
        }
    }
}
