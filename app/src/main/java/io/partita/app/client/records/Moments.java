package io.partita.app.client.records;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Moments as people type them (a reset by time, the browser's start, a produced record's timestamp): a local
 * date and time ({@code 2026-11-25 21:30}, seconds and milliseconds optional, 'T' or a space between) in the
 * given zone, a date alone (its midnight), an ISO date-time with an offset ({@code 2026-11-25T20:30:00Z}) or
 * epoch milliseconds, as Kafka's tools print them.
 */
public final class Moments {
    /** How the app writes a moment, and the first form it reads. */
    public static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final DateTimeFormatter LOCAL_FLEXIBLE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalEnd()
            .optionalStart()
            .appendPattern(".SSS")
            .optionalEnd()
            .toFormatter();

    private Moments() {}

    /** Epoch milliseconds of {@code text} read in {@code zone}, or empty when it is not a moment. */
    public static OptionalLong parse(String text, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        if (t.chars().allMatch(Character::isDigit) && t.length() >= 9 && t.length() <= 13) {
            return OptionalLong.of(Long.parseLong(t));
        }
        try {
            return OptionalLong.of(LocalDateTime.parse(t, LOCAL_FLEXIBLE)
                    .atZone(zone)
                    .toInstant()
                    .toEpochMilli());
        } catch (DateTimeParseException notLocal) {
            // try the other forms
        }
        try {
            return OptionalLong.of(OffsetDateTime.parse(t).toInstant().toEpochMilli());
        } catch (DateTimeParseException notOffset) {
            // try the other forms
        }
        try {
            return OptionalLong.of(
                    LocalDate.parse(t).atStartOfDay(zone).toInstant().toEpochMilli());
        } catch (DateTimeParseException notADate) {
            return OptionalLong.empty();
        }
    }

    /**
     * Epoch milliseconds of {@code text} read in {@code zone}.
     *
     * @throws IllegalArgumentException a sentence saying what is wrong
     */
    public static long require(String text, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("A time is needed, e.g. 2026-11-25 14:30.");
        }
        return parse(t, zone)
                .orElseThrow(() -> new IllegalArgumentException("\"" + t + "\" is not a time; write "
                        + "e.g. 2026-11-25 14:30, 2026-11-25T14:30:00Z or epoch milliseconds."));
    }
}
