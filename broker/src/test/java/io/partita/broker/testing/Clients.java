package io.partita.broker.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The real Kafka Java client, configured for tests against a local cluster: our acceptance judge. */
public final class Clients {
    private Clients() {}

    public static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(props);
    }

    public static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
        return new KafkaProducer<>(producerProperties(bootstrap, StringSerializer.class, extra));
    }

    public static KafkaConsumer<String, String> consumer(String bootstrap, Map<String, Object> extra) {
        return new KafkaConsumer<>(consumerProperties(bootstrap, StringDeserializer.class, extra));
    }

    /** Short timeouts, so a test fails in seconds rather than minutes. */
    private static Properties producerProperties(String bootstrap, Class<?> serializer, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, serializer);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, serializer);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.putAll(extra);
        return props;
    }

    /** No group commits, reading from the beginning unless a test says otherwise. */
    private static Properties consumerProperties(String bootstrap, Class<?> deserializer, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, deserializer);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putAll(extra);
        return props;
    }

    public static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    /** Waits until every partition of the topic has a leader and all its replicas in sync. */
    public static void awaitFullIsr(Admin admin, String topic) {
        org.awaitility.Awaitility.await("every replica of " + topic + " in sync")
                .atMost(Duration.ofSeconds(30))
                .until(() -> describe(admin, topic).partitions().stream()
                        .allMatch(p -> p.leader() != null
                                && p.isr().size() == p.replicas().size()));
    }

    public static void createTopic(Admin admin, String name, int partitions, Map<String, String> configs)
            throws Exception {
        createTopic(admin, name, partitions, 1, configs);
    }

    public static void createTopic(
            Admin admin, String name, int partitions, int replicationFactor, Map<String, String> configs)
            throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) replicationFactor).configs(configs)))
                .all()
                .get();
    }

    /** Reads the given partitions from the beginning until `expected` records arrived or the deadline passed. */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(
            KafkaConsumer<K, V> consumer, Collection<TopicPartition> partitions, int expected, Duration timeout) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /**
     * Reads the given partitions from the beginning up to their end offsets as they are now (the high
     * watermark), failing if that takes longer than the deadline.
     */
    public static <K, V> List<ConsumerRecord<K, V>> readToEnd(
            KafkaConsumer<K, V> consumer, Collection<TopicPartition> partitions, Duration timeout) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + partitions + " up to " + end + " within " + timeout
                        + "; got " + records.size() + " records");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
