package io.partita.broker.testing;

import io.partita.broker.local.FreePorts;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Apache Kafka 4.x node (combined broker and controller, KRaft, a one-voter quorum) in a child JVM, for
 * tests that check a client against the real thing. It needs {@code kafka_2.13} on the test classpath.
 *
 * <p>Listeners: PLAINTEXT (also inter-broker), SASL_PLAINTEXT offering PLAIN and SCRAM-SHA-256 (users from
 * {@link #PLAIN_USER} and {@link #SCRAM_USER}; SCRAM credentials are written at format time with
 * {@code --add-scram}), and SSL with a self-signed certificate for localhost / 127.0.0.1 ({@link #certificates()}).
 * Kept small for a test run: one node, a 256 MB heap, C1 only.
 */
public final class ApacheKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApacheKafka.class);
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx256m", "-Xms64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    public static final String PLAIN_USER = "alice";
    public static final String PLAIN_PASSWORD = "alice-secret";
    public static final String SCRAM_USER = "bob";
    public static final String SCRAM_PASSWORD = "bob-secret";

    private final Path workDir;
    private final TestCertificates certificates;
    private final int plaintextPort;
    private final int saslPort;
    private final int sslPort;
    private final ChildJvm server;

    private ApacheKafka(Path workDir, TestCertificates certificates, List<Integer> ports, ChildJvm server) {
        this.workDir = workDir;
        this.certificates = certificates;
        this.plaintextPort = ports.get(0);
        this.saslPort = ports.get(1);
        this.sslPort = ports.get(2);
        this.server = server;
    }

    /** Formats and starts a node in {@code workDir} (created; deleted on close) and waits until it serves. */
    public static ApacheKafka start(Path workDir) throws Exception {
        Files.createDirectories(workDir);
        TestCertificates certificates = TestCertificates.generate(workDir.resolve("tls"), "kafka", "changeit");
        List<Integer> ports = FreePorts.distinct(4);
        Path properties = writeServerProperties(workDir, ports, certificates);
        Path logFile = workDir.resolve("kafka.log");
        KafkaStorage.format(
                "kafka",
                Uuid.randomUuid().toString(),
                properties,
                List.of(
                        "--standalone",
                        "--add-scram",
                        "SCRAM-SHA-256=[name=" + SCRAM_USER + ",password=" + SCRAM_PASSWORD + "]"),
                JVM_OPTIONS,
                logFile);
        ChildJvm server = ChildJvm.start("kafka", JVM_OPTIONS, "kafka.Kafka", List.of(properties.toString()), logFile);
        ApacheKafka kafka = new ApacheKafka(workDir, certificates, ports, server);
        try {
            kafka.awaitServing();
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
        LOG.info(
                "Apache Kafka serves PLAINTEXT {}, SASL_PLAINTEXT {}, SSL {}",
                kafka.plaintextBootstrap(),
                kafka.saslBootstrap(),
                kafka.sslBootstrap());
        return kafka;
    }

    public String plaintextBootstrap() {
        return "127.0.0.1:" + plaintextPort;
    }

    /** SASL_PLAINTEXT with PLAIN ({@link #PLAIN_USER}) or SCRAM-SHA-256 ({@link #SCRAM_USER}). */
    public String saslBootstrap() {
        return "127.0.0.1:" + saslPort;
    }

    /** SSL; clients trust {@link #certificates()}'s truststore. */
    public String sslBootstrap() {
        return "127.0.0.1:" + sslPort;
    }

    public TestCertificates certificates() {
        return certificates;
    }

    /** An admin client on the PLAINTEXT listener, for the test's own setup. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintextBootstrap());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(p);
    }

    private void awaitServing() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) {
                    throw new IllegalStateException(
                            "Apache Kafka exited with " + server.exitCode() + ":\n" + server.tail(60));
                }
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(200); // polling a child process that has no readiness signal of its own
            }
        }
        throw new IllegalStateException(
                "Apache Kafka did not serve within " + START_TIMEOUT + " (" + last + "):\n" + server.tail(60));
    }

    private static Path writeServerProperties(Path dir, List<Integer> ports, TestCertificates tls) throws IOException {
        String plaintext = "PLAINTEXT://127.0.0.1:" + ports.get(0);
        String sasl = "SASL_PLAINTEXT://127.0.0.1:" + ports.get(1);
        String ssl = "SSL://127.0.0.1:" + ports.get(2);
        String controller = "CONTROLLER://127.0.0.1:" + ports.get(3);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + ports.get(3));
        p.setProperty("listeners", String.join(",", plaintext, sasl, ssl, controller));
        p.setProperty("advertised.listeners", String.join(",", plaintext, sasl, ssl, controller));
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty(
                "listener.security.protocol.map",
                "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL");
        p.setProperty("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256");
        p.setProperty(
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + PLAIN_USER + "=\""
                        + PLAIN_PASSWORD + "\";");
        p.setProperty(
                "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.setProperty("ssl.keystore.location", tls.keystore().toString());
        p.setProperty("ssl.keystore.type", "PKCS12");
        p.setProperty("ssl.keystore.password", tls.password());
        p.setProperty("ssl.client.auth", "none");
        p.setProperty("log.dirs", dir.resolve("kraft-logs").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        Path file = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "Apache Kafka, one combined KRaft node, written by Partita's tests");
        }
        return file;
    }

    @Override
    public void close() {
        server.close(); // bounded: SIGTERM, then SIGKILL after a deadline
        Directories.deleteRecursively(workDir);
    }
}
