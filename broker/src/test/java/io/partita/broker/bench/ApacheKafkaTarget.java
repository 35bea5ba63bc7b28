package io.partita.broker.bench;

import io.partita.broker.local.FreePorts;
import io.partita.broker.testing.ChildJvm;
import io.partita.broker.testing.Directories;
import io.partita.broker.testing.KafkaStorage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Kafka 4.4 (the {@code kafka_2.13} test dependency of the {@code bench} profile) in KRaft mode:
 * {@code nodes} combined nodes ({@code process.roles=broker,controller}), each a child JVM with the
 * benchmark heap, forming a quorum of {@code nodes} voters.
 *
 * <p>Combined nodes match Partita's shape: every Partita node is also a controller candidate, with
 * ZooKeeper (Kafka's metadata quorum) beside them. Several nodes form a static quorum
 * ({@code controller.quorum.voters} lists every node), which Kafka 4.4 still supports and which
 * needs no directory ids up front (a dynamic one needs {@code --initial-controllers} with each
 * node's directory id); one node is a one-voter dynamic quorum ({@code --standalone}, naming it by
 * {@code controller.quorum.bootstrap.servers}). Start-up is {@code kafka.tools.StorageTool format -t
 * <cluster id> -c server.properties [--standalone]} once per node (a child JVM each: the tool ends
 * with {@code Exit.exit}), then {@code kafka.Kafka server.properties} per node, all started together
 * so the quorum can elect.
 *
 * <p>Internal topics get replication factor min(3, nodes) and min.insync.replicas min(2, nodes), as a
 * production cluster of that size would.
 */
public final class ApacheKafkaTarget implements BenchTarget {

    private static final Logger LOG = LoggerFactory.getLogger(ApacheKafkaTarget.class);

    private final int nodes;
    private final Path workDir;
    private final Path logFile;
    private final BenchConfig config;
    private final List<ChildJvm> servers = new ArrayList<>();

    ApacheKafkaTarget(int nodes, Path workDir, Path logFile, BenchConfig config) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a Kafka cluster needs at least one node, not " + nodes);
        }
        this.nodes = nodes;
        this.workDir = workDir;
        this.logFile = logFile;
        this.config = config;
    }

    /**
     * A cluster of {@code nodes} Kafka nodes in {@code workDir}, for tests that compare an answer with Kafka's
     * (heap and start timeout as the benchmark's defaults); {@link #start()} returns its bootstrap servers.
     */
    public static ApacheKafkaTarget forTests(int nodes, Path workDir) {
        return new ApacheKafkaTarget(nodes, workDir, workDir.resolve("kafka.log"), BenchConfig.fromSystemProperties());
    }

    @Override
    public String label() {
        return "Kafka";
    }

    @Override
    public String start() throws Exception {
        Files.createDirectories(workDir);
        List<Integer> ports = FreePorts.distinct(2 * nodes);
        List<Integer> brokerPorts = ports.subList(0, nodes);
        List<Integer> controllerPorts = ports.subList(nodes, 2 * nodes);
        String voters = IntStream.range(0, nodes)
                .mapToObj(i -> nodeId(i) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        String bootstrap = brokerPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));

        String clusterId = Uuid.randomUuid().toString();
        List<Path> configs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Path properties = writeServerProperties(i, brokerPorts.get(i), controllerPorts.get(i), voters);
            configs.add(properties);
            List<String> formatArgs = nodes == 1 ? List.of("--standalone") : List.of();
            KafkaStorage.format(
                    Integer.toString(nodeId(i)), clusterId, properties, formatArgs, List.of("-Xmx256m"), nodeLog(i));
        }
        LOG.info("Formatted Kafka storage of {} node(s) in {} (cluster id {})", nodes, workDir, clusterId);

        for (int i = 0; i < nodes; i++) {
            servers.add(ChildJvm.start(
                    nodes == 1 ? "kafka" : "kafka-" + nodeId(i),
                    List.of("-Xmx" + config.heap()),
                    "kafka.Kafka",
                    List.of(configs.get(i).toString()),
                    nodeLog(i)));
        }
        BenchSupport.awaitReady(label(), bootstrap, nodes, servers, config.startTimeout());
        return bootstrap;
    }

    /** Node ids from 1, as Kafka's quickstart numbers them. */
    private static int nodeId(int index) {
        return index + 1;
    }

    /** One node keeps the scenario's log file; several get one each beside it. */
    private Path nodeLog(int index) {
        if (nodes == 1) {
            return logFile;
        }
        String name = logFile.getFileName().toString().replaceFirst("\\.log$", "");
        return logFile.resolveSibling(name + "-node" + nodeId(index) + ".log");
    }

    private Path writeServerProperties(int index, int port, int controllerPort, String voters) throws IOException {
        Path nodeDir = nodes == 1 ? workDir : workDir.resolve("node-" + nodeId(index));
        Files.createDirectories(nodeDir);
        int replication = Math.min(3, nodes);
        int minIsr = Math.min(2, nodes);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId(index)));
        if (nodes == 1) {
            // A one-voter dynamic quorum (format --standalone), as the single-node row has always run.
            p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        } else {
            p.setProperty("controller.quorum.voters", voters);
        }
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty(
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", nodeDir.resolve("kraft-logs").toString());
        p.setProperty("num.partitions", "6");
        p.setProperty("offsets.topic.replication.factor", Integer.toString(replication));
        p.setProperty("transaction.state.log.replication.factor", Integer.toString(replication));
        p.setProperty("transaction.state.log.min.isr", Integer.toString(minIsr));
        p.setProperty("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        p.setProperty("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        Path file = nodeDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(
                    out,
                    "Apache Kafka 4.4, combined KRaft node " + nodeId(index) + " of " + nodes
                            + ", written by the Partita benchmark");
        }
        return file;
    }

    @Override
    public void close() {
        try {
            // All at once: one after the other, the last node's controlled shutdown would wait for a quorum
            // that has already gone, until ChildJvm's SIGKILL deadline.
            List<Thread> stops = servers.stream()
                    .map(server -> new Thread(server::close, "stop-" + server))
                    .toList();
            stops.forEach(Thread::start);
            for (Thread stop : stops) {
                try {
                    stop.join(); // ChildJvm.close is bounded: SIGTERM, then SIGKILL after a deadline
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    servers.forEach(ChildJvm::close);
                    break;
                }
            }
        } finally {
            Directories.deleteRecursively(workDir);
        }
    }
}
