package io.partita.app.client.replay;

import io.partita.app.client.records.ReplayRange;

/**
 * Where a replay stands in one partition: its range, and the offset of the record it handled last there (replayed,
 * shown, or passed over by the filter), or -1 before the first. What a cursor on the partition's axis shows.
 */
public record ReplayPosition(ReplayRange range, long at) {

    public int partition() {
        return range.partition();
    }

    public boolean started() {
        return at >= 0;
    }

    /** Offsets of the range handled so far (a compacted log may skip some). */
    public long handled() {
        return started() ? Math.min(range.length(), Math.max(0, at + 1 - range.from())) : 0;
    }

    /** One line for the axis' caption and tooltip. */
    public String describe() {
        String span = range.isEmpty() ? "nothing in range" : "range " + range.from() + "–" + (range.until() - 1);
        String where = started() ? "at " + at : "not started";
        return log() + " · " + span + " · " + where;
    }

    /** The partition's records, first to last offset ("log 0–99"), or "empty log". */
    public String log() {
        return range.logEnd() > range.logStart() ? "log " + range.logStart() + "–" + (range.logEnd() - 1) : "empty log";
    }
}
