package io.partita.app.browse;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.records.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueFormatsTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void picksJsonForJsonTextForTextAndHexForTheRest() {
        assertThat(ValueFormats.best(utf8("{\"id\":1}"))).isSameAs(ValueFormats.PRETTY_JSON);
        assertThat(ValueFormats.best(utf8("hello"))).isSameAs(ValueFormats.TEXT);
        assertThat(ValueFormats.best(utf8("42")))
                .as("a bare number reads better as text")
                .isSameAs(ValueFormats.TEXT);
        assertThat(ValueFormats.best(new byte[] {0, (byte) 0xff})).isSameAs(ValueFormats.HEX);
    }

    @Test
    void rendersPrettyJsonAHexDumpAndBase64() {
        assertThat(ValueFormats.PRETTY_JSON.render(utf8("{\"id\":1,\"tags\":[\"a\"]}")))
                .isEqualTo("{\n  \"id\" : 1,\n  \"tags\" : [ \"a\" ]\n}");
        assertThat(ValueFormats.PRETTY_JSON.accepts(utf8("{broken"))).isFalse();
        byte[] bytes = utf8("Partita, a Kafka workbench!");
        assertThat(ValueFormats.HEX.render(bytes))
                .isEqualTo("00000000  50 61 72 74 69 74 61 2c  20 61 20 4b 61 66 6b 61  |Partita, a Kafka|\n"
                        + "00000010  20 77 6f 72 6b 62 65 6e  63 68 21                 | workbench!|");
        assertThat(ValueFormats.BASE64.render(utf8("hi"))).isEqualTo("aGk=");
    }

    @Test
    void previewsFitACell() {
        assertThat(Bytes.preview(utf8("line one\nline two"), 40)).isEqualTo("line one line two");
        assertThat(Bytes.preview(utf8("x".repeat(100)), 10)).isEqualTo("xxxxxxxxx…");
        assertThat(Bytes.preview(new byte[] {0, 1, (byte) 0xab}, 40)).isEqualTo("0x0001ab");
        assertThat(Bytes.preview(null, 40)).isEqualTo("null");
    }
}
