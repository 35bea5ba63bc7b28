package io.partita.broker.log;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides when the writer syncs the environment: commits reach the OS at once (so they survive kill -9), and
 * reach the disk when a partition's flush.messages / flush.ms, or the node's log.flush.interval.messages /
 * log.flush.interval.ms, is due. Writer thread only.
 */
final class FlushTracker {

    private static final class Unflushed {
        long records;
        long sinceMs;
    }

    private final LogStoreSettings settings;
    private final Map<PartitionLog, Unflushed> unflushed = new HashMap<>();
    private long totalRecords;
    private long oldestMs = Long.MAX_VALUE;

    FlushTracker(LogStoreSettings settings) {
        this.settings = settings;
    }

    void appended(PartitionLog log, long records, long now) {
        if (records <= 0) {
            return;
        }
        Unflushed entry = unflushed.computeIfAbsent(log, l -> {
            Unflushed fresh = new Unflushed();
            fresh.sinceMs = now;
            return fresh;
        });
        entry.records += records;
        totalRecords += records;
        oldestMs = Math.min(oldestMs, entry.sinceMs);
    }

    boolean due(long now) {
        if (unflushed.isEmpty()) {
            return false;
        }
        if (totalRecords >= settings.flushIntervalMessages() || now - oldestMs >= settings.flushIntervalMs()) {
            return true;
        }
        for (Map.Entry<PartitionLog, Unflushed> entry : unflushed.entrySet()) {
            LogConfig config = entry.getKey().config();
            if (entry.getValue().records >= config.flushMessages()
                    || now - entry.getValue().sinceMs >= config.flushMs()) {
                return true;
            }
        }
        return false;
    }

    /** How long the writer may sleep before a time-based flush falls due. */
    long millisUntilDue(long now) {
        long until = Long.MAX_VALUE;
        for (Map.Entry<PartitionLog, Unflushed> entry : unflushed.entrySet()) {
            long flushMs = Math.min(entry.getKey().config().flushMs(), settings.flushIntervalMs());
            if (flushMs != Long.MAX_VALUE) {
                until = Math.min(until, Math.max(0, entry.getValue().sinceMs + flushMs - now));
            }
        }
        return until;
    }

    void synced() {
        unflushed.clear();
        totalRecords = 0;
        oldestMs = Long.MAX_VALUE;
    }
}
