package io.partita.broker.cli;

import io.partita.broker.config.BrokerConfig;
import io.partita.broker.config.PartitaVersion;
import io.partita.broker.local.LocalCluster;
import io.partita.broker.local.LocalNode;
import io.partita.broker.local.NodeProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The broker jar's entry point: {@code local} runs a whole cluster on this machine in the foreground,
 * {@code node} runs one node against an existing ZooKeeper. Bad arguments or configuration print one line
 * and exit with status 2; Ctrl-C or SIGTERM stops cleanly.
 */
@Command(
        name = "partita-broker",
        mixinStandardHelpOptions = true,
        versionProvider = BrokerMain.Version.class,
        description = "A Kafka-protocol broker on LMDB, coordinated through ZooKeeper.",
        subcommands = {BrokerMain.Local.class, BrokerMain.Node.class})
public final class BrokerMain implements Callable<Integer> {
    static final int USAGE = 2;

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (Throwable broken) {
            // An Error (a JVM without the options LMDB needs, a missing class): one line, and exit even though
            // threads that a half-started cluster left behind would keep the JVM alive.
            System.err.println("partita-broker: " + broken);
            status = 1;
        }
        System.exit(status);
    }

    /** Runs the command line and returns the exit status (for tests, which must not exit the JVM). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BrokerMain());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("partita-broker: " + e.getMessage() + " (see --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            if (cause instanceof ConfigException
                    || cause instanceof IllegalArgumentException
                    || cause instanceof IOException) {
                commandLine.getErr().println("partita-broker: " + cause.getMessage());
                return USAGE;
            }
            commandLine.getErr().println("partita-broker: " + cause);
            return 1;
        });
        return cli.execute(args);
    }

    /** {@code --version}: the Maven project's version, with the Java that runs it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "partita-broker " + PartitaVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(new PrintWriter(System.err, true));
        return USAGE;
    }

    @Command(
            name = "local",
            mixinStandardHelpOptions = true,
            versionProvider = BrokerMain.Version.class,
            description = "Start an embedded ZooKeeper and a cluster of nodes on 127.0.0.1, in the foreground.")
    static final class Local implements Callable<Integer> {
        // Three, like a minimal production cluster: enough for replication factor 3 and min.insync.replicas=2.
        @Option(names = "--nodes", defaultValue = "3", description = "Number of nodes (default: ${DEFAULT-VALUE}).")
        int nodes;

        @Option(
                names = "--port",
                defaultValue = "" + LocalCluster.DEFAULT_BASE_PORT,
                description = "Port of the first node; the others take the next ones (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(
                names = "--data-dir",
                description = "Where the cluster keeps its data (default: ~/.partita/clusters/local).")
        Path dataDir;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "A properties file of broker properties for every node, as --override; an --override"
                        + " of the same property wins (e.g. config/local.properties of the broker's tarball).")
        Path config;

        // As kafka-server-start's --override: one broker property for every node, without a properties file.
        @Option(
                names = "--override",
                paramLabel = "PROPERTY=VALUE",
                description = "A broker property for every node (repeatable), e.g. --override num.partitions=6.")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            if (nodes < 1 || nodes > 64) {
                throw new IllegalArgumentException("--nodes must be between 1 and 64, not " + nodes);
            }
            if (port < 1 || port + nodes - 1 > 65535) {
                throw new IllegalArgumentException("--port must leave room for " + nodes + " ports below 65536");
            }
            Path dir = dataDir != null
                    ? dataDir
                    : Path.of(System.getProperty("user.home"), ".partita", "clusters", "local");
            Map<String, String> properties = new LinkedHashMap<>();
            if (config != null) {
                properties.putAll(NodeProcess.readProperties(config));
            }
            properties.putAll(overrides);
            checkOverrides(properties);
            LocalCluster cluster = new LocalCluster(new LocalCluster.Settings(nodes, port, dir, false, properties));
            CountDownLatch stopped = new CountDownLatch(1);
            // A start that failed (a directory in use, a bad setting) says so in one line, and nothing more.
            AtomicBoolean started = new AtomicBoolean();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                cluster.close();
                                if (started.get()) {
                                    System.out.println("Stopped cleanly; data kept in " + dir.toAbsolutePath());
                                }
                                stopped.countDown();
                            },
                            "partita-shutdown"));
            cluster.start();
            started.set(true);
            PrintWriter out = new PrintWriter(System.out, true);
            for (LocalNode node : cluster.nodes()) {
                out.println("Node " + node.id() + " listening on 127.0.0.1:" + node.port());
            }
            out.println("ZooKeeper at " + cluster.zookeeperConnect() + "; data in " + dir.toAbsolutePath());
            out.println("bootstrap.servers=" + cluster.bootstrapServers() + "  (Ctrl-C to stop)");
            stopped.await();
            return 0;
        }

        /** A bad override fails here, in one line, rather than as a node that cannot start. */
        private static void checkOverrides(Map<String, String> properties) {
            Map<String, String> sample = new HashMap<>(properties);
            sample.putIfAbsent(BrokerConfig.ZOOKEEPER_CONNECT, "127.0.0.1:2181");
            new BrokerConfig(sample);
        }
    }

    @Command(
            name = "node",
            mixinStandardHelpOptions = true,
            versionProvider = BrokerMain.Version.class,
            description = "Start one node against the ZooKeeper named by zookeeper.connect in a properties file.")
    static final class Node implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "A Kafka-style properties file.")
        Path config;

        @Override
        public Integer call() throws Exception {
            NodeProcess.runUntilStopped(config, System.out);
            return 0;
        }
    }
}
