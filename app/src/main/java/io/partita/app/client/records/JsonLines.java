package io.partita.app.client.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Messages as JSON Lines, one object per line, and back, losing nothing:
 * <pre>{"topic":"orders","partition":0,"offset":42,"timestamp":1732550400000,"key":"k1","value":"{\"a\":1}",
 * "headers":[{"name":"trace","value":"abc"}]}</pre>
 * Bytes that are UTF-8 text are written as strings ({@code key}, {@code value}); any others as Base64 under
 * {@code keyBase64}, {@code valueBase64}; a missing key or a tombstone's value is {@code null}. Header values
 * follow the same rule.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {}

    /** One line, without the line break. */
    public static String write(Message m) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", m.topic());
        line.put("partition", m.partition());
        line.put("offset", m.offset());
        line.put("timestamp", m.timestamp());
        putBytes(line, "key", m.key());
        putBytes(line, "value", m.value());
        ArrayNode headers = line.putArray("headers");
        for (Message.Header h : m.headers()) {
            ObjectNode header = headers.addObject();
            header.put("name", h.name());
            putBytes(header, "value", h.value());
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * The message a line holds.
     *
     * @throws IllegalArgumentException naming what is wrong with the line (the caller adds its number)
     */
    public static Message read(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<Message.Header> headers = new ArrayList<>();
        JsonNode list = node.path("headers");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("\"headers\" is not an array");
            }
            for (JsonNode header : list) {
                headers.add(new Message.Header(text(header, "name"), bytes(header, "value")));
            }
        }
        return new Message(
                text(node, "topic"),
                (int) number(node, "partition"),
                number(node, "offset"),
                number(node, "timestamp"),
                bytes(node, "key"),
                bytes(node, "value"),
                headers);
    }

    private static void putBytes(ObjectNode node, String field, byte[] bytes) {
        if (bytes == null) {
            node.putNull(field);
        } else {
            Bytes.asText(bytes)
                    .ifPresentOrElse(
                            text -> node.put(field, text),
                            () -> node.put(field + "Base64", Base64.getEncoder().encodeToString(bytes)));
        }
    }

    private static byte[] bytes(JsonNode node, String field) {
        JsonNode base64 = node.get(field + "Base64");
        if (base64 != null && !base64.isNull()) {
            if (!base64.isTextual()) {
                throw new IllegalArgumentException("\"" + field + "Base64\" is not a string");
            }
            try {
                return Base64.getDecoder().decode(base64.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + field + "Base64\" is not Base64: " + e.getMessage());
            }
        }
        JsonNode text = node.get(field);
        if (text == null || text.isNull()) {
            return null;
        }
        if (!text.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is not a string");
        }
        return text.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not a string");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not a whole number");
        }
        return value.asLong();
    }
}
