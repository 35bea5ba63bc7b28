package io.partita.broker.replication;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * DeleteRecords waiting for the followers (Kafka's delete-records purgatory). The leader moves its own log start
 * at once; the request is answered only when every in-sync replica has moved its own too (its fetches report it),
 * so that no replica that could lead next still holds the deleted records: after a leader change they stay
 * deleted. Answered NOT_LEADER_OR_FOLLOWER if this node stops leading, REQUEST_TIMED_OUT at the request's timeout.
 */
public final class DelayedDeleteRecords {
    /** The partition's low watermark once it reached the requested offset, or why the request failed. */
    public record Outcome(Errors error, long lowWatermark) {
    }

    private final WaitersByPartition<Waiter> waiters = new WaitersByPartition<>();
    private final ScheduledExecutorService timer;

    DelayedDeleteRecords(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    private static final class Waiter {
        final Partition partition;
        final int leaderEpoch;
        final long requiredOffset;
        final CompletableFuture<Outcome> result = new CompletableFuture<>();

        Waiter(Partition partition, int leaderEpoch, long requiredOffset) {
            this.partition = partition;
            this.leaderEpoch = leaderEpoch;
            this.requiredOffset = requiredOffset;
        }

        /** True once answered. */
        boolean tryComplete() {
            if (result.isDone()) {
                return true;
            }
            if (!partition.isLeader() || partition.leaderEpoch() != leaderEpoch) {
                result.complete(new Outcome(Errors.NOT_LEADER_OR_FOLLOWER, -1));
                return true;
            }
            long low = partition.lowWatermark();
            if (low < requiredOffset) {
                return false;
            }
            result.complete(new Outcome(Errors.NONE, low));
            return true;
        }
    }

    /** Completes once the in-sync replicas' log starts have all reached {@code requiredOffset}. */
    CompletableFuture<Outcome> await(Partition partition, int leaderEpoch, long requiredOffset, long timeoutMs) {
        Waiter waiter = new Waiter(partition, leaderEpoch, requiredOffset);
        TopicPartition tp = partition.topicPartition();
        waiters.add(tp, waiter);
        if (waiter.tryComplete()) {
            waiters.remove(tp, waiter);
            return waiter.result;
        }
        try {
            ScheduledFuture<?> timeout = timer.schedule(
                    () -> waiter.result.complete(new Outcome(Errors.REQUEST_TIMED_OUT, -1)),
                    timeoutMs, TimeUnit.MILLISECONDS);
            waiter.result.whenComplete((r, e) -> {
                timeout.cancel(false);
                waiters.remove(tp, waiter);
            });
        } catch (RejectedExecutionException stopping) {
            waiter.result.complete(new Outcome(Errors.NOT_LEADER_OR_FOLLOWER, -1));
        }
        return waiter.result;
    }

    /** Re-checks the waiters of a partition after a follower's fetch, or a change of ISR or leadership. */
    void check(TopicPartition tp) {
        Set<Waiter> set = waiters.on(tp);
        if (!set.isEmpty()) {
            set.removeIf(Waiter::tryComplete);
        }
    }

    void checkAll() {
        waiters.partitions().forEach(this::check);
    }

    /** The node is stopping: what waits is answered as if this node no longer led. */
    void close() {
        waiters.all().forEach(waiter -> waiter.result.complete(new Outcome(Errors.NOT_LEADER_OR_FOLLOWER, -1)));
    }
}
