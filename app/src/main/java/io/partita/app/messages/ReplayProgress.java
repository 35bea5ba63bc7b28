package io.partita.app.messages;

/**
 * How far a replay has come.
 *
 * @param read      records read from the source
 * @param matched   records the filter kept
 * @param delivered records the target took (acknowledged by the cluster, or shown in the app)
 * @param partition the partition being replayed, -1 before the first
 * @param offset    the offset of the last record handled, -1 before the first
 * @param state     RUNNING, PAUSED, DONE, CANCELLED or FAILED
 */
public record ReplayProgress(long read, long matched, long delivered, int partition, long offset, State state,
                             long elapsedMillis, String failure) {

    public enum State { RUNNING, PAUSED, DONE, CANCELLED, FAILED }

    /** One line for the status bar or the summary at the end. */
    public String summary() {
        String counts = delivered + " of " + matched + " matching records delivered (" + read + " read) in "
                + String.format("%.1f s", elapsedMillis / 1000.0);
        return switch (state) {
            case RUNNING -> "Replaying partition " + partition + ", offset " + offset + ": " + counts;
            case PAUSED -> "Paused at partition " + partition + ", offset " + offset + ": " + counts;
            case DONE -> "Done: " + counts;
            case CANCELLED -> "Cancelled: " + counts;
            case FAILED -> "Stopped by an error after " + counts + ": " + failure;
        };
    }
}
