package io.partita.broker.replication;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Fetches waiting for data (Kafka's fetch purgatory): a long poll registers itself on the partitions it
 * reads, and every append to one of them asks it to try again.
 */
public final class DelayedFetches {

    /** A parked fetch. {@link #tryComplete()} returns true once it has answered (data, timeout or error). */
    public interface Waiter {
        boolean tryComplete();
    }

    private final Map<TopicPartition, Set<Waiter>> waiters = new ConcurrentHashMap<>();

    public void watch(Iterable<TopicPartition> partitions, Waiter waiter) {
        for (TopicPartition tp : partitions) {
            waiters.computeIfAbsent(tp, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        }
    }

    public void unwatch(Iterable<TopicPartition> partitions, Waiter waiter) {
        for (TopicPartition tp : partitions) {
            Set<Waiter> set = waiters.get(tp);
            if (set != null) {
                set.remove(waiter);
            }
        }
    }

    void onAppend(TopicPartition tp) {
        Set<Waiter> set = waiters.get(tp);
        if (set == null || set.isEmpty()) {
            return;
        }
        for (Waiter waiter : set) {
            if (waiter.tryComplete()) {
                set.remove(waiter);
            }
        }
    }
}
