package io.partita.app.client.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void textAndBinaryKeysValuesAndHeadersRoundTripExactly() {
        Message text = new Message(
                "orders",
                2,
                42,
                1_732_550_400_000L,
                utf8("k1"),
                utf8("{\"a\":1,\"ü\":\"€\"}"),
                List.of(new Message.Header("trace", utf8("abc")), new Message.Header("empty", null)));
        Message binary = new Message(
                "orders",
                0,
                7,
                1L,
                new byte[] {0, 1, 2, (byte) 0xff},
                new byte[] {(byte) 0xc3, 0x28},
                List.of(new Message.Header("bin", new byte[] {9, 0})));
        Message tombstone = new Message("compacted", 1, 3, 5L, utf8("gone"), null, List.of());
        Message noKey = new Message("t", 0, 0, 0, null, new byte[0], List.of());
        for (Message m : List.of(text, binary, tombstone, noKey)) {
            String line = JsonLines.write(m);
            assertThat(line).doesNotContain("\n");
            assertThat(JsonLines.read(line)).isEqualTo(m);
        }
        assertThat(JsonLines.write(text)).contains("\"key\":\"k1\"").contains("\"value\":\"{\\\"a\\\":1");
        assertThat(JsonLines.write(binary))
                .contains("\"keyBase64\":\"AAEC/w==\"")
                .contains("\"valueBase64\"");
        assertThat(JsonLines.write(tombstone)).contains("\"value\":null");
    }

    @Test
    void aBrokenLineSaysWhatIsWrong() {
        assertThatThrownBy(() -> JsonLines.read("{\"topic\":\"t\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> JsonLines.read("[1,2]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> JsonLines.read("{\"topic\":\"t\",\"partition\":\"x\",\"offset\":1,\"timestamp\":1}"))
                .hasMessage("\"partition\" is missing or not a whole number");
        assertThatThrownBy(() -> JsonLines.read(
                        "{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"timestamp\":1,\"valueBase64\":\"!!\"}"))
                .hasMessageStartingWith("\"valueBase64\" is not Base64");
    }
}
