package io.partita.broker.group;

import io.partita.broker.testing.Clients;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A real KafkaConsumer in a group, polling on a thread of its own (the client is single-threaded and a group
 * member must keep polling): the test reads what it owns, what it consumed and what it was told to revoke.
 */
final class GroupConsumer implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile Set<TopicPartition> owned = Set.of();
    private volatile boolean running = true;
    private volatile boolean leaveOnClose = true;
    final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    final List<Collection<TopicPartition>> revocations = new CopyOnWriteArrayList<>();
    final Map<TopicPartition, Long> firstOffsets = new ConcurrentHashMap<>();

    GroupConsumer(String bootstrap, String group, String topic, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 20_000);
        props.putAll(extra);
        consumer = Clients.consumer(bootstrap, props);
        thread = new Thread(() -> run(topic), "group-consumer-" + group);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String topic) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        revocations.add(List.copyOf(partitions));
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {}
            });
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    records.add(record);
                    firstOffsets.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
                }
                owned = Set.copyOf(consumer.assignment());
                if (commitRequested) {
                    consumer.commitSync(Duration.ofSeconds(20));
                    commitRequested = false;
                    committed = true;
                }
            }
        } catch (WakeupException stopping) {
            // close() woke it
        } finally {
            owned = Set.of();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5))
                    .withGroupMembershipOperation(
                            leaveOnClose
                                    ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                                    : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        }
    }

    private volatile boolean commitRequested;
    private volatile boolean committed;

    /** Asks the polling thread to commit what it consumed; true once it did. */
    void requestCommit() {
        committed = false;
        commitRequested = true;
    }

    boolean committed() {
        return committed;
    }

    Set<TopicPartition> owned() {
        return owned;
    }

    /** Stops polling; with {@code leave} false the member vanishes as if its process died (no LeaveGroup). */
    void stop(boolean leave) throws InterruptedException {
        leaveOnClose = leave;
        running = false;
        consumer.wakeup();
        thread.join(30_000);
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop(true);
        }
    }
}
