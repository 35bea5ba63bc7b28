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
 * Appends with acks=all waiting for the ISR (Kafka's produce purgatory). An append is acknowledged once the
 * high watermark passes it; it fails with NOT_ENOUGH_REPLICAS_AFTER_APPEND if by then the ISR had shrunk
 * below min.insync.replicas, with NOT_LEADER_OR_FOLLOWER if this node stopped leading (in that epoch), and
 * with REQUEST_TIMED_OUT at the request's timeout. Waiters are re-checked whenever the high watermark, the
 * ISR or the leadership of their partition changes.
 */
final class DelayedProduces {
    private final WaitersByPartition<Waiter> waiters = new WaitersByPartition<>();
    private final ScheduledExecutorService timer;

    DelayedProduces(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    private static final class Waiter {
        final Partition partition;
        final int leaderEpoch;
        final long requiredOffset;
        final CompletableFuture<Errors> result = new CompletableFuture<>();

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
            Errors outcome;
            if (!partition.isLeader() || partition.leaderEpoch() != leaderEpoch) {
                outcome = Errors.NOT_LEADER_OR_FOLLOWER;
            } else if (partition.log().highWatermark() >= requiredOffset) {
                boolean enough = partition.isr().size() >= partition.config().minInSyncReplicas();
                outcome = enough ? Errors.NONE : Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND;
            } else {
                return false;
            }
            result.complete(outcome);
            return true;
        }
    }

    /** Completes with the append's outcome once every in-sync replica has {@code requiredOffset - 1}. */
    CompletableFuture<Errors> await(Partition partition, int leaderEpoch, long requiredOffset, long timeoutMs) {
        Waiter waiter = new Waiter(partition, leaderEpoch, requiredOffset);
        TopicPartition tp = partition.topicPartition();
        waiters.add(tp, waiter);
        // The high watermark may have passed the offset before the waiter was registered.
        if (waiter.tryComplete()) {
            waiters.remove(tp, waiter);
            return waiter.result;
        }
        try {
            ScheduledFuture<?> timeout = timer.schedule(() -> waiter.result.complete(Errors.REQUEST_TIMED_OUT),
                    timeoutMs, TimeUnit.MILLISECONDS);
            waiter.result.whenComplete((r, e) -> {
                timeout.cancel(false);
                waiters.remove(tp, waiter);
            });
        } catch (RejectedExecutionException stopping) {
            waiter.result.complete(Errors.NOT_LEADER_OR_FOLLOWER);
        }
        return waiter.result;
    }

    /** Re-checks the waiters of a partition whose high watermark, ISR or leadership changed. */
    void check(TopicPartition tp) {
        Set<Waiter> set = waiters.on(tp);
        if (!set.isEmpty()) {
            set.removeIf(Waiter::tryComplete);
        }
    }

    void checkAll() {
        waiters.partitions().forEach(this::check);
    }

    /**
     * The node is stopping: every waiting append is answered NOT_LEADER_OR_FOLLOWER, as one arriving after the
     * timer stopped is. Its timeout would never fire, and its request would keep its pooled frame forever.
     */
    void close() {
        waiters.all().forEach(waiter -> waiter.result.complete(Errors.NOT_LEADER_OR_FOLLOWER));
    }
}
