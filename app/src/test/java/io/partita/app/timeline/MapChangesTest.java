package io.partita.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.partita.app.client.cluster.BrokerColumn;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.PartitionRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events between two maps: what a teacher wants listed when a broker dies and comes back. */
class MapChangesTest {
    private static final Instant T = Instant.parse("2026-12-08T10:00:00Z");

    static BrokerColumn broker(int id, boolean up, boolean controller) {
        return new BrokerColumn(id, up ? "127.0.0.1:" + (9092 + id) : "", null, controller, up);
    }

    static PartitionRow row(String topic, int partition, int leader, List<Integer> isr, List<Integer> offline) {
        return new PartitionRow(topic, partition, List.of(0, 1, 2), leader, isr, offline, false);
    }

    private static final ClusterMap ALL_UP = new ClusterMap(
            List.of(broker(0, true, true), broker(1, true, false), broker(2, true, false)),
            List.of(
                    row("orders", 0, 1, List.of(1, 0, 2), List.of()),
                    row("orders", 1, 2, List.of(2, 1, 0), List.of())));

    @Test
    void aBrokerDyingListsItsFallTheLeaderItLostAndTheIsrsItLeft() {
        ClusterMap oneDown = new ClusterMap(
                List.of(broker(0, true, true), broker(1, false, false), broker(2, true, false)),
                List.of(
                        row("orders", 0, 0, List.of(0, 2), List.of(1)),
                        row("orders", 1, 2, List.of(2, 0), List.of(1))));

        assertThat(MapChanges.between(ALL_UP, oneDown, T))
                .extracting(ClusterEvent::kind, ClusterEvent::subject, ClusterEvent::text)
                .containsExactly(
                        tuple(EventKind.BROKER_DOWN, "broker 1", ""),
                        tuple(EventKind.LEADER, "orders-0", "leader broker 1 → broker 0"),
                        tuple(EventKind.ISR_SHRINK, "orders-0", "ISR [1, 0, 2] → [0, 2] (broker 1 left)"),
                        tuple(EventKind.ISR_SHRINK, "orders-1", "ISR [2, 1, 0] → [2, 0] (broker 1 left)"));
        assertThat(MapChanges.between(oneDown, ALL_UP, T))
                .extracting(ClusterEvent::kind)
                .containsExactly(EventKind.BROKER_UP, EventKind.LEADER, EventKind.ISR_EXPAND, EventKind.ISR_EXPAND);
    }

    @Test
    void topicsCreatedDeletedAndGrownAndTheControllerMoving() {
        ClusterMap after = new ClusterMap(
                List.of(broker(0, true, false), broker(1, true, true), broker(2, true, false)),
                List.of(
                        row("orders", 0, 1, List.of(1, 0, 2), List.of()),
                        row("orders", 1, 2, List.of(2, 1, 0), List.of()),
                        row("orders", 2, 0, List.of(0, 1, 2), List.of()),
                        row("payments", 0, 0, List.of(0, 1, 2), List.of())));
        ClusterMap before = new ClusterMap(
                ALL_UP.brokers(),
                List.of(ALL_UP.rows().get(0), ALL_UP.rows().get(1), row("audit", 0, 0, List.of(0, 1, 2), List.of())));

        assertThat(MapChanges.between(before, after, T))
                .extracting(ClusterEvent::kind, ClusterEvent::subject, ClusterEvent::text)
                .containsExactly(
                        tuple(EventKind.CONTROLLER, "broker 1", "took over from broker 0"),
                        tuple(EventKind.TOPIC_DELETED, "audit", "deleted"),
                        tuple(EventKind.PARTITIONS_ADDED, "orders", "2 → 3 partitions"),
                        tuple(EventKind.TOPIC_CREATED, "payments", "1 partition, replication factor 3"));
    }

    @Test
    void theSameMapAgainIsNoEvent() {
        assertThat(MapChanges.between(ALL_UP, ALL_UP, T)).isEmpty();
    }
}
