package io.partita.app.timeline;

import io.partita.app.client.cluster.PartitionPositions;
import io.partita.app.client.cluster.PartitionRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows that changed from one map to the next (same partitions, same places), kept small: under a producer
 * every partition's positions move at every refresh, so a row whose positions alone moved is kept as numbers in
 * one array for the whole map rather than as a row object of its own (about a quarter of the memory). A row whose
 * leader, ISR or replicas changed is kept whole.
 */
final class RowChanges {
    private static final byte UNCHANGED = 0;
    private static final byte MOVED = 1;
    private static final byte REPLACED = 2;

    private final int[] replaced;
    private final PartitionRow[] rows;
    private final int[] moved;
    /** Per moved row: log start, high watermark, the number of replicas known, then (broker, log end) pairs. */
    private final long[] positions;

    private RowChanges(int[] replaced, PartitionRow[] rows, int[] moved, long[] positions) {
        this.replaced = replaced;
        this.rows = rows;
        this.moved = moved;
        this.positions = positions;
    }

    /** What changed from {@code before} to {@code after}, which hold the same partitions in the same order. */
    static RowChanges between(List<PartitionRow> before, List<PartitionRow> after) {
        // One pass sorts the rows (unchanged, moved, replaced) and sizes the arrays; the second fills them.
        byte[] kinds = new byte[after.size()];
        int replacedCount = 0;
        int movedCount = 0;
        int numbers = 0;
        for (int i = 0; i < after.size(); i++) {
            PartitionRow was = before.get(i);
            PartitionRow is = after.get(i);
            if (was.equals(is)) {
                kinds[i] = UNCHANGED;
            } else if (samePlacement(was, is)) {
                kinds[i] = MOVED;
                movedCount++;
                numbers += 3 + 2 * is.positions().logEnds().size();
            } else {
                kinds[i] = REPLACED;
                replacedCount++;
            }
        }
        int[] replaced = new int[replacedCount];
        PartitionRow[] rows = new PartitionRow[replacedCount];
        int[] moved = new int[movedCount];
        long[] positions = new long[numbers];
        int r = 0;
        int m = 0;
        int n = 0;
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == MOVED) {
                moved[m++] = i;
                PartitionPositions p = after.get(i).positions();
                positions[n++] = p.logStart();
                positions[n++] = p.highWatermark();
                positions[n++] = p.logEnds().size();
                for (Map.Entry<Integer, Long> end : p.logEnds().entrySet()) {
                    positions[n++] = end.getKey();
                    positions[n++] = end.getValue();
                }
            } else if (kinds[i] == REPLACED) {
                replaced[r] = i;
                rows[r++] = after.get(i);
            }
        }
        return new RowChanges(replaced, rows, moved, positions);
    }

    /** Turns the rows of the map before into this map's. */
    void applyTo(PartitionRow[] current) {
        for (int i = 0; i < replaced.length; i++) {
            current[replaced[i]] = rows[i];
        }
        int n = 0;
        for (int place : moved) {
            current[place] = current[place].withPositions(positionsAt(n));
            n += 3 + 2 * (int) positions[n + 2];
        }
    }

    /**
     * One step of going back from a moment towards its keyframe (this moment is older than those seen before):
     * notes, per place, the latest row replaced whole ({@code latestRow}, and {@code settled}: nothing older
     * matters then) and the latest positions moved after it ({@code positionsIn}, {@code positionsAt}). Only the
     * latest change of each row is made into a row, once, however many moments lie between.
     */
    void collectLatest(PartitionRow[] latestRow, boolean[] settled, RowChanges[] positionsIn, int[] positionsAt) {
        for (int i = 0; i < replaced.length; i++) {
            int place = replaced[i];
            if (!settled[place]) {
                latestRow[place] = rows[i];
                settled[place] = true;
            }
        }
        int n = 0;
        for (int place : moved) {
            if (!settled[place] && positionsIn[place] == null) {
                positionsIn[place] = this;
                positionsAt[place] = n;
            }
            n += 3 + 2 * (int) positions[n + 2];
        }
    }

    /** The positions packed from {@code n}. */
    PartitionPositions positionsAt(int n) {
        long logStart = positions[n];
        long highWatermark = positions[n + 1];
        int known = (int) positions[n + 2];
        Map<Integer, Long> ends = new HashMap<>();
        for (int k = 0; k < known; k++) {
            ends.put((int) positions[n + 3 + 2 * k], positions[n + 4 + 2 * k]);
        }
        return new PartitionPositions(logStart, highWatermark, ends);
    }

    /** Everything but the positions is the same: the same leader, ISR, replicas and offline replicas. */
    private static boolean samePlacement(PartitionRow a, PartitionRow b) {
        return a.leader() == b.leader()
                && a.partition() == b.partition()
                && a.internal() == b.internal()
                && a.topic().equals(b.topic())
                && a.isr().equals(b.isr())
                && a.replicas().equals(b.replicas())
                && a.offline().equals(b.offline());
    }
}
