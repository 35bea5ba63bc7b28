package io.partita.app.client.records;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/** Reading bytes as a person would: as text when they are text, as hex when they are not. */
public final class Bytes {
    private Bytes() {}

    /** The bytes as UTF-8 text, or empty when they are not valid UTF-8 or hold control characters. */
    public static Optional<String> asText(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                    return Optional.empty();
                }
            }
            return Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * One line for a table cell: the text (line breaks shown as spaces) or the leading bytes in hex, cut at
     * {@code max} characters with an ellipsis; "null" for no bytes at all.
     */
    public static String preview(byte[] bytes, int max) {
        if (bytes == null) {
            return "null";
        }
        String shown = asText(bytes)
                .map(t -> t.replaceAll("[\\r\\n\\t]+", " "))
                .orElseGet(() -> "0x" + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, max / 2)));
        return shown.length() <= max ? shown : shown.substring(0, Math.max(0, max - 1)) + "…";
    }
}
