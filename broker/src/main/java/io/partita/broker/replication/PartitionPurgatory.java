package io.partita.broker.replication;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Requests to a partition's leader that wait until its replicas reach an offset (Kafka's produce and
 * delete-records purgatories). A waiter is answered by its condition once that holds, {@code notLeader} as soon
 * as this node stops leading the partition in the waiter's epoch (or stops altogether), {@code timedOut} at its
 * timeout. Waiters are re-checked when the replica manager says their partition changed.
 *
 * @param <T> the answer
 */
final class PartitionPurgatory<T> {
    /** The answer for a waiter of {@code partition} that needs {@code requiredOffset}, or null to wait on. */
    interface Condition<T> {
        T answer(Partition partition, long requiredOffset);
    }

    private final WaitersByPartition<Waiter<T>> waiters = new WaitersByPartition<>();
    private final ScheduledExecutorService timer;
    private final Condition<T> condition;
    private final T notLeader;
    private final T timedOut;

    PartitionPurgatory(ScheduledExecutorService timer, Condition<T> condition, T notLeader, T timedOut) {
        this.timer = timer;
        this.condition = condition;
        this.notLeader = notLeader;
        this.timedOut = timedOut;
    }

    private static final class Waiter<T> {
        final Partition partition;
        final int leaderEpoch;
        final long requiredOffset;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Waiter(Partition partition, int leaderEpoch, long requiredOffset) {
            this.partition = partition;
            this.leaderEpoch = leaderEpoch;
            this.requiredOffset = requiredOffset;
        }
    }

    /** Completes with the answer once the condition holds for {@code requiredOffset}, or with why it never will. */
    CompletableFuture<T> await(Partition partition, int leaderEpoch, long requiredOffset, long timeoutMs) {
        Waiter<T> waiter = new Waiter<>(partition, leaderEpoch, requiredOffset);
        TopicPartition tp = partition.topicPartition();
        waiters.add(tp, waiter);
        // The condition may have come true before the waiter was registered.
        if (tryComplete(waiter)) {
            waiters.remove(tp, waiter);
            return waiter.result;
        }
        try {
            ScheduledFuture<?> timeout =
                    timer.schedule(() -> waiter.result.complete(timedOut), timeoutMs, TimeUnit.MILLISECONDS);
            waiter.result.whenComplete((r, e) -> {
                timeout.cancel(false);
                waiters.remove(tp, waiter);
            });
        } catch (RejectedExecutionException stopping) {
            waiter.result.complete(notLeader);
        }
        return waiter.result;
    }

    /** True once answered. */
    private boolean tryComplete(Waiter<T> waiter) {
        if (waiter.result.isDone()) {
            return true;
        }
        Partition partition = waiter.partition;
        if (!partition.isLeader() || partition.leaderEpoch() != waiter.leaderEpoch) {
            waiter.result.complete(notLeader);
            return true;
        }
        T answer = condition.answer(partition, waiter.requiredOffset);
        if (answer == null) {
            return false;
        }
        waiter.result.complete(answer);
        return true;
    }

    /** Re-checks the waiters of a partition that changed (high watermark, log starts, ISR, leadership). */
    void check(TopicPartition tp) {
        Set<Waiter<T>> set = waiters.on(tp);
        if (!set.isEmpty()) {
            set.removeIf(this::tryComplete);
        }
    }

    void checkAll() {
        waiters.partitions().forEach(this::check);
    }

    /**
     * The node is stopping: every waiter is answered as if this node no longer led, as one arriving after the
     * timer stopped is. Its timeout would never fire, and its request would keep its pooled frame forever.
     */
    void close() {
        waiters.all().forEach(waiter -> waiter.result.complete(notLeader));
    }
}
