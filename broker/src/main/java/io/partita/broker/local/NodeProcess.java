package io.partita.broker.local;

import io.partita.broker.config.BrokerConfig;
import io.partita.broker.server.BrokerNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;

/**
 * One node in the foreground until the JVM is told to stop (Ctrl-C, SIGTERM): the {@code node} command of the
 * command line, and the main class of a {@link ChildProcessNode}'s JVM.
 */
public final class NodeProcess {
    private NodeProcess() {}

    /** The child JVM's entry: {@code NodeProcess FILE}. A bad file or configuration: one line, status 2. */
    public static void main(String[] args) {
        PrintStream err = System.err;
        if (args.length != 1) {
            err.println("partita-broker: expected one argument, the node's properties file");
            System.exit(2);
        }
        try {
            runUntilStopped(Path.of(args[0]), System.out);
            System.exit(0);
        } catch (ConfigException | IllegalArgumentException | IOException e) {
            err.println("partita-broker: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            err.println("partita-broker: " + e);
            System.exit(1);
        }
    }

    /**
     * Starts the node the properties file describes, says where it listens on {@code out}, and returns once a
     * shutdown hook (the JVM stopping) has closed it: its leaderships handed over first.
     */
    public static void runUntilStopped(Path config, PrintStream out) throws Exception {
        BrokerNode node = new BrokerNode(new BrokerConfig(readProperties(config)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.close();
                            stopped.countDown();
                        },
                        "partita-shutdown"));
        node.start();
        out.println("Node " + node.brokerId() + " listening on port " + node.port());
        out.flush();
        stopped.await();
    }

    /** A Kafka-style properties file; one that cannot be read is a bad argument (one line, status 2). */
    public static Map<String, String> readProperties(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read config file " + file);
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(name -> properties.put(name, props.getProperty(name)));
        return properties;
    }
}
