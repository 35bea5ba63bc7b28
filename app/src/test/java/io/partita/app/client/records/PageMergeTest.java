package io.partita.app.client.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageMergeTest {

    private static Message m(int partition, long offset, long timestamp) {
        return new Message("t", partition, offset, timestamp, null, ("v" + offset).getBytes(), List.of());
    }

    private static List<String> where(List<Message> page) {
        return page.stream().map(x -> x.partition() + "@" + x.offset()).toList();
    }

    @Test
    void ordersByTimestampThenPartitionThenOffsetAndStopsAtTheLimit() {
        Map<Integer, List<Message>> read = Map.of(
                0, List.of(m(0, 10, 100), m(0, 11, 300), m(0, 12, 300)),
                1, List.of(m(1, 5, 200), m(1, 6, 300)),
                2, List.of(m(2, 0, 50)));
        assertThat(where(PageMerge.first(read, 10))).containsExactly("2@0", "0@10", "1@5", "0@11", "0@12", "1@6");
        assertThat(where(PageMerge.first(read, 3))).containsExactly("2@0", "0@10", "1@5");
    }

    @Test
    void keepsEachPartitionInOffsetOrderEvenWhenItsTimestampsGoBackwards() {
        // A producer may set any timestamp: the merge never shows offset 2 before offset 1 of the same partition.
        Map<Integer, List<Message>> read = Map.of(
                0, List.of(m(0, 1, 500), m(0, 2, 10)),
                1, List.of(m(1, 0, 100)));
        assertThat(where(PageMerge.first(read, 3))).containsExactly("1@0", "0@1", "0@2");
    }

    @Test
    void theLastRecordsAreThePageJustBeforeAndComeInOrder() {
        List<Message> p0 = new ArrayList<>();
        List<Message> p1 = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            p0.add(m(0, i, 2L * i)); // even timestamps
            p1.add(m(1, i, 2L * i + 1)); // odd timestamps
        }
        List<Message> last = PageMerge.last(Map.of(0, p0, 1, p1), 5);
        assertThat(last).extracting(Message::timestamp).containsExactly(15L, 16L, 17L, 18L, 19L);
        // Forwards and backwards agree: the first 15 then the last 5 are the 20 in order.
        List<Message> all = PageMerge.first(Map.of(0, p0, 1, p1), 20);
        assertThat(all.subList(15, 20)).isEqualTo(last);
    }

    @Test
    void placesALateRecordByItsTimeAmongTheRowsAfterAGivenOne() {
        // Rows 0-1: a page the tail was turned on over (not reordered); rows 2-4: what the tail added so far.
        List<Message> rows =
                new ArrayList<>(List.of(m(0, 0, 900), m(0, 1, 950), m(1, 7, 100), m(0, 9, 300), m(1, 8, 300)));
        assertThat(PageMerge.place(rows, 2, m(0, 10, 200))).isEqualTo(3);
        assertThat(PageMerge.place(rows, 2, m(0, 10, 50)))
                .as("never above the tail's first row")
                .isEqualTo(2);
        assertThat(PageMerge.place(rows, 2, m(2, 0, 300)))
                .as("ties by partition")
                .isEqualTo(5);
        assertThat(PageMerge.place(rows, 2, m(0, 10, 300)))
                .as("after 0@9, before 1@8")
                .isEqualTo(4);
        assertThat(PageMerge.place(rows, 0, m(5, 0, 1000))).isEqualTo(5);
        assertThat(PageMerge.place(List.of(), 0, m(0, 0, 1))).isZero();
    }

    @Test
    void emptyPartitionsAndNoPartitionsGiveWhatThereIs() {
        assertThat(PageMerge.first(Map.of(0, List.of(), 1, List.of(m(1, 0, 1))), 100))
                .hasSize(1);
        assertThat(PageMerge.last(Map.of(), 100)).isEmpty();
    }
}
