package io.partita.broker.replication;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
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
    public record Outcome(Errors error, long lowWatermark) {}

    private final PartitionPurgatory<Outcome> waiters;

    DelayedDeleteRecords(ScheduledExecutorService timer) {
        this.waiters = new PartitionPurgatory<>(
                timer,
                DelayedDeleteRecords::outcome,
                new Outcome(Errors.NOT_LEADER_OR_FOLLOWER, -1),
                new Outcome(Errors.REQUEST_TIMED_OUT, -1));
    }

    private static Outcome outcome(Partition partition, long requiredOffset) {
        long low = partition.lowWatermark();
        return low < requiredOffset ? null : new Outcome(Errors.NONE, low);
    }

    /** Completes once the in-sync replicas' log starts have all reached {@code requiredOffset}. */
    CompletableFuture<Outcome> await(Partition partition, int leaderEpoch, long requiredOffset, long timeoutMs) {
        return waiters.await(partition, leaderEpoch, requiredOffset, timeoutMs);
    }

    /** Re-checks the waiters of a partition after a follower's fetch, or a change of ISR or leadership. */
    void check(TopicPartition tp) {
        waiters.check(tp);
    }

    void checkAll() {
        waiters.checkAll();
    }

    /** The node is stopping: what waits is answered as if this node no longer led. */
    void close() {
        waiters.close();
    }
}
