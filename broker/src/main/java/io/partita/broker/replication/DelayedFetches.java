package io.partita.broker.replication;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Fetches waiting for data (Kafka's fetch purgatory): a long poll registers itself on the partitions it
 * reads, and every append to one of them asks it to try again. Appends are announced on the log's writer
 * thread, which must never do a fetch's reading (nor die of it), so the retries run on a thread of their own.
 */
public final class DelayedFetches implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DelayedFetches.class);

    private final java.util.concurrent.ExecutorService retries = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "delayed-fetches");
                t.setDaemon(true);
                return t;
            });

    /** A parked fetch. {@link #tryComplete()} returns true once it has answered (data, timeout or error). */
    public interface Waiter {
        boolean tryComplete();

        /** Answers now with whatever there is, as at its deadline: the node is stopping. */
        void expire();
    }

    private final WaitersByPartition<Waiter> waiters = new WaitersByPartition<>();

    public void watch(Iterable<TopicPartition> partitions, Waiter waiter) {
        for (TopicPartition tp : partitions) {
            waiters.add(tp, waiter);
        }
    }

    public void unwatch(Iterable<TopicPartition> partitions, Waiter waiter) {
        for (TopicPartition tp : partitions) {
            waiters.remove(tp, waiter);
        }
    }

    /** Something a waiting fetch may want changed in {@code tp}: an append, or a higher high watermark. */
    void wake(TopicPartition tp) {
        Set<Waiter> set = waiters.on(tp);
        if (set.isEmpty()) {
            return;
        }
        long wokenAt = System.nanoTime();
        try {
            retries.execute(() -> retry(tp, set, wokenAt));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            log.debug("Node stopping; fetches waiting on {} answer at their deadline", tp);
        }
    }

    private static void retry(TopicPartition tp, Set<Waiter> set, long wokenAt) {
        FetchRetryEvent event = new FetchRetryEvent();
        event.begin();
        long queued = System.nanoTime() - wokenAt;
        int waiting = 0;
        int answered = 0;
        for (Waiter waiter : set) {
            waiting++;
            try {
                if (waiter.tryComplete()) {
                    set.remove(waiter);
                    answered++;
                }
            } catch (Throwable e) {
                log.error("A waiting fetch failed to complete", e);
                set.remove(waiter);
            }
        }
        event.end();
        if (event.shouldCommit()) {
            event.partition = tp.toString();
            event.waiting = waiting;
            event.answered = answered;
            event.queued = queued;
            event.commit();
        }
    }

    /**
     * Stops retrying and answers every parked fetch: the timer that would have answered them at their deadline
     * stops with the node, and a request that never completes keeps its connection's pooled frame forever.
     */
    @Override
    public void close() {
        retries.shutdownNow();
        for (TopicPartition tp : waiters.partitions()) {
            for (Waiter waiter : waiters.on(tp)) {
                try {
                    waiter.expire();
                } catch (RuntimeException e) {
                    log.debug("A parked fetch on {} failed to answer while stopping: {}", tp, e.toString());
                }
            }
        }
    }
}
