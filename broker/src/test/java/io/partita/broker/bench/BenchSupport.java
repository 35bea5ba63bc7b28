package io.partita.broker.bench;

import io.partita.broker.testing.ChildJvm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loopback ports, directories, and the readiness / topic code path shared by every target. */
final class BenchSupport {

    private static final Logger LOG = LoggerFactory.getLogger(BenchSupport.class);
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private BenchSupport() {}

    /** A port that was free on 127.0.0.1 a moment ago (the usual bind-to-0 trick). */
    static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis() * 2);
        return Admin.create(props);
    }

    /**
     * Waits until {@code describeCluster} on {@code bootstrap} lists {@code nodes} nodes, failing at
     * once if one of the child processes dies and otherwise at {@code timeout}.
     */
    static void awaitReady(String label, String bootstrap, int nodes, List<ChildJvm> processes, Duration timeout) {
        awaitReady(
                label,
                bootstrap,
                nodes,
                () -> processes.stream().anyMatch(p -> !p.isAlive()),
                () -> processes.stream()
                        .map(p -> p + (p.isAlive() ? " still running" : " exited with code " + p.exitCode())
                                + "; output tail:\n" + p.tail(60))
                        .collect(Collectors.joining("\n")),
                timeout);
    }

    /**
     * The same for processes that are not {@link ChildJvm}s (a LocalCluster's nodes): {@code exited} says
     * whether one died, {@code state} describes them for the error message.
     */
    static void awaitReady(
            String label,
            String bootstrap,
            int nodes,
            BooleanSupplier exited,
            Supplier<String> state,
            Duration timeout) {
        long started = System.nanoTime();
        AtomicReference<Object> last = new AtomicReference<>("no answer yet");
        AtomicReference<Admin> adminRef = new AtomicReference<>();
        try {
            Awaitility.await(label + " ready on " + bootstrap)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .failFast(label + " exited during start-up", exited::getAsBoolean)
                    .ignoreExceptions()
                    .until(() -> {
                        if (adminRef.get() == null) {
                            // The AdminClient logs a WARN per refused connection: wait for the listener first.
                            if (!acceptsConnections(bootstrap)) {
                                last.set("port not listening yet");
                                return false;
                            }
                            adminRef.set(admin(bootstrap));
                        }
                        Admin admin = adminRef.get();
                        try {
                            Collection<Node> found = admin.describeCluster(
                                            new DescribeClusterOptions().timeoutMs((int) ADMIN_CALL_TIMEOUT.toMillis()))
                                    .nodes()
                                    .get(ADMIN_CALL_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
                            last.set(found);
                            return found.size() >= nodes;
                        } catch (Exception e) {
                            last.set(e);
                            throw e;
                        }
                    });
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new IllegalStateException(
                    label + " not ready on " + bootstrap + " within " + timeout + " (last: " + last.get() + "):\n"
                            + state.get(),
                    e);
        } finally {
            if (adminRef.get() != null) {
                adminRef.get().close(ADMIN_CALL_TIMEOUT);
            }
        }
        LOG.info(
                "{} ready on {} after {} ms",
                label,
                bootstrap,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Whether the first {@code host:port} of {@code bootstrap} accepts a TCP connection. */
    static boolean acceptsConnections(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
                    (int) POLL_INTERVAL.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates the topics (through the AdminClient, the same path for every target) and waits for their leaders. */
    static void createTopics(Admin admin, Collection<TopicSpec> specs, Duration timeout) throws Exception {
        Map<String, TopicSpec> byName = new HashMap<>();
        specs.forEach(spec -> byName.putIfAbsent(spec.name(), spec));
        if (byName.isEmpty()) {
            return;
        }
        List<NewTopic> newTopics = byName.values().stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) spec.replicationFactor())
                        .configs(spec.configs()))
                .toList();
        admin.createTopics(newTopics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Awaitility.await("leaders of " + byName.keySet())
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(POLL_INTERVAL)
                .ignoreExceptions()
                .until(() -> {
                    Map<String, TopicDescription> descriptions = admin.describeTopics(
                                    byName.keySet(),
                                    new DescribeTopicsOptions().timeoutMs((int) ADMIN_CALL_TIMEOUT.toMillis()))
                            .allTopicNames()
                            .get(ADMIN_CALL_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
                    boolean described = descriptions.values().stream().allMatch(d -> {
                        TopicSpec spec = byName.get(d.name());
                        return d.partitions().size() == spec.partitions()
                                && d.partitions().stream().allMatch(p -> hasLeaderAndFullIsr(p, spec));
                    });
                    if (!described) {
                        return false;
                    }
                    // Metadata can name a leader before that leader serves the partition (Kafka's
                    // broker applies the controller's record asynchronously); ListOffsets goes to
                    // the leader itself.
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    descriptions
                            .values()
                            .forEach(d -> d.partitions()
                                    .forEach(p -> latest.put(
                                            new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                    admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs((int) ADMIN_CALL_TIMEOUT.toMillis()))
                            .all()
                            .get(ADMIN_CALL_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
                    return true;
                });
        LOG.info("Created topics {}", byName.values());
    }

    private static boolean hasLeaderAndFullIsr(TopicPartitionInfo p, TopicSpec spec) {
        return p.leader() != null && !p.leader().isEmpty() && p.isr().size() >= spec.replicationFactor();
    }
}
