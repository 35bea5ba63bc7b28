package io.partita.app.client.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StartAtTest {
    // A partition whose records 100..999 are left (the first hundred deleted by retention).
    private static final long START = 100;
    private static final long END = 1000;

    @Test
    void resolvesEachStartToAnOffsetInsideTheLog() {
        assertThat(StartAt.resolve(new StartAt.Earliest(), START, END, -1)).isEqualTo(100);
        assertThat(StartAt.resolve(new StartAt.Latest(), START, END, -1)).isEqualTo(1000);
        assertThat(StartAt.resolve(new StartAt.Offset(500), START, END, -1)).isEqualTo(500);
        assertThat(StartAt.resolve(new StartAt.Offset(5), START, END, -1))
                .as("deleted: the log start")
                .isEqualTo(100);
        assertThat(StartAt.resolve(new StartAt.Offset(1000), START, END, -1))
                .as("the end itself: tail")
                .isEqualTo(1000);
        assertThat(StartAt.resolve(new StartAt.Time(123), START, END, 640)).isEqualTo(640);
        assertThat(StartAt.resolve(new StartAt.Time(123), START, END, -1))
                .as("nothing that late")
                .isEqualTo(1000);
        assertThat(StartAt.resolve(new StartAt.LastN(10), START, END, -1)).isEqualTo(990);
        assertThat(StartAt.resolve(new StartAt.LastN(5000), START, END, -1)).isEqualTo(100);
    }

    @Test
    void anOffsetPastTheEndIsRefusedWithTheEndNamed() {
        assertThatThrownBy(() -> StartAt.resolve(new StartAt.Offset(1001), START, END, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset 1001 is past the end of the partition (1000)");
        assertThatThrownBy(() -> new StartAt.Offset(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StartAt.LastN(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
