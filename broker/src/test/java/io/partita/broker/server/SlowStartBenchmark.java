package io.partita.broker.server;

import static org.awaitility.Awaitility.await;

import io.partita.broker.config.BrokerConfig;
import io.partita.broker.local.LocalCluster;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.CpuBurners;
import io.partita.broker.testing.TestCluster;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 19's restart at scale (behind {@code -Pbench}: it takes minutes): three nodes as child JVMs holding 3,000
 * partitions each, both cores kept busy by spinning threads the whole time; node 1 is killed with SIGKILL and
 * restarted, and must come back and rejoin every ISR. Prints how long the restart and the rejoin took.
 *
 * <pre>mvn -B -Pbench -pl broker verify -Dtest=SlowStartBenchmark</pre>
 */
@Tag("bench")
class SlowStartBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(SlowStartBenchmark.class);
    private static final int PARTITIONS = Integer.getInteger("bench.slowStart.partitions", 3_000);
    private static final int PER_TOPIC = 300;
    private static final List<String> TOPICS = new ArrayList<>();
    private static final Duration DEADLINE = Duration.ofMinutes(15);

    @Test
    void aKilledNodeWithThreeThousandPartitionsComesBackUnderCpuPressure() throws Exception {
        CpuBurners busy = null;
        // The product's logging in the nodes, so node 1's output shows the start's progress lines.
        List<String> nodeJvm = new ArrayList<>(LocalCluster.Settings.DEFAULT_CHILD_JVM_OPTIONS);
        nodeJvm.add("-Dlogback.configurationFile=logback.xml");
        try (TestCluster cluster = TestCluster.startChildJvms(
                        3, Map.of(BrokerConfig.ZOOKEEPER_CONNECTION_TIMEOUT_MS, "6000"), nodeJvm);
                Admin admin = Clients.admin(cluster.bootstrap())) {
            long created = System.nanoTime();
            // In topics of 300: the controller writes a topic's partition states in one go, and one request for
            // 3,000 partitions outlasts the admin client's request timeout on two cores.
            for (int t = 0; t < PARTITIONS / PER_TOPIC; t++) {
                TOPICS.add("wide-" + t);
                admin.createTopics(List.of(new NewTopic("wide-" + t, PER_TOPIC, (short) 3)))
                        .all()
                        .get();
            }
            awaitEveryIsr(admin, 3);
            LOG.info(
                    "{} partitions of replication factor 3 created and in sync in {} s",
                    PARTITIONS,
                    Duration.ofNanos(System.nanoTime() - created).toSeconds());
            busy = CpuBurners.start(Runtime.getRuntime().availableProcessors());

            cluster.cluster().killNode(1);
            awaitEveryIsr(admin, 2);
            long restarted = System.nanoTime();
            cluster.cluster().startNode(1);
            long registeredMs = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
            awaitEveryIsr(admin, 3);
            long rejoinedMs = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
            LOG.info(
                    "SlowStart: node 1 with {} partitions, both cores busy: registered {} ms after its restart,"
                            + " back in every ISR after {} ms",
                    PARTITIONS,
                    registeredMs,
                    rejoinedMs);
            try (Stream<String> lines =
                    Files.lines(cluster.cluster().nodeDirectory(1).resolve("node.out"))) {
                lines.filter(line -> line.contains("Opened") || line.contains("Still "))
                        .forEach(line -> LOG.info("node 1: {}", line));
            }
        } finally {
            if (busy != null) {
                busy.close();
            }
        }
    }

    private static void awaitEveryIsr(Admin admin, int size) {
        await("every ISR of size " + size)
                .atMost(DEADLINE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> admin.describeTopics(TOPICS).allTopicNames().get().values().stream()
                        .map(TopicDescription::partitions)
                        .flatMap(List::stream)
                        .allMatch(p -> p.leader() != null && p.isr().size() == size));
    }
}
