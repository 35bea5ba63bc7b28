package io.partita.app.client.records;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which records a search or a replay keeps: a text (substring, case-insensitive, or a regular expression) looked
 * for in the key, the value, the headers or any of them, and a time range. An empty text matches every record.
 *
 * @param fromMillis inclusive lower bound of the record timestamp, or {@link Long#MIN_VALUE}
 * @param toMillis   exclusive upper bound, or {@link Long#MAX_VALUE}
 */
public record MessageFilter(Field field, String text, boolean regex, long fromMillis, long toMillis)
        implements Predicate<Message> {

    /** Where the text is looked for. */
    public enum Field {
        ANY("Key, value or headers"),
        KEY("Key"),
        VALUE("Value"),
        HEADERS("Headers");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Every record. */
    public static final MessageFilter ALL = new MessageFilter(Field.ANY, "", false, Long.MIN_VALUE, Long.MAX_VALUE);

    public MessageFilter {
        text = text == null ? "" : text;
        if (regex) {
            try {
                Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "Not a regular expression: " + e.getDescription() + " near position " + e.getIndex() + ".");
            }
        }
        if (fromMillis >= toMillis) {
            throw new IllegalArgumentException("The time range is empty: its end is not after its start.");
        }
    }

    @Override
    public boolean test(Message m) {
        if (m.timestamp() < fromMillis || m.timestamp() >= toMillis) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        Predicate<String> matches = matcher();
        boolean inKey = field == Field.ANY || field == Field.KEY;
        boolean inValue = field == Field.ANY || field == Field.VALUE;
        boolean inHeaders = field == Field.ANY || field == Field.HEADERS;
        return inKey && matches.test(decode(m.key()))
                || inValue && matches.test(decode(m.value()))
                || inHeaders && m.headers().stream().anyMatch(h -> matches.test(h.name() + "=" + decode(h.value())));
    }

    private Predicate<String> matcher() {
        if (regex) {
            Pattern pattern = Pattern.compile(text);
            return s -> s != null && pattern.matcher(s).find();
        }
        String needle = text.toLowerCase(Locale.ROOT);
        return s -> s != null && s.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Binary bytes are searched as Latin-1 so that every byte is one character and nothing fails to decode. */
    private static String decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return Bytes.asText(bytes).orElseGet(() -> new String(bytes, StandardCharsets.ISO_8859_1));
    }
}
