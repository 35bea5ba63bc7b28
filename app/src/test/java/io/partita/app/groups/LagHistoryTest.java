package io.partita.app.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.groups.GroupInfo;
import io.partita.app.client.groups.PartitionLag;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagHistoryTest {

    @Test
    void aFullRingOverwritesItsOldestSamples() {
        LagRing ring = new LagRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(i * 1000L, i);
        }
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.samples()).extracting(LagSample::lag).containsExactly(3L, 4L, 5L);
        ring.dropBefore(4_500);
        assertThat(ring.samples()).containsExactly(new LagSample(5_000, 5));
        ring.dropBefore(10_000);
        assertThat(ring.samples()).isEmpty();
        ring.add(11_000, 7);
        assertThat(ring.samples()).containsExactly(new LagSample(11_000, 7));
        assertThatThrownBy(() -> new LagRing(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsOnlyTheWindowAndOnlyTheGroupsStillListed() {
        LagHistory history = new LagHistory(Duration.ofSeconds(10), 100);
        GroupInfo a = group("a", 5);
        GroupInfo b = group("b", 1);
        history.record(0, List.of(a, b));
        history.record(6_000, List.of(a, b));
        history.record(12_000, List.of(a));
        assertThat(history.samples("a")).extracting(LagSample::atMillis).containsExactly(6_000L, 12_000L);
        assertThat(history.samples("a")).extracting(LagSample::lag).containsOnly(5L);
        assertThat(history.samples("b"))
                .as("a group gone from the cluster is forgotten")
                .isEmpty();
        assertThat(history.samples(null)).isEmpty();
    }

    @Test
    void staysBoundedByCountEvenWithinTheWindow() {
        LagHistory history = new LagHistory(Duration.ofHours(1), 4);
        for (int i = 0; i < 1_000; i++) {
            history.record("g", i, i);
        }
        assertThat(history.samples("g")).extracting(LagSample::lag).containsExactly(996L, 997L, 998L, 999L);
    }

    private static GroupInfo group(String id, long lag) {
        return new GroupInfo(id, "Empty", List.of(), List.of(new PartitionLag("t", 0, 0, lag, "")));
    }
}
