package io.partita.app.client.browse;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Where a search is: records scanned of those in range, matches found, and how it ended.
 *
 * @param total   the records between the start and each partition's end when the search began
 * @param failure why it failed (FAILED only), else null
 */
public record SearchProgress(long scanned, long total, long matches, State state, String failure) {

    public enum State {
        RUNNING,
        DONE,
        LIMIT,
        CANCELLED,
        FAILED
    }

    public static SearchProgress refused(String why) {
        return new SearchProgress(0, 0, 0, State.FAILED, why);
    }

    public boolean finished() {
        return state != State.RUNNING;
    }

    /** 0 to 1, for a progress bar. */
    public double fraction() {
        return total == 0 ? (finished() ? 1 : 0) : Math.min(1, (double) scanned / total);
    }

    /** A line for the status: "Scanned 120,000 of 1,000,000 records, 37 matches". */
    public String summary() {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.US);
        String counts = "scanned " + n.format(scanned) + " of " + n.format(total) + " records, " + n.format(matches)
                + (matches == 1 ? " match" : " matches");
        return switch (state) {
            case RUNNING -> "Searching: " + counts;
            case DONE -> "Search done: " + counts;
            case LIMIT ->
                "Search stopped at " + n.format(matches) + " matches (the most it shows): " + counts
                        + ". Narrow the search to see the rest.";
            case CANCELLED -> "Search cancelled: " + counts;
            case FAILED -> "Search failed: " + failure + (scanned > 0 ? " (" + counts + ")" : "");
        };
    }
}
