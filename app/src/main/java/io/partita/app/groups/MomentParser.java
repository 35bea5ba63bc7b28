package io.partita.app.groups;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Reads the moment typed for a reset by time: a local date and time ({@code 2026-11-25 21:30},
 * seconds optional, 'T' or a space between), a date alone (its midnight), an ISO date-time with offset
 * ({@code 2026-11-25T20:30:00Z}) or epoch milliseconds, as Kafka tools print them.
 */
public final class MomentParser {
    /** How the dialog writes a moment, and the first form it accepts. */
    public static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter LOCAL_FLEXIBLE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .toFormatter();

    private MomentParser() {
    }

    /** Epoch milliseconds of {@code text} read in {@code zone}, or empty when it is not a moment. */
    public static OptionalLong parse(String text, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        if (t.chars().allMatch(Character::isDigit) && t.length() >= 10 && t.length() <= 13) {
            return OptionalLong.of(Long.parseLong(t));
        }
        try {
            return OptionalLong.of(LocalDateTime.parse(t, LOCAL_FLEXIBLE).atZone(zone).toInstant().toEpochMilli());
        } catch (DateTimeParseException notLocal) {
            // try the other forms
        }
        try {
            return OptionalLong.of(OffsetDateTime.parse(t).toInstant().toEpochMilli());
        } catch (DateTimeParseException notOffset) {
            // try the other forms
        }
        try {
            return OptionalLong.of(LocalDate.parse(t).atStartOfDay(zone).toInstant().toEpochMilli());
        } catch (DateTimeParseException notADate) {
            return OptionalLong.empty();
        }
    }
}
