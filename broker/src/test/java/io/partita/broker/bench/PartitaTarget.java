package io.partita.broker.bench;

import io.partita.broker.local.FreePorts;
import io.partita.broker.local.LocalCluster;
import io.partita.broker.local.LocalNode;
import io.partita.broker.testing.ChildJvm;
import io.partita.broker.testing.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partita with the same heap per broker JVM as Kafka, plus the opens lmdbjava needs.
 *
 * <p>One node runs through Partita's own command line, {@code BrokerMain local} (embedded ZooKeeper and
 * the node in one child JVM, as Kafka's one combined node holds its controller). Several nodes run as a
 * {@link LocalCluster} of child JVMs, one per node like Kafka's brokers, with the embedded ZooKeeper in
 * the driver JVM (it only serves metadata, idle while records flow).
 */
final class PartitaTarget implements BenchTarget {

    private static final Logger LOG = LoggerFactory.getLogger(PartitaTarget.class);
    static final String MAIN_CLASS = "io.partita.broker.cli.BrokerMain";

    private final int nodes;
    private final Path workDir;
    private final Path logFile;
    private final BenchConfig config;
    private ChildJvm server;
    private LocalCluster cluster;

    PartitaTarget(int nodes, Path workDir, Path logFile, BenchConfig config) {
        this.nodes = nodes;
        this.workDir = workDir;
        this.logFile = logFile;
        this.config = config;
    }

    @Override
    public String label() {
        return "Partita";
    }

    @Override
    public String start() throws Exception {
        if (PartitaTarget.class.getClassLoader().getResource(MAIN_CLASS.replace('.', '/') + ".class") == null) {
            throw new IllegalStateException(MAIN_CLASS + " is not on the classpath (not written yet?)");
        }
        Path dataDir = workDir.resolve("data");
        Files.createDirectories(dataDir);
        return nodes == 1 ? startOneNode(dataDir) : startCluster(dataDir);
    }

    private String startOneNode(Path dataDir) throws Exception {
        int port = FreePorts.pick();
        String bootstrap = "127.0.0.1:" + port;
        List<String> jvmArgs = new ArrayList<>(List.of(
                "-Xmx" + config.heap(),
                "--add-opens",
                "java.base/java.nio=ALL-UNNAMED",
                "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED"));
        jvmArgs.addAll(extraJvmArgs());
        server = ChildJvm.start("partita", jvmArgs, MAIN_CLASS, localArguments(port, dataDir), logFile);
        BenchSupport.awaitReady(label(), bootstrap, nodes, List.of(server), config.startTimeout());
        return bootstrap;
    }

    private String startCluster(Path dataDir) throws Exception {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx" + config.heap()));
        jvmArgs.addAll(extraJvmArgs());
        cluster = new LocalCluster(
                new LocalCluster.Settings(nodes, 0, dataDir, true, brokerOverrides()).withChildJvmOptions(jvmArgs));
        cluster.start(); // returns once every node has registered and a controller is elected
        String bootstrap = cluster.bootstrapServers();
        BenchSupport.awaitReady(
                label(),
                bootstrap,
                nodes,
                () -> cluster.nodes().stream().anyMatch(n -> !n.isRunning()),
                () -> cluster.nodes().stream()
                        .map(n -> "node " + n.id() + (n.isRunning() ? " running" : " exited") + ", output in "
                                + nodeOutput(n))
                        .collect(Collectors.joining("\n")),
                config.startTimeout());
        return bootstrap;
    }

    private static List<String> localArguments(int port, Path dataDir) {
        List<String> arguments = new ArrayList<>(
                List.of("local", "--nodes", "1", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        brokerOverrides().forEach((name, value) -> arguments.addAll(List.of("--override", name + "=" + value)));
        return arguments;
    }

    /**
     * Broker properties for every Partita node, e.g. -Dbench.partitaOverrides=partita.lmdb.writeback.interval.ms=0
     * (comma-separated), to compare a setting's effect in one build.
     */
    private static Map<String, String> brokerOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String entry : System.getProperty("bench.partitaOverrides", "").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bench.partitaOverrides wants name=value, not " + entry);
            }
            overrides.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return overrides;
    }

    /** Extra flags for the Partita JVMs only, e.g. -Dbench.partitaJvmArgs=-XX:StartFlightRecording=filename=p.jfr */
    private static List<String> extraJvmArgs() {
        String extra = System.getProperty("bench.partitaJvmArgs", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    private Path nodeOutput(LocalNode node) {
        return cluster.nodeDirectory(node.id()).resolve("node.out");
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
            if (cluster != null) {
                cluster.close();
                keepNodeOutputs();
            }
        } finally {
            Directories.deleteRecursively(workDir);
        }
    }

    /** The nodes' output lives in their data directories, which go; the log directory keeps a copy. */
    private void keepNodeOutputs() {
        String name = logFile.getFileName().toString().replaceFirst("\\.log$", "");
        for (LocalNode node : cluster.nodes()) {
            Path target = logFile.resolveSibling(name + "-node" + node.id() + ".log");
            try {
                if (Files.exists(nodeOutput(node))) {
                    Files.copy(nodeOutput(node), target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                LOG.warn("Cannot keep the output of node {}: {}", node.id(), e.toString());
            }
        }
    }
}
