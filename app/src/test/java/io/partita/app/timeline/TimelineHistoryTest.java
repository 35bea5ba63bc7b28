package io.partita.app.timeline;

import static io.partita.app.timeline.MapChangesTest.broker;
import static io.partita.app.timeline.MapChangesTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.PartitionPositions;
import io.partita.app.client.cluster.PartitionRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The recorded maps: any moment shown again, unchanged rows kept once, the oldest rolling off. */
class TimelineHistoryTest {
    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

    private static ClusterMap map(int leader, long logEnd) {
        List<PartitionRow> rows = new ArrayList<>();
        for (int p = 0; p < 100; p++) {
            rows.add(row("orders", p, p == 0 ? leader : 0, List.of(0, 1, 2), List.of())
                    .withPositions(new PartitionPositions(0, p == 0 ? logEnd : 10, Map.of(0, p == 0 ? logEnd : 10))));
        }
        return new ClusterMap(List.of(broker(0, true, true), broker(1, true, false), broker(2, true, false)), rows);
    }

    @Test
    void eachMomentShowsAgainAsItWasAndEventsComeWithTheirTime() {
        TimelineHistory history = new TimelineHistory();
        assertThat(history.at(T0)).isEmpty();
        history.record(T0, map(0, 100));
        history.record(T0.plusSeconds(2), map(0, 150));
        assertThat(history.record(T0.plusSeconds(4), map(1, 150)))
                .extracting(ClusterEvent::kind)
                .containsExactly(EventKind.LEADER);
        assertThat(history.record(T0.plusSeconds(6), map(1, 150))).isEmpty(); // nothing new: not recorded

        assertThat(history.size()).isEqualTo(3);
        assertThat(history.at(T0.minusMillis(1))).isEmpty();
        assertThat(history.at(T0.plusMillis(1999)).orElseThrow()).isEqualTo(map(0, 100));
        assertThat(history.at(T0.plusSeconds(2)).orElseThrow()).isEqualTo(map(0, 150));
        assertThat(history.at(T0.plusSeconds(60)).orElseThrow()).isEqualTo(map(1, 150));
        assertThat(history.events()).singleElement().satisfies(e -> {
            assertThat(e.time()).isEqualTo(T0.plusSeconds(4));
            assertThat(e.subject()).isEqualTo("orders-0");
        });
        assertThatThrownBy(() -> history.record(T0, map(2, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Every moment of a long random run (leaders, ISRs and positions changing on a few rows at a time, across
     * several keyframes) is shown again exactly as it was recorded, and a file of it holds the same maps.
     */
    @Test
    void everyMomentOfARandomRunComesBackExactly() {
        Random random = new Random(7);
        TimelineHistory history = new TimelineHistory();
        List<ClusterMap> recorded = new ArrayList<>();
        List<PartitionRow> rows = new ArrayList<>(map(0, 0).rows());
        for (int i = 0; i < 3 * TimelineHistory.KEYFRAME_EVERY + 17; i++) {
            for (int change = random.nextInt(4); change > 0; change--) {
                int p = random.nextInt(rows.size());
                PartitionRow row = rows.get(p);
                long end = Math.max(0, row.positions().highWatermark()) + 1 + random.nextInt(100);
                PartitionPositions moved = new PartitionPositions(0, end, Map.of(0, end, 1, end - 1));
                rows.set(
                        p,
                        switch (random.nextInt(3)) {
                            case 0 ->
                                row(row.topic(), row.partition(), random.nextInt(3), List.of(0, 1, 2), List.of())
                                        .withPositions(moved);
                            case 1 ->
                                row(row.topic(), row.partition(), row.leader(), List.of(row.leader()), List.of())
                                        .withPositions(row.positions());
                            default -> row.withPositions(moved);
                        });
            }
            ClusterMap map = new ClusterMap(map(0, 0).brokers(), rows);
            history.record(T0.plusSeconds(i), map);
            recorded.add(map);
        }
        for (int i = 0; i < recorded.size(); i++) {
            assertThat(history.at(T0.plusSeconds(i).plusMillis(500)).orElseThrow())
                    .as("moment %d", i)
                    .isEqualTo(recorded.get(i));
        }
        List<ClusterMap> changes = new ArrayList<>(); // a map equal to the one before is not a moment
        for (ClusterMap map : recorded) {
            if (changes.isEmpty() || !changes.get(changes.size() - 1).equals(map)) {
                changes.add(map);
            }
        }
        assertThat(history.moments()).extracting(m -> m.map()).isEqualTo(changes);
    }

    @Test
    void rowsThatDidNotChangeAreKeptOnce() {
        TimelineHistory history = new TimelineHistory();
        history.record(T0, map(0, 100));
        history.record(T0.plusSeconds(2), map(0, 200));
        ClusterMap first = history.at(T0).orElseThrow();
        ClusterMap second = history.at(T0.plusSeconds(2)).orElseThrow();
        assertThat(second.rows().get(0)).isNotSameAs(first.rows().get(0));
        for (int p = 1; p < 100; p++) {
            assertThat(second.rows().get(p)).isSameAs(first.rows().get(p));
        }
    }

    @Test
    void theOldestMomentsAndTheirEventsRollOffByAgeAndCount() {
        TimelineHistory history = new TimelineHistory(Duration.ofSeconds(10), 3);
        for (int i = 0; i < 6; i++) {
            history.record(T0.plusSeconds(i), map(i % 2, i));
        }
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.start()).contains(T0.plusSeconds(3));
        assertThat(history.events()).allMatch(e -> !e.time().isBefore(T0.plusSeconds(3)));

        history.record(T0.plusSeconds(100), map(1, 1000));
        assertThat(history.size()).isEqualTo(1); // the others are over 10 s old
        assertThat(history.start()).contains(T0.plusSeconds(100));
    }
}
