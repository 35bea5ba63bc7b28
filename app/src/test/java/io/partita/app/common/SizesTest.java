package io.partita.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.topics.TopicStats;
import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void bytesInBinaryUnitsWithOneDecimal() {
        assertThat(Sizes.bytes(0)).isEqualTo("0 B");
        assertThat(Sizes.bytes(1023)).isEqualTo("1023 B");
        assertThat(Sizes.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Sizes.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.bytes(14_234)).isEqualTo("13.9 KiB");
        assertThat(Sizes.bytes(5L * 1024 * 1024)).isEqualTo("5.0 MiB");
        assertThat(Sizes.bytes(3L * 1024 * 1024 * 1024 + 512L * 1024 * 1024)).isEqualTo("3.5 GiB");
        assertThat(Sizes.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void neverPrintsAThousandAndTwentyFourOfAUnit() {
        // Just under 1 MiB rounds to 1024.0 KiB; it reads better as the next unit.
        assertThat(Sizes.bytes(1024 * 1024 - 1)).isEqualTo("1.0 MiB");
        assertThat(Sizes.bytes(1023 * 1024)).isEqualTo("1023.0 KiB");
    }

    @Test
    void unknownIsADash() {
        assertThat(Sizes.bytes(TopicStats.UNKNOWN)).isEqualTo("—");
        assertThat(Sizes.count(TopicStats.UNKNOWN)).isEqualTo("—");
    }

    @Test
    void countsAreGrouped() {
        assertThat(Sizes.count(0)).isEqualTo("0");
        assertThat(Sizes.count(999)).isEqualTo("999");
        assertThat(Sizes.count(1_234_567)).isEqualTo("1,234,567");
    }
}
