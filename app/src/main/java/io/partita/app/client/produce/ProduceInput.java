package io.partita.app.client.produce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.Moments;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What the produce form's fields mean, checked before anything is sent. */
public final class ProduceInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the value field is read: as text, as checked JSON, or as the name of a file whose bytes are sent. */
    public enum ValueKind {
        TEXT("Text"),
        JSON("JSON"),
        FILE("File");

        private final String label;

        ValueKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private ProduceInput() {}

    /** An empty key field means a record without a key (the partitioner then spreads records). */
    public static byte[] key(String text) {
        return text == null || text.isEmpty() ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value's bytes: the text as UTF-8; for JSON, only a well-formed document. (A file's bytes are read by
     * the gateway, off the FX thread: {@code FILE} reads as text here.)
     *
     * @throws IllegalArgumentException naming where the JSON breaks
     */
    public static byte[] value(String text, ValueKind kind) {
        String value = text == null ? "" : text;
        if (kind == ValueKind.JSON) {
            try {
                if (JSON.readTree(value) == null || value.isBlank()) {
                    throw new IllegalArgumentException("The value is empty, and empty is not JSON.");
                }
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("The value is not valid JSON: " + e.getOriginalMessage() + " (line "
                        + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ").");
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Headers, one per line as {@code name: value} or {@code name=value}; blank lines are skipped, and a line
     * with a name only is a header without a value.
     *
     * @throws IllegalArgumentException naming the line without a name
     */
    public static List<Message.Header> headers(String lines) {
        List<Message.Header> headers = new ArrayList<>();
        if (lines == null) {
            return headers;
        }
        String[] all = lines.split("\\R");
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            int equals = line.indexOf('=');
            int split = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
            String name = (split < 0 ? line : line.substring(0, split)).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Header line " + (i + 1) + " has no name: \"" + line + "\".");
            }
            byte[] value = split < 0 ? null : line.substring(split + 1).strip().getBytes(StandardCharsets.UTF_8);
            headers.add(new Message.Header(name, value));
        }
        return headers;
    }

    /** The record's timestamp, or null (the producer's clock) when the field is empty. */
    public static Long timestamp(String text, ZoneId zone) {
        return text == null || text.isBlank() ? null : Moments.require(text, zone);
    }
}
