package io.partita.app.client.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeOrderedMergeTest {
    /** A record of the test: partition, offset, timestamp. */
    private record R(int partition, long offset, long time) {
        @Override
        public String toString() {
            return partition + "@" + offset;
        }
    }

    private static final Comparator<R> TIES =
            Comparator.comparingInt(R::partition).thenComparingLong(R::offset);

    private static List<R> merge(List<List<R>> partitions) {
        List<Iterator<R>> sources = partitions.stream().map(List::iterator).toList();
        List<R> out = new ArrayList<>();
        new TimeOrderedMerge<>(sources, R::time, TIES).forEachRemaining(out::add);
        return out;
    }

    @Test
    void interleavesPartitionsByTimestampTiesByPartitionThenOffset() {
        List<R> p0 = List.of(new R(0, 0, 10), new R(0, 1, 40), new R(0, 2, 40));
        List<R> p1 = List.of(new R(1, 0, 20), new R(1, 1, 30), new R(1, 2, 40));
        List<R> p2 = List.of(new R(2, 0, 5), new R(2, 1, 50));
        assertThat(merge(List.of(p0, p1, p2)))
                .map(R::toString)
                .containsExactly("2@0", "0@0", "1@0", "1@1", "0@1", "0@2", "1@2", "2@1");
    }

    @Test
    void emptySourcesAndNoSourcesAreFine() {
        assertThat(merge(List.of())).isEmpty();
        assertThat(merge(List.of(List.of(), List.of(new R(1, 7, 1)), List.of())))
                .map(R::toString)
                .containsExactly("1@7");
        Iterator<R> none = new TimeOrderedMerge<R>(List.of(), R::time, TIES);
        assertThatThrownBy(none::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aPartitionWhoseTimestampsGoBackwardsKeepsItsOffsetOrder() {
        List<R> p0 = List.of(new R(0, 0, 100), new R(0, 1, 10));
        List<R> p1 = List.of(new R(1, 0, 50));
        assertThat(merge(List.of(p0, p1))).map(R::toString).containsExactly("1@0", "0@0", "0@1");
    }

    @Test
    void holdsOneItemPerSourceAndAdvancesASourceOnlyWhenTheNextItemIsAsked() {
        List<String> pulled = new ArrayList<>();
        List<Iterator<R>> sources = List.of(
                counting(List.of(new R(0, 0, 1), new R(0, 1, 3)), pulled),
                counting(List.of(new R(1, 0, 2), new R(1, 1, 4)), pulled));
        TimeOrderedMerge<R> merge = new TimeOrderedMerge<>(sources, R::time, TIES);
        assertThat(pulled).as("nothing read before the first ask").isEmpty();
        assertThat(merge.next()).hasToString("0@0");
        assertThat(pulled).as("one head per source").containsExactly("0@0", "1@0");
        assertThat(merge.next()).hasToString("1@0");
        assertThat(pulled).as("the first source refilled only now").containsExactly("0@0", "1@0", "0@1");
    }

    @Test
    void aManyWayMergeOfSortedSourcesIsSorted() {
        Random random = new Random(7);
        List<List<R>> partitions = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            List<R> records = new ArrayList<>();
            long time = 0;
            for (int o = 0; o < 200; o++) {
                time += random.nextInt(5);
                records.add(new R(p, o, time));
            }
            partitions.add(records);
        }
        List<R> merged = merge(partitions);
        assertThat(merged)
                .hasSize(12 * 200)
                .isSortedAccordingTo(Comparator.comparingLong(R::time).thenComparing(TIES));
    }

    private static Iterator<R> counting(List<R> items, List<String> pulled) {
        Iterator<R> it = items.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public R next() {
                R r = it.next();
                pulled.add(r.toString());
                return r;
            }
        };
    }
}
