package io.partita.broker.cluster;

import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** What the controller tests ask of the Admin client, and a producer that keeps writing meanwhile. */
final class Topics {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private Topics() {}

    static void create(Admin admin, String topic, Map<Integer, List<Integer>> assignment) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, assignment))).all().get();
    }

    static TopicPartitionInfo partition(Admin admin, String topic, int partition) throws Exception {
        return Clients.describe(admin, topic).partitions().get(partition);
    }

    static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    static int leader(TopicPartitionInfo info) {
        return info.leader() == null ? -1 : info.leader().id();
    }

    /** Reads every record of the given partitions from the beginning. */
    static List<String> readAll(String bootstrap, List<TopicPartition> partitions, int expected) {
        try (KafkaConsumer<String, String> consumer = Clients.consumer(bootstrap, Map.of())) {
            return Clients.readAll(consumer, partitions, expected, DEADLINE).stream()
                    .map(ConsumerRecord::value)
                    .toList();
        }
    }

    /**
     * An idempotent acks=all producer writing "topic-n" values to partition 0 of each topic in turn until
     * stopped, remembering what was acknowledged.
     */
    static final class BackgroundProducer implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger failures = new AtomicInteger();
        private final Thread thread;

        BackgroundProducer(String bootstrap, List<String> topics) {
            producer = Clients.producer(
                    bootstrap,
                    Map.of(
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true,
                            ProducerConfig.LINGER_MS_CONFIG,
                            5));
            thread = new Thread(
                    () -> {
                        for (int n = 0; running.get(); n++) {
                            String topic = topics.get(n % topics.size());
                            String value = topic + "-" + n;
                            try {
                                producer.send(new ProducerRecord<>(topic, 0, null, value))
                                        .get();
                                acknowledged.add(value);
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                failures.incrementAndGet();
                            }
                        }
                    },
                    "background-producer");
            thread.start();
        }

        /** Waits until at least {@code count} more records have been acknowledged. */
        void awaitMore(int count) {
            int target = acknowledged.size() + count;
            await().atMost(DEADLINE).until(() -> acknowledged.size() >= target);
        }

        List<String> acknowledged(String topic) {
            synchronized (acknowledged) {
                return acknowledged.stream()
                        .filter(v -> v.startsWith(topic + "-"))
                        .toList();
            }
        }

        int failures() {
            return failures.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(DEADLINE.toMillis());
            producer.close(Duration.ofSeconds(5));
        }
    }
}
