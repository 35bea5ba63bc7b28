package io.partita.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn -Pdist package} built, used as a user would: the broker's tarball unpacked and run, and the
 * app's .deb installed, run and removed. Installing needs root and a .deb (built where fakeroot is): where they
 * are missing the .deb test says so and is skipped, unless {@code PARTITA_REQUIRED_PROGRAMS} names fakeroot
 * (CI's {@code .ci/run} does), which makes it a failure.
 */
@Tag("integration")
class InstallersTest {
    private static final Path DIST = Path.of(System.getProperty("partita.dist", "target/dist"));
    private static final String VERSION = System.getProperty("partita.version");
    private static final Path INSTALL_DIR = Path.of("/opt/partita");
    private static final Path DESKTOP_ENTRY = Path.of("/usr/share/applications/partita-Partita.desktop");

    @TempDir
    Path work;

    @Test
    void theBrokerTarballRunsALocalClusterAndStopsCleanlyOnSigterm() throws Exception {
        Path tarball = DIST.resolve("partita-broker-" + VERSION + ".tar.gz");
        assertThat(tarball).isRegularFile();
        assertThat(run(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString()), Duration.ofSeconds(60))
                        .exitCode())
                .isZero();
        Path home = work.resolve("partita-broker-" + VERSION);
        Path script = home.resolve("bin/partita-broker");
        assertThat(script).isExecutable();
        assertThat(home.resolve("bin/partita-broker.bat")).isRegularFile();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License");
        assertThat(home.resolve("THIRD-PARTY-NOTICES.txt"))
                .content()
                .contains("Curator Framework 5.9.0", "lmdbjava", "OpenLDAP Public License");
        assertThat(home.resolve("libs/partita-broker-" + VERSION + ".jar")).isRegularFile();
        assertThat(home.resolve("libs")).isDirectoryNotContaining("glob:**/javafx-*");
        assertThat(home.resolve("config/server.properties"))
                .content()
                .contains("broker.id=0", "#num.partitions=1", "# The id of this node; unique within the cluster.");
        assertThat(home.resolve("config/local.properties")).isRegularFile();

        Result version = run(List.of(script.toString(), "--version"), Duration.ofSeconds(30));
        assertThat(version.exitCode()).isZero();
        assertThat(version.output()).startsWith("partita-broker " + VERSION);

        runLocalClusterAndStop(
                List.of(script.toString()),
                List.of("--config", home.resolve("config/local.properties").toString()),
                work.resolve("data"));
    }

    @Test
    void theDebInstallsUnderOptWithAMenuEntryRunsAndUninstallsCleanly() throws Exception {
        Path deb;
        try (var files = Files.list(DIST)) {
            deb = files.filter(f -> f.getFileName().toString().endsWith(".deb"))
                    .findFirst()
                    .orElse(null);
        }
        requireOrSkip(deb != null, "no .deb was built (jpackage builds it where fakeroot is installed)");
        requireOrSkip("root".equals(System.getProperty("user.name")), "installing a .deb needs root (CI runs as root)");
        assertThat(deb.getFileName().toString()).startsWith("partita_" + VERSION + "-1_");
        assertThat(Files.size(deb)).as(".deb size").isLessThan(120L * 1024 * 1024);

        Result install = run(List.of("dpkg", "-i", deb.toString()), Duration.ofMinutes(3));
        AssertionError failure = null;
        try {
            checkInstalled(install);
        } catch (AssertionError e) {
            failure = e;
        }
        // Removed whatever happened above, and a failure there is not hidden by one here.
        Result remove = run(List.of("dpkg", "--purge", "partita"), Duration.ofMinutes(2));
        if (failure != null) {
            failure.addSuppressed(new AssertionError("then dpkg --purge said:\n" + remove.output()));
            throw failure;
        }
        assertThat(remove.exitCode())
                .as("dpkg --purge said:\n%s", remove.output())
                .isZero();
        assertThat(INSTALL_DIR).doesNotExist();
        assertThat(DESKTOP_ENTRY).doesNotExist();
        assertThat(run(List.of("dpkg", "-s", "partita"), Duration.ofSeconds(30)).exitCode())
                .as("dpkg still knows the package")
                .isNotZero();
    }

    private void checkInstalled(Result install) throws Exception {
        assertThat(install.exitCode()).as("dpkg -i said:\n%s", install.output()).isZero();
        Path launcher = INSTALL_DIR.resolve("bin/Partita");
        assertThat(launcher).isExecutable();
        assertThat(INSTALL_DIR.resolve("lib/runtime/bin/java")).isExecutable();
        assertThat(INSTALL_DIR.resolve("lib/runtime/release"))
                .content()
                .contains("javafx.controls")
                .doesNotContain("jdk.compiler");
        assertThat(INSTALL_DIR.resolve("lib/app/THIRD-PARTY-NOTICES.txt"))
                .content()
                .contains("atlantafx-base");
        assertThat(DESKTOP_ENTRY).content().contains("Name=Partita", "Exec=/opt/partita/bin/Partita", "Icon=");

        Result version = run(List.of(launcher.toString(), "--version"), Duration.ofSeconds(60));
        assertThat(version.exitCode())
                .as("the launcher said:\n%s", version.output())
                .isZero();
        assertThat(version.output()).startsWith("Partita " + VERSION);

        // The app starts its local cluster in its own JVM: its runtime, options and jars must run a node. The
        // launcher's configuration says which; run the broker's command line with them (no display needed).
        LauncherConfig config = LauncherConfig.read(INSTALL_DIR.resolve("lib/app/Partita.cfg"), INSTALL_DIR);
        List<String> command = new ArrayList<>();
        command.add(INSTALL_DIR.resolve("lib/runtime/bin/java").toString());
        command.addAll(config.javaOptions());
        command.addAll(List.of("-cp", config.classPath(), "io.partita.broker.cli.BrokerMain"));
        runLocalClusterAndStop(command, List.of(), work.resolve("installed-app-cluster"));
    }

    /**
     * Runs {@code broker local --nodes 1} on a free port, writes a record and reads it back with kafka-clients,
     * then stops it with SIGTERM and checks it stopped cleanly.
     */
    private void runLocalClusterAndStop(List<String> broker, List<String> options, Path dataDir) throws Exception {
        int port = freePort();
        Path output = Files.createTempFile(work, "broker", ".out");
        List<String> command = new ArrayList<>(broker);
        command.addAll(
                List.of("local", "--nodes", "1", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        command.addAll(options);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String bootstrap = "127.0.0.1:" + port;
        try {
            await("the local cluster says where it listens")
                    .atMost(Duration.ofSeconds(90))
                    .until(() ->
                            !process.isAlive() || Files.readString(output).contains("bootstrap.servers=" + bootstrap));
            assertThat(process.isAlive())
                    .as("running; it said:\n%s", Files.readString(output))
                    .isTrue();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("installed", "k", "hello")).get(60, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "installers-test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class))) {
                consumer.subscribe(List.of("installed"));
                List<String> values = new ArrayList<>();
                await("the record read back").atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        values.add(record.value());
                    }
                    return !values.isEmpty();
                });
                assertThat(values).containsExactly("hello");
            }
        } finally {
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
        }
        // A JVM that a SIGTERM stopped exits with 128 + 15 once its shutdown hooks have run.
        assertThat(process.exitValue())
                .as("exit status; it said:\n%s", Files.readString(output))
                .isEqualTo(143);
        assertThat(Files.readString(output)).contains("Stopped cleanly; data kept in " + dataDir);
    }

    /** Skips where the condition cannot hold on this machine, or fails where CI requires it (see above). */
    private static void requireOrSkip(boolean condition, String reason) {
        if (condition) {
            return;
        }
        Set<String> required = Arrays.stream(System.getenv()
                        .getOrDefault("PARTITA_REQUIRED_PROGRAMS", "")
                        .split(","))
                .map(String::strip)
                .collect(Collectors.toSet());
        if (required.contains("fakeroot")) {
            throw new AssertionError(reason + ", and PARTITA_REQUIRED_PROGRAMS requires the .deb to be tested");
        }
        Assumptions.abort(reason);
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path output = Files.createTempFile(work, "command", ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeout + ":\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
