package io.partita.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.records.StartAt;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StartChoiceTest {
    private static final ZoneId ZONE = ZoneOffset.ofHours(1);

    @Test
    void readsOffsetsCountsAndTimesInTheirUsualForms() {
        assertThat(StartChoice.OFFSET.parse(" 1_000 ", ZONE)).isEqualTo(new StartAt.Offset(1000));
        assertThat(StartChoice.LAST_N.parse("25", ZONE)).isEqualTo(new StartAt.LastN(25));
        assertThat(StartChoice.EARLIEST.parse("ignored", ZONE)).isEqualTo(new StartAt.Earliest());
        long utc1430 = 1_764_081_000_000L; // 2025-11-25T14:30:00Z
        assertThat(StartChoice.TIME.parse("2025-11-25T14:30:00Z", ZONE)).isEqualTo(new StartAt.Time(utc1430));
        assertThat(StartChoice.TIME.parse("2025-11-25 15:30", ZONE)).isEqualTo(new StartAt.Time(utc1430));
        assertThat(StartChoice.TIME.parse("2025-11-25T15:30:00", ZONE)).isEqualTo(new StartAt.Time(utc1430));
        assertThat(StartChoice.TIME.parse(Long.toString(utc1430), ZONE)).isEqualTo(new StartAt.Time(utc1430));
        // A date alone: its midnight in the zone (2025-11-24T23:00Z).
        assertThat(StartChoice.TIME.parse("2025-11-25", ZONE))
                .isEqualTo(new StartAt.Time(utc1430 - 15 * 3_600_000L - 1_800_000L));
    }

    @Test
    void saysWhatIsWrongWithTheInput() {
        assertThatThrownBy(() -> StartChoice.OFFSET.parse("", ZONE)).hasMessage("An offset is needed.");
        assertThatThrownBy(() -> StartChoice.OFFSET.parse("abc", ZONE))
                .hasMessage("An offset must be a whole number, not \"abc\".");
        assertThatThrownBy(() -> StartChoice.OFFSET.parse("-4", ZONE))
                .hasMessage("An offset must be 0 or more, not -4.");
        assertThatThrownBy(() -> StartChoice.LAST_N.parse("0", ZONE))
                .hasMessage("The number of records must be 1 or more, not 0.");
        assertThatThrownBy(() -> StartChoice.TIME.parse("yesterday", ZONE))
                .hasMessageStartingWith("\"yesterday\" is not a time");
    }
}
