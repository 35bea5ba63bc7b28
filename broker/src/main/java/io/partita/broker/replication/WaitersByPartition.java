package io.partita.broker.replication;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The requests parked on each partition (a purgatory's watch lists). Adding and removing happen inside the
 * map's own operations, so a set emptied and dropped at the same moment can never swallow a new waiter; a
 * partition nobody waits on any more is forgotten (topics come and go).
 */
final class WaitersByPartition<W> {
    private final Map<TopicPartition, Set<W>> waiters = new ConcurrentHashMap<>();

    void add(TopicPartition tp, W waiter) {
        waiters.compute(tp, (k, set) -> {
            Set<W> watching = set == null ? ConcurrentHashMap.newKeySet() : set;
            watching.add(waiter);
            return watching;
        });
    }

    void remove(TopicPartition tp, W waiter) {
        waiters.computeIfPresent(tp, (k, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    /** The live set of waiters on {@code tp} (empty if none); callers may remove from it as they answer. */
    Set<W> on(TopicPartition tp) {
        return waiters.getOrDefault(tp, Set.of());
    }

    Set<TopicPartition> partitions() {
        return waiters.keySet();
    }

    /** Every waiter, once even if it watches several partitions (a copy: answering may remove them). */
    Set<W> all() {
        Set<W> all = new HashSet<>();
        waiters.values().forEach(all::addAll);
        return all;
    }
}
