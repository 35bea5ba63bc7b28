package io.partita.app.client.produce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key, value or header value of a generated batch, with placeholders filled in per record: {@code {{seq}}} (the
 * record's sequence number), {@code {{uuid}}}, {@code {{now}}} (an ISO instant) and {@code {{random:A-B}}} (an
 * integer from A to B inclusive). Parsed once, so a typo is reported before anything is sent, and rendering
 * 10,000 records does not re-read the text each time.
 */
public final class Template {
    /** What a person may write, for hints and error messages. */
    public static final String PLACEHOLDERS = "{{seq}}, {{uuid}}, {{now}}, {{random:A-B}}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern RANDOM = Pattern.compile("random:\\s*(-?\\d{1,18})\\s*-\\s*(-?\\d{1,18})");

    /** One piece of the text: literal text, or a placeholder to fill in. */
    private sealed interface Part {
        void render(StringBuilder out, long seq, Random random, Instant now);
    }

    private record Literal(String text) implements Part {
        @Override
        public void render(StringBuilder out, long seq, Random random, Instant now) {
            out.append(text);
        }
    }

    private record Seq() implements Part {
        @Override
        public void render(StringBuilder out, long seq, Random random, Instant now) {
            out.append(seq);
        }
    }

    private record Uuid() implements Part {
        @Override
        public void render(StringBuilder out, long seq, Random random, Instant now) {
            // From the given source rather than UUID.randomUUID(), so a test can fix the outcome; version 4 bits set.
            long high = (random.nextLong() & ~0xF000L) | 0x4000L;
            long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            out.append(new UUID(high, low));
        }
    }

    private record Now() implements Part {
        @Override
        public void render(StringBuilder out, long seq, Random random, Instant now) {
            out.append(now);
        }
    }

    private record RandomInt(long from, long to) implements Part {
        @Override
        public void render(StringBuilder out, long seq, Random random, Instant now) {
            out.append(random.nextLong(from, to + 1)); // 18 digits at most: to + 1 cannot overflow
        }
    }

    private final String text;
    private final List<Part> parts;

    private Template(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * Reads {@code text} (null is the empty text).
     *
     * @param what names the field in error messages ("The key", "Header trace")
     * @throws IllegalArgumentException naming an unknown or malformed placeholder
     */
    public static Template parse(String text, String what) {
        String source = text == null ? "" : text;
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(source);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Literal(source.substring(at, m.start())));
            }
            parts.add(placeholder(m.group(1).strip(), m.group(), what));
            at = m.end();
        }
        if (at < source.length()) {
            parts.add(new Literal(source.substring(at)));
        }
        return new Template(source, parts);
    }

    private static Part placeholder(String name, String written, String what) {
        switch (name) {
            case "seq":
                return new Seq();
            case "uuid":
                return new Uuid();
            case "now":
                return new Now();
            default:
                break;
        }
        Matcher random = RANDOM.matcher(name);
        if (random.matches()) {
            long from = Long.parseLong(random.group(1));
            long to = Long.parseLong(random.group(2));
            if (from > to) {
                throw new IllegalArgumentException(what + ": " + written + " goes from " + from + " down to " + to
                        + "; write the smaller number first.");
            }
            return new RandomInt(from, to);
        }
        if (name.startsWith("random")) {
            throw new IllegalArgumentException(
                    what + ": " + written + " needs a range of whole numbers, as in {{random:1-100}}.");
        }
        throw new IllegalArgumentException(
                what + ": unknown placeholder " + written + ". Known: " + PLACEHOLDERS + ".");
    }

    /** The text for one record. */
    public String render(long seq, Random random, Instant now) {
        if (parts.size() == 1 && parts.get(0) instanceof Literal literal) {
            return literal.text();
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (Part part : parts) {
            part.render(out, seq, random, now);
        }
        return out.toString();
    }

    /** True when the text has no placeholder: every record gets the same. */
    public boolean isConstant() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
