package io.partita.broker.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Partita through its own command line, {@code BrokerMain local} (embedded ZooKeeper + N nodes),
 * as a child JVM with the same heap as the Kafka one plus the opens lmdbjava needs.
 */
final class PartitaTarget implements BenchTarget {

    static final String MAIN_CLASS = "io.partita.broker.server.BrokerMain";

    private final int nodes;
    private final Path workDir;
    private final Path logFile;
    private final BenchConfig config;
    private ChildJvm server;

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
        int port = BenchSupport.freeLoopbackPort();
        String bootstrap = "127.0.0.1:" + port;
        List<String> jvmArgs = new java.util.ArrayList<>(List.of("-Xmx" + config.heap(),
                "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"));
        // Extra flags for the Partita JVM only, e.g. -Dbench.partitaJvmArgs=-XX:StartFlightRecording=filename=p.jfr
        String extra = System.getProperty("bench.partitaJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            jvmArgs.addAll(List.of(extra.split("\\s+")));
        }
        server = ChildJvm.start("partita", jvmArgs,
                MAIN_CLASS,
                List.of("local", "--nodes", Integer.toString(nodes), "--port", Integer.toString(port),
                        "--data-dir", dataDir.toString()),
                logFile);
        BenchSupport.awaitReady(label(), bootstrap, nodes, server, config.startTimeout());
        return bootstrap;
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
