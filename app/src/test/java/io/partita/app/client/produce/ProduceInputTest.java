package io.partita.app.client.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.records.Message;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProduceInputTest {

    @Test
    void readsKeysValuesHeadersAndTimestamps() {
        assertThat(ProduceInput.key("")).isNull();
        assertThat(ProduceInput.key("k1")).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
        assertThat(ProduceInput.value("{\"a\": [1, 2]}", ProduceInput.ValueKind.JSON))
                .isEqualTo("{\"a\": [1, 2]}".getBytes(StandardCharsets.UTF_8));
        assertThat(ProduceInput.value("not json", ProduceInput.ValueKind.TEXT)).hasSize(8);
        assertThat(ProduceInput.headers("trace: abc\n\nsource=form\nflag"))
                .containsExactly(
                        new Message.Header("trace", "abc".getBytes(StandardCharsets.UTF_8)),
                        new Message.Header("source", "form".getBytes(StandardCharsets.UTF_8)),
                        new Message.Header("flag", null));
        assertThat(ProduceInput.timestamp(" ", ZoneOffset.UTC)).isNull();
        assertThat(ProduceInput.timestamp("2026-11-25T00:00:00Z", ZoneOffset.UTC))
                .isEqualTo(1_795_564_800_000L);
    }

    @Test
    void refusesBrokenJsonAndNamelessHeadersWithTheSpot() {
        assertThatThrownBy(() -> ProduceInput.value("{\"a\": }", ProduceInput.ValueKind.JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The value is not valid JSON: ")
                .hasMessageEndingWith("(line 1, column 7).");
        assertThatThrownBy(() -> ProduceInput.value("  ", ProduceInput.ValueKind.JSON))
                .hasMessage("The value is empty, and empty is not JSON.");
        assertThatThrownBy(() -> ProduceInput.headers("ok: 1\n: nameless"))
                .hasMessage("Header line 2 has no name: \": nameless\".");
    }
}
