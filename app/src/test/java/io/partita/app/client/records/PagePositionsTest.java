package io.partita.app.client.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagePositionsTest {

    private static Message m(int partition, long offset) {
        return new Message("t", partition, offset, 0, null, null, List.of());
    }

    @Test
    void movesEachPartitionPastWhatWasTakenFromItAndLeavesTheOthers() {
        PagePositions from = new PagePositions(Map.of(0, 10L, 1, 0L, 2, 7L));
        PagePositions next = from.after(List.of(m(0, 10), m(1, 0), m(0, 11), m(0, 13))); // 12 compacted away
        assertThat(next.offsets()).containsExactly(Map.entry(0, 14L), Map.entry(1, 1L), Map.entry(2, 7L));
    }

    @Test
    void aPageReadBackwardsStartsAtTheFirstRecordTakenInEachPartition() {
        PagePositions before = new PagePositions(Map.of(0, 100L, 1, 50L));
        PagePositions from = before.before(List.of(m(0, 97), m(0, 98), m(0, 99)));
        assertThat(from.offsets()).containsExactly(Map.entry(0, 97L), Map.entry(1, 50L));
    }

    @Test
    void knowsItsPartitionsInOrderAndRefusesWhatIsNotAPosition() {
        PagePositions p = new PagePositions(Map.of(2, 1L, 0, 5L));
        assertThat(p.partitions()).containsExactly(0, 2);
        assertThat(p.offset(2)).isEqualTo(1L);
        assertThatThrownBy(() -> p.offset(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PagePositions(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PagePositions(Map.of(0, -1L))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageKnowsWhetherAnyPartitionHasMoreBeforeOrAfterIt() {
        BrowsePage page = new BrowsePage(
                "t",
                new PagePositions(Map.of(0, 0L, 1, 0L)),
                new PagePositions(Map.of(0, 5L, 1, 3L)),
                Map.of(0, 0L, 1, 0L),
                Map.of(0, 5L, 1, 4L),
                List.of());
        assertThat(page.hasPrevious()).isFalse();
        assertThat(page.hasNext()).as("partition 1 has offset 3 left").isTrue();
        assertThat(page.records()).isEqualTo(9);
    }
}
