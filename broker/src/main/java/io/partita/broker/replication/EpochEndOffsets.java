package io.partita.broker.replication;

import io.partita.broker.log.EpochEntry;
import java.util.List;

/**
 * Kafka's leader-epoch arithmetic, shared by the leader (answering OffsetForLeaderEpoch) and a follower
 * (deciding where its log diverged from the leader's). Pure functions over a leader-epoch cache: the epochs
 * of a log and the offset each started at, oldest first.
 */
public final class EpochEndOffsets {
    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_OFFSET = -1;

    private EpochEndOffsets() {}

    /** An epoch and the offset just past its last record (the first offset of the next epoch). */
    public record EpochEnd(int epoch, long endOffset) {
        static final EpochEnd UNDEFINED = new EpochEnd(UNDEFINED_EPOCH, UNDEFINED_OFFSET);
    }

    /**
     * Kafka's {@code LeaderEpochFileCache.endOffsetFor}: the largest epoch at or below {@code requested} and
     * where it ended. The latest epoch ends at the log end; an epoch older than every cached one is undefined.
     */
    public static EpochEnd endOffsetFor(List<EpochEntry> epochs, int requested, long logEndOffset) {
        if (epochs.isEmpty() || requested < epochs.get(0).epoch()) {
            return EpochEnd.UNDEFINED;
        }
        EpochEntry latest = epochs.get(epochs.size() - 1);
        if (requested >= latest.epoch()) {
            return new EpochEnd(latest.epoch(), logEndOffset);
        }
        for (int i = epochs.size() - 1; i >= 0; i--) {
            if (epochs.get(i).epoch() <= requested) {
                return new EpochEnd(epochs.get(i).epoch(), epochs.get(i + 1).startOffset());
            }
        }
        return EpochEnd.UNDEFINED;
    }

    /**
     * Where a follower truncates, given the leader's answer for the follower's latest epoch ({@code leader}),
     * as Kafka's {@code AbstractFetcherThread.getOffsetTruncationState}. {@code complete} is false when the
     * leader answered with an older epoch than the follower's own matching one: the follower truncates there
     * and asks again with its new latest epoch.
     */
    public record Truncation(long offset, boolean complete) {}

    public static Truncation truncationFor(
            EpochEnd leader, List<EpochEntry> localEpochs, long localLogEnd, long localHighWatermark) {
        if (leader.endOffset() == UNDEFINED_OFFSET) {
            // The leader knows nothing of our epochs: only what was committed is known to be safe.
            return new Truncation(Math.min(localHighWatermark, localLogEnd), true);
        }
        if (leader.epoch() == UNDEFINED_EPOCH) {
            return new Truncation(Math.min(leader.endOffset(), localLogEnd), true);
        }
        EpochEnd local = endOffsetFor(localEpochs, leader.epoch(), localLogEnd);
        if (local.epoch() == UNDEFINED_EPOCH) {
            return new Truncation(Math.min(leader.endOffset(), localLogEnd), true);
        }
        if (local.epoch() != leader.epoch()) {
            return new Truncation(local.endOffset(), false);
        }
        return new Truncation(Math.min(leader.endOffset(), local.endOffset()), true);
    }
}
