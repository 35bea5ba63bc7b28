package io.partita.broker.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node in its own JVM, started from this JVM's class path ({@link NodeProcess} FILE), so that a
 * kill is a real SIGKILL and a crash is a real crash.
 */
final class ChildProcessNode implements LocalNode {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcessNode.class);

    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final int id;
    private final int port;
    private final Path directory;
    private final Map<String, String> properties;
    private final List<String> jvmOptions;
    private volatile Process process;

    ChildProcessNode(int id, int port, Path directory, Map<String, String> properties, List<String> jvmOptions) {
        this.id = id;
        this.port = port;
        this.directory = directory;
        this.properties = properties;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        Files.createDirectories(directory);
        Path config = directory.resolve("broker.properties");
        Properties props = new Properties();
        props.putAll(properties);
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "Partita node " + id + ", written by LocalCluster");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "--add-opens",
                "java.base/java.nio=ALL-UNNAMED",
                "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                NodeProcess.class.getName(),
                config.toString()));
        Path output = directory.resolve("node.out");
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        LOG.info("Started node {} as process {} (output in {})", id, process.pid(), output);
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: the node's shutdown hook hands its leaderships over, then closes
        try {
            // Longer than the default partita.controlled.shutdown.timeout.ms, so a slow handover is not cut short.
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Node {} did not stop in {} s; killing it", id, STOP_TIMEOUT_SECONDS);
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        process = null;
    }

    /** SIGKILL, as {@code kill -9}: {@link Process#destroyForcibly()} on Linux and macOS. */
    @Override
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }
}
