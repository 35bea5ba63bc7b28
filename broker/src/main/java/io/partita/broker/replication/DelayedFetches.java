package io.partita.broker.replication;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches waiting for data (Kafka's fetch purgatory): a long poll registers itself on the partitions it
 * reads, and every append to one of them, or move of its high watermark, asks it to try again.
 *
 * <p>Each retry runs on the network thread of the fetch's own connection. Appends are announced on the log's
 * writer thread, which must never do a fetch's reading (nor die of it); the network thread reads and then
 * writes the answer itself, so an append reaches a waiting follower or consumer in one hand-off rather than
 * two (through a retry thread of its own before), and fetches on different connections retry in parallel.
 * Kafka completes them on the thread that appended, which owns no connection either.
 */
public final class DelayedFetches implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DelayedFetches.class);

    /** A parked fetch. {@link #tryComplete()} returns true once it has answered (data, timeout or error). */
    public interface Waiter {
        boolean tryComplete();

        /** Answers now with whatever there is, as at its deadline: the node is stopping. */
        void expire();

        /** Where its retries run: its connection's network thread. */
        Executor executor();
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
        for (Waiter waiter : set) {
            try {
                waiter.executor().execute(() -> retry(tp, set, waiter, wokenAt));
            } catch (RejectedExecutionException stopping) {
                LOG.debug("Network stopping; a fetch waiting on {} answers at its deadline", tp);
            }
        }
    }

    private static void retry(TopicPartition tp, Set<Waiter> set, Waiter waiter, long wokenAt) {
        FetchRetryEvent event = new FetchRetryEvent();
        event.begin();
        long queued = System.nanoTime() - wokenAt;
        boolean answered = false;
        try {
            answered = waiter.tryComplete();
        } catch (Throwable e) {
            // Not answered, but not retried either: its deadline answers it.
            LOG.error("A waiting fetch failed to complete", e);
            set.remove(waiter);
        }
        if (answered) {
            set.remove(waiter);
        }
        event.end();
        if (event.shouldCommit()) {
            event.partition = tp.toString();
            event.answered = answered;
            event.queued = queued;
            event.commit();
        }
    }

    /**
     * Answers every parked fetch: the timer that would have answered them at their deadline stops with the
     * node, and a request that never completes keeps its connection's pooled frame forever.
     */
    @Override
    public void close() {
        for (Waiter waiter : waiters.all()) {
            try {
                waiter.expire();
            } catch (RuntimeException e) {
                LOG.debug("A parked fetch failed to answer while stopping: {}", e.toString());
            }
        }
    }
}
