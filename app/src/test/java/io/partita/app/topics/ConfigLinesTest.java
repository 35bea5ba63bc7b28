package io.partita.app.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLinesTest {
    @Test
    void readsKeyValueLinesAndSkipsBlankOnes() {
        ConfigLines.Parsed parsed = ConfigLines.parse(" retention.ms = 86400000 \n\ncleanup.policy=compact,delete\r\n");
        assertThat(parsed.problem()).isEmpty();
        assertThat(parsed.configs())
                .containsExactly(Map.entry("retention.ms", "86400000"), Map.entry("cleanup.policy", "compact,delete"));
    }

    @Test
    void emptyTextMeansNoConfigs() {
        assertThat(ConfigLines.parse("").configs()).isEmpty();
        assertThat(ConfigLines.parse(null).problem()).isEmpty();
    }

    @Test
    void saysWhichLineIsWrongAndWhy() {
        assertThat(ConfigLines.parse("retention.ms=1\nsegment.bytes").problem())
                .isEqualTo("Config line 2 (\"segment.bytes\") needs the form key=value, e.g. retention.ms=86400000.");
        assertThat(ConfigLines.parse("retention ms=5").problem()).contains("\"retention ms\" is not a config name");
        assertThat(ConfigLines.parse("retention.ms=").problem()).contains("retention.ms has no value");
        assertThat(ConfigLines.parse("a=1\na=2").problem()).isEqualTo("a is set twice.");
    }

    @Test
    void aValueMayContainAnEqualsSign() {
        assertThat(ConfigLines.parse("x.y=a=b").configs()).containsExactly(Map.entry("x.y", "a=b"));
    }
}
