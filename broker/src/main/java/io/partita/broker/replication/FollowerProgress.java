package io.partita.broker.replication;

/**
 * What a leader knows of one follower, from its fetches (Kafka's {@code Replica} state): how far its log
 * reaches and when it was last caught up. A follower is caught up at a fetch if it asked for the leader's
 * log end, or at least for what the log end was at its previous fetch (then it was caught up at that time).
 * Not thread-safe: guarded by the owning {@link Partition}.
 */
final class FollowerProgress {
    static final long UNKNOWN = -1;

    private long logEndOffset = UNKNOWN;
    /** The follower's own log start, as its fetches report it: DeleteRecords waits until it has moved. */
    private long logStartOffset = UNKNOWN;

    private long lastCaughtUpTimeMs;
    private long lastFetchLeaderLogEndOffset = UNKNOWN;
    private long lastFetchTimeMs;

    /** @param caughtUpAtMs when the follower counts as last caught up (now for an ISR member, else 0) */
    FollowerProgress(long caughtUpAtMs) {
        this.lastCaughtUpTimeMs = caughtUpAtMs;
    }

    void onFetch(long fetchOffset, long followerLogStartOffset, long leaderLogEndOffset, long nowMs) {
        logStartOffset = followerLogStartOffset;
        if (fetchOffset >= leaderLogEndOffset) {
            lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, nowMs);
        } else if (fetchOffset >= lastFetchLeaderLogEndOffset && lastFetchLeaderLogEndOffset != UNKNOWN) {
            lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, lastFetchTimeMs);
        }
        logEndOffset = fetchOffset;
        lastFetchLeaderLogEndOffset = leaderLogEndOffset;
        lastFetchTimeMs = nowMs;
    }

    long logEndOffset() {
        return logEndOffset;
    }

    long logStartOffset() {
        return logStartOffset;
    }

    /** Kafka's rule: out of sync when behind the leader's log end and not caught up for {@code maxLagMs}. */
    boolean isOutOfSync(long leaderLogEndOffset, long nowMs, long maxLagMs) {
        return logEndOffset != leaderLogEndOffset && nowMs - lastCaughtUpTimeMs > maxLagMs;
    }
}
