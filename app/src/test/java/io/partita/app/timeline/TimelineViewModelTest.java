package io.partita.app.timeline;

import static io.partita.app.timeline.MapChangesTest.broker;
import static io.partita.app.timeline.MapChangesTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.PartitionRow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Recording, listing, scrubbing back and coming back to live, on a clock the test moves. */
class TimelineViewModelTest {
    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");
    private static final ClusterGateway GATEWAY = new ClusterGateway(Runnable::run);

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);

    private static ClusterMap map(boolean brokerOneUp) {
        List<Integer> isr = brokerOneUp ? List.of(0, 1) : List.of(0);
        PartitionRow orders = row("orders", 0, 0, isr, brokerOneUp ? List.of() : List.of(1));
        PartitionRow offsets = new PartitionRow(
                "__consumer_offsets", 0, List.of(0, 1), 0, isr, brokerOneUp ? List.of() : List.of(1), true);
        return new ClusterMap(List.of(broker(0, true, true), broker(1, brokerOneUp, false)), List.of(orders, offsets));
    }

    @Test
    void eventsAreListedWithTheirTimeAndInternalTopicsOnlyOnDemand() {
        TimelineViewModel timeline =
                new TimelineViewModel(new TimelineHistory(), now::get, ZoneOffset.UTC, GATEWAY.timeline());
        now.set(T0);
        timeline.record(map(true));
        now.set(T0.plusMillis(2_500));
        timeline.record(map(false));

        assertThat(timeline.shownEvents())
                .extracting(ClusterEvent::kind)
                .containsExactly(EventKind.BROKER_DOWN, EventKind.ISR_SHRINK);
        assertThat(timeline.timeOf(timeline.shownEvents().get(0))).isEqualTo("10:00:02.500");
        timeline.showInternalProperty().set(true);
        assertThat(timeline.shownEvents()).hasSize(3);
        assertThat(timeline.spanProperty().get()).isEqualTo("Recorded 10:00:00–10:00:02");
    }

    @Test
    void scrubbingShowsARecordedMomentUntilLive() {
        TimelineViewModel timeline =
                new TimelineViewModel(new TimelineHistory(), now::get, ZoneOffset.UTC, GATEWAY.timeline());
        now.set(T0);
        timeline.record(map(true));
        now.set(T0.plusSeconds(10));
        timeline.record(map(false));
        assertThat(timeline.liveProperty().get()).isTrue();
        assertThat(timeline.shownMapProperty().get()).isNull();

        timeline.scrubTo(0.5); // 5 s in: broker 1 still up
        assertThat(timeline.liveProperty().get()).isFalse();
        assertThat(timeline.shownMapProperty().get()).isEqualTo(map(true));
        assertThat(timeline.shownTimeProperty().get()).isEqualTo("10:00:05.000");
        assertThat(timeline.positionProperty().get()).isEqualTo(0.5);

        // New maps keep coming while scrubbed back: the scrubber stays on its moment, further left.
        now.set(T0.plusSeconds(20));
        timeline.record(map(true));
        assertThat(timeline.shownMapProperty().get()).isEqualTo(map(true));
        assertThat(timeline.positionProperty().get()).isEqualTo(0.25);

        timeline.scrubToTime(T0.plusSeconds(12));
        assertThat(timeline.shownMapProperty().get()).isEqualTo(map(false));
        timeline.goLive();
        assertThat(timeline.liveProperty().get()).isTrue();
        assertThat(timeline.shownMapProperty().get()).isNull();
        assertThat(timeline.shownTimeProperty().get()).isEqualTo("Live");
    }
}
