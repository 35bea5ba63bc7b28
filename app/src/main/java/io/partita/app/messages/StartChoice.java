package io.partita.app.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The browser's "start at" choice, and what the user typed beside it turned into a {@link StartAt}. */
public enum StartChoice {
    EARLIEST("Earliest", ""),
    LATEST("Latest", ""),
    OFFSET("Offset", "an offset, e.g. 500"),
    TIME("Time", "e.g. 2026-11-25 14:30, 2026-11-25T14:30:00Z or epoch ms"),
    LAST_N("Last N", "how many, e.g. 100");

    private static final List<DateTimeFormatter> LOCAL_TIMES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSS]"),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private final String label;
    private final String hint;

    StartChoice(String label, String hint) {
        this.label = label;
        this.hint = hint;
    }

    /** What the input field asks for; empty when the choice needs no input. */
    public String hint() {
        return hint;
    }

    public boolean needsInput() {
        return !hint.isEmpty();
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
                return new StartAt.LastN((int) Math.min(Integer.MAX_VALUE, wholeNumber(text, "The number of records", 1)));
            default:
                return new StartAt.Time(time(text, zone));
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

    private static long time(String text, ZoneId zone) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("A time is needed, e.g. 2026-11-25 14:30.");
        }
        if (text.chars().allMatch(Character::isDigit) && text.length() > 8) {
            return Long.parseLong(text); // epoch milliseconds
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            // try the local forms
        }
        for (DateTimeFormatter format : LOCAL_TIMES) {
            try {
                return LocalDateTime.parse(text, format).atZone(zone).toInstant().toEpochMilli();
            } catch (DateTimeParseException next) {
                // try the next form
            }
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time; write e.g. 2026-11-25 14:30, "
                    + "2026-11-25T14:30:00Z or epoch milliseconds.");
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
