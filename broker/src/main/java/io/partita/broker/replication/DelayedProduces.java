package io.partita.broker.replication;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
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
    private final PartitionPurgatory<Errors> waiters;

    DelayedProduces(ScheduledExecutorService timer) {
        this.waiters = new PartitionPurgatory<>(
                timer, DelayedProduces::outcome, Errors.NOT_LEADER_OR_FOLLOWER, Errors.REQUEST_TIMED_OUT);
    }

    private static Errors outcome(Partition partition, long requiredOffset) {
        if (partition.log().highWatermark() < requiredOffset) {
            return null;
        }
        return partition.isr().size() >= partition.config().minInSyncReplicas()
                ? Errors.NONE
                : Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND;
    }

    /** Completes with the append's outcome once every in-sync replica has {@code requiredOffset - 1}. */
    CompletableFuture<Errors> await(Partition partition, int leaderEpoch, long requiredOffset, long timeoutMs) {
        return waiters.await(partition, leaderEpoch, requiredOffset, timeoutMs);
    }

    /** Re-checks the waiters of a partition whose high watermark, ISR or leadership changed. */
    void check(TopicPartition tp) {
        waiters.check(tp);
    }

    void checkAll() {
        waiters.checkAll();
    }

    /** The node is stopping: every waiting append is answered NOT_LEADER_OR_FOLLOWER. */
    void close() {
        waiters.close();
    }
}
