package io.partita.app.client.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.replay.Speed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageFilterTest {
    private static final Message ORDER = new Message(
            "t",
            0,
            5,
            1_000,
            bytes("customer-7"),
            bytes("{\"total\": 42}"),
            List.of(new Message.Header("source", bytes("Web"))));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageFilter filter(MessageFilter.Field field, String text, boolean regex) {
        return new MessageFilter(field, text, regex, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Test
    void findsTextInTheChosenPartCaseInsensitivelyOrByRegex() {
        assertThat(MessageFilter.ALL.test(ORDER)).isTrue();
        assertThat(filter(MessageFilter.Field.KEY, "CUSTOMER", false).test(ORDER))
                .isTrue();
        assertThat(filter(MessageFilter.Field.VALUE, "customer", false).test(ORDER))
                .isFalse();
        assertThat(filter(MessageFilter.Field.HEADERS, "source=web", false).test(ORDER))
                .isTrue();
        assertThat(filter(MessageFilter.Field.ANY, "\"total\": \\d+", true).test(ORDER))
                .isTrue();
        assertThat(filter(MessageFilter.Field.ANY, "\"total\": 4[3-9]", true).test(ORDER))
                .isFalse();
        Message binary = new Message("t", 0, 6, 1_000, null, new byte[] {0, (byte) 0xff, 'o', 'k'}, List.of());
        assertThat(filter(MessageFilter.Field.VALUE, "ok", false).test(binary)).isTrue();
    }

    @Test
    void keepsOnlyRecordsInTheTimeRange() {
        assertThat(new MessageFilter(MessageFilter.Field.ANY, "", false, 1_000, 2_000).test(ORDER))
                .isTrue();
        assertThat(new MessageFilter(MessageFilter.Field.ANY, "", false, 1_001, 2_000).test(ORDER))
                .isFalse();
        assertThat(new MessageFilter(MessageFilter.Field.ANY, "", false, 0, 1_000).test(ORDER))
                .isFalse();
    }

    @Test
    void refusesABrokenRegexOrAnEmptyRange() {
        assertThatThrownBy(() -> filter(MessageFilter.Field.ANY, "(", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a regular expression");
        assertThatThrownBy(() -> new MessageFilter(MessageFilter.Field.ANY, "", false, 5, 5))
                .hasMessage("The time range is empty: its end is not after its start.");
    }

    @Test
    void pacesByRateOrByTheOriginalGaps() {
        assertThat(new Speed.AsFastAsPossible().dueNanos(99, 0, 5_000)).isZero();
        assertThat(new Speed.PerSecond(50).dueNanos(100, 0, 0)).isEqualTo(2_000_000_000L);
        assertThat(new Speed.OriginalTiming(2).dueNanos(3, 10_000, 14_000)).isEqualTo(2_000_000_000L);
        assertThat(new Speed.OriginalTiming(1).dueNanos(3, 10_000, 9_000))
                .as("never before the first")
                .isZero();
        assertThatThrownBy(() -> new Speed.PerSecond(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
