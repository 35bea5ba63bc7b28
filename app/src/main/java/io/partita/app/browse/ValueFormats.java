package io.partita.app.browse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partita.app.client.records.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The built-in formats: text, pretty JSON, a hex dump and Base64. */
public final class ValueFormats {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final ValueFormat TEXT = new Named("Text") {
        @Override
        public boolean accepts(byte[] bytes) {
            return Bytes.asText(bytes).isPresent();
        }

        @Override
        public String render(byte[] bytes) {
            return Bytes.asText(bytes).orElseThrow();
        }
    };

    public static final ValueFormat PRETTY_JSON = new Named("JSON") {
        @Override
        public boolean accepts(byte[] bytes) {
            return parse(bytes).isPresent();
        }

        @Override
        public String render(byte[] bytes) {
            try {
                return JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(parse(bytes).orElseThrow());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed JSON tree could not be written", e);
            }
        }
    };

    public static final ValueFormat HEX = new Named("Hex") {
        @Override
        public boolean accepts(byte[] bytes) {
            return true;
        }

        @Override
        public String render(byte[] bytes) {
            return hexDump(bytes);
        }
    };

    public static final ValueFormat BASE64 = new Named("Base64") {
        @Override
        public boolean accepts(byte[] bytes) {
            return true;
        }

        @Override
        public String render(byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    };

    private ValueFormats() {}

    /** Every format, in the order of the switch. */
    public static List<ValueFormat> all() {
        return List.of(TEXT, PRETTY_JSON, HEX, BASE64);
    }

    /** The format a person most likely wants for {@code bytes}: JSON if it is JSON, text if text, else hex. */
    public static ValueFormat best(byte[] bytes) {
        if (bytes == null) {
            return TEXT;
        }
        return all().stream()
                .filter(f -> f.accepts(bytes))
                .filter(f -> f != TEXT || !PRETTY_JSON.accepts(bytes))
                .findFirst()
                .orElse(HEX);
    }

    /** The bytes as a JSON document (an object or array: a bare number or string reads better as text). */
    static Optional<JsonNode> parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            return node != null && node.isContainerNode() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** 16 bytes a line: offset, the bytes in hex, and the printable ones as ASCII. */
    static String hexDump(byte[] bytes) {
        HexFormat hex = HexFormat.of();
        StringBuilder out = new StringBuilder();
        for (int line = 0; line < bytes.length; line += 16) {
            out.append(String.format("%08x  ", line));
            StringBuilder ascii = new StringBuilder();
            for (int i = line; i < line + 16; i++) {
                if (i < bytes.length) {
                    out.append(hex.toHexDigits(bytes[i])).append(' ');
                    ascii.append(bytes[i] >= 0x20 && bytes[i] < 0x7f ? (char) bytes[i] : '.');
                } else {
                    out.append("   ");
                }
                if (i == line + 7) {
                    out.append(' ');
                }
            }
            out.append(" |").append(ascii).append('|');
            if (line + 16 < bytes.length) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private abstract static class Named implements ValueFormat {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
