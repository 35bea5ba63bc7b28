package io.partita.app.client.replay;

import java.util.List;

/**
 * How far a replay has come.
 *
 * @param read      records read from the source
 * @param matched   records the filter kept
 * @param delivered records the target took (acknowledged by the cluster, or shown in the app)
 * @param partition the partition of the last record handled, -1 before the first
 * @param offset    the offset of the last record handled, -1 before the first
 * @param state     RUNNING, PAUSED, DONE, CANCELLED or FAILED
 * @param positions each source partition's range and cursor, by partition (empty until the ranges are resolved)
 */
public record ReplayProgress(
        long read,
        long matched,
        long delivered,
        int partition,
        long offset,
        State state,
        long elapsedMillis,
        String failure,
        List<ReplayPosition> positions) {

    public ReplayProgress {
        positions = List.copyOf(positions);
    }

    /** Nothing done: a replay refused before it started. */
    public static ReplayProgress refused(String why) {
        return new ReplayProgress(0, 0, 0, -1, -1, State.FAILED, 0, why, List.of());
    }

    /** How far through all the partitions' ranges together, 0 to 1 (0 before the first record). */
    public double fraction() {
        long total = positions.stream().mapToLong(p -> p.range().length()).sum();
        if (total <= 0) {
            return state == State.DONE ? 1 : 0;
        }
        return Math.min(1, positions.stream().mapToLong(ReplayPosition::handled).sum() / (double) total);
    }

    public enum State {
        RUNNING,
        PAUSED,
        DONE,
        CANCELLED,
        FAILED
    }

    /** One line for the status bar or the summary at the end. */
    public String summary() {
        String counts = delivered + " of " + matched + " matching records delivered (" + read + " read) in "
                + String.format("%.1f s", elapsedMillis / 1000.0);
        String at = partition < 0 ? "before the first record" : "at partition " + partition + ", offset " + offset;
        return switch (state) {
            case RUNNING ->
                partition < 0
                        ? "Starting: " + counts
                        : "Replaying partition " + partition + ", offset " + offset + ": " + counts;
            case PAUSED -> "Paused " + at + ": " + counts;
            case DONE -> "Done: " + counts;
            case CANCELLED -> "Cancelled: " + counts;
            case FAILED -> "Stopped by an error after " + counts + ": " + failure;
        };
    }
}
