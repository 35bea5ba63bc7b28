package io.partita.broker.replication;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What a producer was told, per partition: every acknowledged record with its offset in callback order (the
 * producer calls back in send order per partition), and the values of sends that failed, which a reader may
 * find once or not at all.
 */
final class AckLedger {

    record Ack(long offset, String value) {}

    private final Map<Integer, List<Ack>> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** Called from the producer's callback. */
    void record(int partition, String value, RecordMetadata metadata, Exception error) {
        if (error != null) {
            failed.add(value);
            failures.incrementAndGet();
            return;
        }
        List<Ack> list = acknowledged.computeIfAbsent(partition, p -> new ArrayList<>());
        synchronized (list) {
            list.add(new Ack(metadata.offset(), value));
        }
        acks.incrementAndGet();
    }

    long acknowledgedCount() {
        return acks.get();
    }

    long failedCount() {
        return failures.get();
    }

    List<Ack> acknowledged(int partition) {
        List<Ack> list = acknowledged.getOrDefault(partition, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    Set<String> failed() {
        return new HashSet<>(failed);
    }
}
