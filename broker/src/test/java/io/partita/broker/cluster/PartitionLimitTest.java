package io.partita.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.partita.broker.config.BrokerConfig;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A node holds at most partita.max.partitions partitions (what its LMDB environment has databases for):
 * CreateTopics, CreatePartitions and reassignments that would pass it are refused with a message that says why,
 * and the node warns at 80 %. Before, CreateTopics reported success and the partitions past the store's databases
 * never got a leader.
 */
@Tag("integration")
class PartitionLimitTest {
    private static final String WHY = "Broker 0 would hold 11 partitions, more than its partita.max.partitions of 10";

    @Test
    void requestsThatWouldPassANodesLimitAreRefusedAndTheNodeWarnsAtEightyPercent() throws Exception {
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        Logger watch = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(PartitionLimitWatch.class);
        watch.addAppender(warnings);
        try (TestCluster cluster = TestCluster.start(2, Map.of(BrokerConfig.MAX_PARTITIONS, "10"));
                Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic("a", onBroker(0, 8)))).all().get();
            await().until(() -> warnings.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.equals(
                            "Node 0 holds 8 partitions, 80 % of its partita.max.partitions of 10; requests that"
                                    + " would pass it will be refused.")));

            assertRefused(() -> admin.createTopics(List.of(new NewTopic("b", onBroker(0, 3))))
                    .all()
                    .get());
            assertRefused(() -> admin.createTopics(List.of(new NewTopic("b", 3, (short) 2)))
                    .all()
                    .get());
            admin.createTopics(List.of(new NewTopic("b", onBroker(1, 3)))).all().get();

            assertRefused(() -> admin.createPartitions(
                            Map.of("a", NewPartitions.increaseTo(11, List.of(List.of(0), List.of(0), List.of(0)))))
                    .all()
                    .get());
            admin.createPartitions(Map.of("a", NewPartitions.increaseTo(10, List.of(List.of(0), List.of(0)))))
                    .all()
                    .get();

            assertRefused(() -> admin.alterPartitionReassignments(
                            Map.of(new TopicPartition("b", 0), Optional.of(new NewPartitionReassignment(List.of(0)))))
                    .all()
                    .get());

            // What was accepted works: every partition has its leader.
            Clients.awaitFullIsr(admin, "a");
            Clients.awaitFullIsr(admin, "b");
            assertThat(Clients.describe(admin, "a").partitions()).hasSize(10);
            assertThat(Clients.describe(admin, "b").partitions())
                    .allSatisfy(p ->
                            assertThat(p.replicas()).extracting(n -> n.id()).containsExactly(1));
        } finally {
            watch.detachAppender(warnings);
        }
    }

    private static Map<Integer, List<Integer>> onBroker(int broker, int partitions) {
        Map<Integer, List<Integer>> assignment = new HashMap<>();
        IntStream.range(0, partitions).forEach(p -> assignment.put(p, List.of(broker)));
        return assignment;
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable request) {
        assertThatThrownBy(request)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageStartingWith(WHY)
                .hasMessageContaining("Raise the limit on that node, or place the partitions on other brokers.");
    }
}
