package io.partita.broker.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Kafka 4.4 (the {@code kafka_2.13} test dependency of the {@code bench} profile), one KRaft
 * node in combined mode ({@code process.roles=broker,controller}) as a child JVM.
 *
 * <p>Start-up is what {@code kafka-storage.sh format} + {@code kafka-server-start.sh} do: first
 * {@code kafka.tools.StorageTool format -t <cluster id> -c server.properties --standalone} (a child
 * JVM too: the tool ends with {@code Exit.exit}), which writes {@code meta.properties} and the
 * bootstrap checkpoint of a one-voter dynamic quorum; then {@code kafka.Kafka server.properties}.
 * With {@code --standalone} the config names the quorum by
 * {@code controller.quorum.bootstrap.servers}, not {@code controller.quorum.voters}.
 */
final class ApacheKafkaTarget implements BenchTarget {

    private static final Logger log = LoggerFactory.getLogger(ApacheKafkaTarget.class);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final int nodes;
    private final Path workDir;
    private final Path logFile;
    private final BenchConfig config;
    private ChildJvm server;

    ApacheKafkaTarget(int nodes, Path workDir, Path logFile, BenchConfig config) {
        if (nodes != 1) {
            // A 3-node KRaft cluster needs --initial-controllers with every node's directory id;
            // it comes with the replicated workloads.
            throw new UnsupportedOperationException("ApacheKafkaTarget supports 1 node for now, not " + nodes);
        }
        this.nodes = nodes;
        this.workDir = workDir;
        this.logFile = logFile;
        this.config = config;
    }

    @Override
    public String label() {
        return "Kafka";
    }

    @Override
    public String start() throws Exception {
        Files.createDirectories(workDir);
        int port = BenchSupport.freeLoopbackPort();
        int controllerPort = BenchSupport.freeLoopbackPort();
        while (controllerPort == port) {
            controllerPort = BenchSupport.freeLoopbackPort();
        }
        String bootstrap = "127.0.0.1:" + port;
        Path properties = writeServerProperties(port, controllerPort);

        String clusterId = Uuid.randomUuid().toString();
        try (ChildJvm format = ChildJvm.start("kafka-storage-format",
                List.of("-Xmx256m"),
                "kafka.tools.StorageTool",
                List.of("format", "-t", clusterId, "-c", properties.toString(), "--standalone"),
                logFile)) {
            int exit = format.awaitExit(FORMAT_TIMEOUT);
            if (exit != 0) {
                throw new IllegalStateException("kafka-storage format exited with " + exit + ":\n" + format.tail(40));
            }
        }
        log.info("Formatted Kafka storage in {} (cluster id {})", workDir, clusterId);

        server = ChildJvm.start("kafka", List.of("-Xmx" + config.heap()), "kafka.Kafka",
                List.of(properties.toString()), logFile);
        BenchSupport.awaitReady(label(), bootstrap, nodes, server, config.startTimeout());
        return bootstrap;
    }

    private Path writeServerProperties(int port, int controllerPort) throws IOException {
        Path logDirs = workDir.resolve("kraft-logs");
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDirs.toString());
        p.setProperty("num.partitions", "6");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        Path file = workDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "Apache Kafka 4.4, one combined KRaft node, written by the Partita benchmark");
        }
        return file;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            BenchSupport.deleteRecursively(workDir);
        }
    }
}
