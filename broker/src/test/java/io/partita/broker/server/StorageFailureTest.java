package io.partita.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.RawConnection;
import io.partita.broker.testing.TestCluster;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lmdbjava.LmdbNativeException;
import org.slf4j.LoggerFactory;

/**
 * A failed store takes its node out cleanly: for each injected failure (a full disk, an environment LMDB calls
 * unusable, a writer thread that dies), the leader's node says so in one line, answers KAFKA_STORAGE_ERROR, and
 * leaves the cluster, whose controller moves the leadership; the producer carries on, and every acknowledged
 * record is there exactly once, in order. The failures are LMDB's own exception types, thrown inside the writer.
 */
@Tag("integration")
class StorageFailureTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final TopicPartition TP = new TopicPartition("stored", 0);

    @Test
    void eachFatalStorageFailureTakesItsNodeOutAndLosesNothingAcknowledged() throws Exception {
        ListAppender<ILoggingEvent> said = new ListAppender<>();
        said.start();
        Logger nodeLog = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(BrokerNode.class);
        nodeLog.addAppender(said);
        try (TestCluster cluster = TestCluster.start(3, Map.of());
                Admin admin = Clients.admin(cluster.bootstrap());
                KafkaProducer<String, String> producer = Clients.producer(
                        cluster.bootstrap(),
                        Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
            admin.createTopics(
                            List.of(new NewTopic(TP.topic(), 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all()
                    .get();
            Clients.awaitFullIsr(admin, TP.topic());
            List<String> acknowledged = new ArrayList<>();
            Map<String, Throwable> failures = Map.of(
                    "the disk is full", lmdbError("ConstantDerivedException", 28, "No space left on device"),
                    "LMDB reports the environment unusable", lmdbError("PanicException", 0, null),
                    "its writer thread stopped", new OutOfMemoryError("injected: the writer thread dies"));
            int round = 0;
            for (Map.Entry<String, Throwable> failure : failures.entrySet()) {
                produce(producer, "before-" + round, 20, acknowledged);
                int victim = leader(admin);
                BrokerNode node = cluster.cluster().broker(victim).orElseThrow();
                node.injectStoreFailureForTesting(failure.getValue());
                produce(producer, "across-" + round, 20, acknowledged);

                // The store's next write meets the failure: the first append if the victim still leads, else its
                // first follower append (the cluster may have moved the leadership back to its preferred replica
                // between leader() and the injection), which can come after the producer's acknowledgements.
                await().atMost(DEADLINE).until(() -> node.storeFailure().isPresent());
                assertThat(node.storeFailure()).get().asString().startsWith(failure.getKey());
                await().atMost(DEADLINE)
                        .until(() -> leader(admin) != victim
                                && admin.describeCluster().nodes().get().stream()
                                        .noneMatch(n -> n.id() == victim));
                assertThat(fetchError(cluster.cluster().nodes().get(victim).port()))
                        .isEqualTo(Errors.KAFKA_STORAGE_ERROR);
                assertThat(said.list)
                        .filteredOn(e -> e.getFormattedMessage().contains("has left the cluster"))
                        .hasSize(round + 1)
                        .last()
                        .extracting(ILoggingEvent::getFormattedMessage)
                        .asString()
                        .startsWith("Node " + victim + " has left the cluster because its log store in ")
                        .contains(failure.getKey());
                produce(producer, "after-" + round, 20, acknowledged);

                cluster.cluster().stopNode(victim);
                cluster.cluster().startNode(victim);
                Clients.awaitFullIsr(admin, TP.topic());
                round++;
            }
            try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
                List<ConsumerRecord<String, String>> records = Clients.readToEnd(consumer, List.of(TP), DEADLINE);
                assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(acknowledged);
            }
        } finally {
            nodeLog.detachAppender(said);
        }
    }

    private static void produce(
            KafkaProducer<String, String> producer, String prefix, int count, List<String> acknowledged)
            throws Exception {
        for (int i = 0; i < count; i++) {
            String value = prefix + "-" + i;
            producer.send(new ProducerRecord<>(TP.topic(), 0, null, value)).get();
            acknowledged.add(value);
        }
    }

    private static int leader(Admin admin) throws Exception {
        Node leader = Clients.describe(admin, TP.topic()).partitions().get(0).leader();
        return leader == null ? -1 : leader.id();
    }

    /** A fetch sent straight to the failed node: what it answers for the partition it led. */
    private static Errors fetchError(int port) throws Exception {
        FetchRequest request = FetchRequest.Builder.forConsumer(
                        (short) 12,
                        0,
                        1,
                        Map.of(TP, new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, 0, 1 << 20, Optional.empty())))
                .build((short) 12);
        try (RawConnection raw = new RawConnection("127.0.0.1", port, 10_000)) {
            RequestHeader header = raw.send(request);
            FetchResponse response = raw.receive(header);
            return Errors.forCode(
                    response.data().responses().get(0).partitions().get(0).errorCode());
        }
    }

    /** LMDB's own exception for a native error code, as the library throws it (its constructors are not public). */
    private static RuntimeException lmdbError(String type, int rc, String message) {
        try {
            Class<?> cls = Class.forName(LmdbNativeException.class.getName() + "$" + type);
            Constructor<?> constructor = message == null
                    ? cls.getDeclaredConstructor()
                    : cls.getDeclaredConstructor(int.class, String.class);
            constructor.setAccessible(true);
            return (RuntimeException)
                    (message == null ? constructor.newInstance() : constructor.newInstance(rc, message));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
