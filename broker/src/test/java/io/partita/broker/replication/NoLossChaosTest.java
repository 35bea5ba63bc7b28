package io.partita.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.broker.local.LocalCluster;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.CpuBurners;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replication acceptance test: an idempotent producer with acks=all writes continuously to a topic with
 * replication factor 3 and min.insync.replicas=2 while nodes, each in its own JVM, are killed with SIGKILL and
 * restarted, the controller and partition leaders among them. Afterwards every partition, read from the
 * beginning, holds every acknowledged record exactly once, at the offset it was acknowledged with, in
 * acknowledgement order; a send that failed may be there once or not at all.
 *
 * <p>Between kills the cluster must recover fully (all nodes registered, every ISR complete), so each kill
 * hits a healthy cluster and only one node is ever down: with min.insync.replicas=2 the producer must keep
 * getting acknowledgements while it is.
 */
@Tag("integration")
class NoLossChaosTest {
    private static final Logger LOG = LoggerFactory.getLogger(NoLossChaosTest.class);
    private static final int NODES = 3;
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(60);

    /**
     * CI size: ten kills, 1,000 records a second over three partitions. The nodes' JVMs compile with C1 only:
     * on two shared cores a restarted JVM's C2 warm-up competes with the running nodes and triples restart
     * times, and this test is about correctness, not speed.
     */
    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyAcknowledgedRecordSurvivesTenKillNines() throws Exception {
        chaos(10, 3, 1_000, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    /**
     * The long run, with the benchmarks ({@code -Pbench}); {@code -Dchaos.kills=60 -Dchaos.rate=5000} are the
     * defaults: {@code mvn -B -Pbench -pl broker verify -Dtest=NoLossChaosTest}. {@code -Dchaos.cpuBurners=2}
     * keeps that many threads spinning the whole time (issue 19: a laptop whose cores are busy with other work).
     */
    @Test
    @Tag("bench")
    @Timeout(value = 90, unit = TimeUnit.MINUTES)
    void everyAcknowledgedRecordSurvivesManyKillNines() throws Exception {
        try (CpuBurners busy = CpuBurners.start(Integer.getInteger("chaos.cpuBurners", 0))) {
            chaos(
                    Integer.getInteger("chaos.kills", 60),
                    6,
                    Integer.getInteger("chaos.rate", 5_000),
                    LocalCluster.Settings.DEFAULT_CHILD_JVM_OPTIONS);
        }
    }

    private void chaos(int kills, int partitions, int recordsPerSecond, List<String> nodeJvmOptions) throws Exception {
        String topic = "chaos";
        AckLedger ledger = new AckLedger();
        List<String> victims = new ArrayList<>();
        try (TestCluster test = TestCluster.startChildJvms(NODES, Map.of(), nodeJvmOptions)) {
            LocalCluster cluster = test.cluster();
            String bootstrap = cluster.bootstrapServers(); // every node's fixed port: valid across restarts
            try (Admin admin = Clients.admin(bootstrap)) {
                Clients.createTopic(admin, topic, partitions, NODES, Map.of("min.insync.replicas", "2"));
                awaitHealthy(admin, topic, partitions, ledger, 0);
                try (ContinuousProducer producer =
                        new ContinuousProducer(bootstrap, topic, partitions, recordsPerSecond, ledger).start()) {
                    awaitProgress("first acknowledgements", ledger, 0);
                    for (int kill = 0; kill < kills; kill++) {
                        // Alternate: the controller, then the leader of the next partition, so both roles are
                        // hit repeatedly (and sometimes one node holds both).
                        boolean controller = kill % 2 == 0;
                        int victim = controller ? controller(admin) : leader(admin, topic, (kill / 2) % partitions);
                        victims.add((controller
                                        ? "controller "
                                        : "leader of " + topic + "-" + (kill / 2) % partitions + " ")
                                + victim);
                        long before = ledger.acknowledgedCount();
                        LOG.info(
                                "Kill {} of {}: kill -9 node {} ({}), {} records acknowledged so far",
                                kill + 1,
                                kills,
                                victim,
                                controller ? "controller" : "leader",
                                before);
                        long killedAt = System.nanoTime();
                        cluster.killNode(victim);
                        // Two of three replicas suffice for min.insync.replicas=2: writes go on without the victim.
                        awaitProgress("acknowledgements with node " + victim + " down", ledger, before);
                        long resumedAt = System.nanoTime();
                        cluster.startNode(victim);
                        long registeredAt = System.nanoTime();
                        awaitHealthy(admin, topic, partitions, ledger, ledger.acknowledgedCount());
                        LOG.info(
                                "Node {}: writes resumed {} ms after the kill, restart took {} ms, cluster healthy {} ms"
                                        + " later",
                                victim,
                                millis(resumedAt - killedAt),
                                millis(registeredAt - resumedAt),
                                millis(System.nanoTime() - registeredAt));
                    }
                }
            }
            LOG.info(
                    "{} kills ({}); {} records acknowledged, {} sends failed",
                    kills,
                    victims,
                    ledger.acknowledgedCount(),
                    ledger.failedCount());
            assertThat(victims)
                    .hasSize(kills)
                    .anyMatch(v -> v.startsWith("controller"))
                    .anyMatch(v -> v.startsWith("leader"));
            verify(cluster.bootstrapServers(), topic, partitions, ledger);
        }
    }

    /** Every acknowledged record exactly once, where it was acknowledged, in order; nothing that was never sent. */
    private static void verify(String bootstrap, String topic, int partitions, AckLedger ledger) {
        Set<String> failed = ledger.failed();
        try (KafkaConsumer<String, String> consumer = Clients.consumer(bootstrap, Map.of())) {
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                List<AckLedger.Ack> acked = ledger.acknowledged(p);
                assertThat(acked).as("acknowledgements of %s", tp).isNotEmpty();
                assertThat(acked)
                        .extracting(AckLedger.Ack::offset)
                        .as("acknowledged offsets of %s", tp)
                        .isSorted()
                        .doesNotHaveDuplicates();

                List<ConsumerRecord<String, String>> records =
                        Clients.readToEnd(consumer, List.of(tp), Duration.ofSeconds(120));
                List<String> values =
                        records.stream().map(ConsumerRecord::value).toList();
                assertThat(values).as("values in %s", tp).doesNotHaveDuplicates();
                Set<String> sentHere = new HashSet<>(failed);
                acked.forEach(a -> sentHere.add(a.value()));
                assertThat(values)
                        .as("values in %s that were never sent there", tp)
                        .allMatch(sentHere::contains);
                assertThat(values.stream().filter(v -> !failed.contains(v)).toList())
                        .as("%s without the failed sends, against its acknowledgements", tp)
                        .containsExactlyElementsOf(
                                acked.stream().map(AckLedger.Ack::value).toList());
                Map<Long, String> byOffset = new HashMap<>();
                records.forEach(r -> byOffset.put(r.offset(), r.value()));
                assertThat(acked)
                        .as("acknowledged records of %s at their acknowledged offsets", tp)
                        .allMatch(a -> a.value().equals(byOffset.get(a.offset())));
                LOG.info("{}: {} records, {} acknowledged", tp, records.size(), acked.size());
            }
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static int controller(Admin admin) {
        return await("the controller")
                .atMost(STEP_DEADLINE)
                .ignoreExceptions()
                .until(
                        () -> {
                            Node node = admin.describeCluster().controller().get(10, TimeUnit.SECONDS);
                            return node == null || node.isEmpty() ? -1 : node.id();
                        },
                        id -> id >= 0);
    }

    private static int leader(Admin admin, String topic, int partition) {
        return await("the leader of " + topic + "-" + partition)
                .atMost(STEP_DEADLINE)
                .ignoreExceptions()
                .until(
                        () -> {
                            Node leader = describe(admin, topic)
                                    .partitions()
                                    .get(partition)
                                    .leader();
                            return leader == null || leader.isEmpty() ? -1 : leader.id();
                        },
                        id -> id >= 0);
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic);
    }

    private static void awaitProgress(String what, AckLedger ledger, long before) {
        await(what).atMost(STEP_DEADLINE).until(() -> ledger.acknowledgedCount() > before + 100);
    }

    /** All nodes registered, every partition led with all replicas in sync, and writes acknowledged again. */
    private static void awaitHealthy(Admin admin, String topic, int partitions, AckLedger ledger, long before) {
        await("all " + NODES + " nodes registered")
                .atMost(STEP_DEADLINE)
                .ignoreExceptions()
                .until(() -> admin.describeCluster()
                                .nodes()
                                .get(10, TimeUnit.SECONDS)
                                .size()
                        == NODES);
        await("every ISR of " + topic + " full")
                .atMost(STEP_DEADLINE)
                .ignoreExceptions()
                .until(() -> {
                    List<TopicPartitionInfo> infos = describe(admin, topic).partitions();
                    return infos.size() == partitions
                            && infos.stream()
                                    .allMatch(p -> p.leader() != null
                                            && !p.leader().isEmpty()
                                            && p.isr().size() == NODES);
                });
        if (before > 0) {
            awaitProgress("acknowledgements after recovery", ledger, before);
        }
    }
}
