package io.partita.app.common;

import io.partita.app.client.records.Moments;
import io.partita.app.client.records.StartAt;
import java.time.ZoneId;

/** The browser's "start at" choice, and what the user typed beside it turned into a {@link StartAt}. */
public enum StartChoice implements HintedChoice {
    EARLIEST("Earliest", ""),
    LATEST("Latest", ""),
    OFFSET("Offset", "an offset, e.g. 500"),
    TIME("Time", "e.g. 2026-11-25 14:30, 2026-11-25T14:30:00Z or epoch ms"),
    LAST_N("Last N", "how many, e.g. 100");

    private final String label;
    private final String hint;

    StartChoice(String label, String hint) {
        this.label = label;
        this.hint = hint;
    }

    @Override
    public String hint() {
        return hint;
    }

    /**
     * Where to start, from the typed {@code input} (times without a zone are in {@code zone}).
     *
     * @throws IllegalArgumentException a sentence saying what is wrong with the input
     */
    public StartAt parse(String input, ZoneId zone) {
        String text = input == null ? "" : input.strip().replace("_", "");
        switch (this) {
            case EARLIEST:
                return new StartAt.Earliest();
            case LATEST:
                return new StartAt.Latest();
            case OFFSET:
                return new StartAt.Offset(wholeNumber(text, "An offset", 0));
            case LAST_N:
                return new StartAt.LastN(
                        (int) Math.min(Integer.MAX_VALUE, wholeNumber(text, "The number of records", 1)));
            default:
                return new StartAt.Time(Moments.require(text, zone));
        }
    }

    private static long wholeNumber(String text, String what, long min) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " is needed.");
        }
        try {
            long n = Long.parseLong(text);
            if (n < min) {
                throw new IllegalArgumentException(what + " must be " + min + " or more, not " + n + ".");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not \"" + text + "\".");
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
