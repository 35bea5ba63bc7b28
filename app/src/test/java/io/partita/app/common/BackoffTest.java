package io.partita.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30));

    @Test
    void waitsTheBaseWhileAllIsWell() {
        assertThat(backoff.delayAfter(0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void doublesWithEveryFailureUpToTheMaximum() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesAMaximumBelowTheBase() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
