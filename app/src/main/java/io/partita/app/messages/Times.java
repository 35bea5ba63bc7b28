package io.partita.app.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Times as people type them. */
public final class Times {
    private static final List<DateTimeFormatter> LOCAL_TIMES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSS]"),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private Times() {
    }

    /**
     * Milliseconds since the epoch for what a person typed: {@code 2026-11-25 14:30[:05[.250]]} or
     * {@code 2026-11-25T14:30:05} in {@code zone}, an instant such as {@code 2026-11-25T14:30:00Z}, a date
     * (its midnight in {@code zone}), or epoch milliseconds.
     *
     * @throws IllegalArgumentException a sentence saying what is wrong
     */
    public static long parse(String typed, ZoneId zone) {
        String text = typed == null ? "" : typed.strip();
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
}
