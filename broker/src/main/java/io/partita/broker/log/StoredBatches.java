package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The cleaner's reads of a partition log: a bounded piece per read transaction, so no transaction stays open
 * for long (a long reader keeps LMDB from reusing pages and grows the file) or across a wait on the writer.
 * The log may change between two pieces; whoever applies a result re-checks it on the writer.
 */
final class StoredBatches {

    /** Batch headers visited per read transaction when only headers are read. */
    private static final int HEADERS_PER_TXN = 8192;

    private StoredBatches() {}

    /** Sees a stored batch in place; the buffer is valid only during the call. Returns false to stop. */
    interface HeaderVisitor {
        boolean visit(ByteBuffer storedBatch);
    }

    /** Visits the batches from the one holding {@code fromOffset} (or the next) onwards, until told to stop. */
    static void scanHeaders(PartitionLog log, long fromOffset, HeaderVisitor visitor) {
        long[] next = {fromOffset};
        boolean[] done = {false};
        while (!done[0]) {
            log.store().withReadTxn(log, txn -> {
                try (BatchCursor cursor = new BatchCursor(log.logDb(), txn)) {
                    boolean found = cursor.seekContaining(Math.max(0, next[0]));
                    for (int i = 0; found && i < HEADERS_PER_TXN; i++) {
                        ByteBuffer batch = cursor.header();
                        if (!visitor.visit(batch)) {
                            done[0] = true;
                            return null;
                        }
                        next[0] = BatchHeader.lastOffset(batch) + 1;
                        found = cursor.next();
                    }
                    done[0] |= !found;
                }
                return null;
            });
        }
    }

    /**
     * Copies whole batches, from the one holding {@code fromOffset} (or the next), that end before
     * {@code endOffset}: at least one if there is one, then up to about {@code maxBytes}.
     */
    static List<ByteBuffer> copy(PartitionLog log, long fromOffset, long endOffset, int maxBytes) {
        return log.store().withReadTxn(log, txn -> {
            List<ByteBuffer> copies = new ArrayList<>();
            int bytes = 0;
            try (BatchCursor cursor = new BatchCursor(log.logDb(), txn)) {
                boolean found = cursor.seekContaining(Math.max(0, fromOffset));
                while (found) {
                    ByteBuffer header = cursor.header();
                    if (BatchHeader.lastOffset(header) >= endOffset
                            || (!copies.isEmpty() && bytes + BatchHeader.size(header) > maxBytes)) {
                        break;
                    }
                    ByteBuffer copy = cursor.copy();
                    copies.add(copy);
                    bytes += copy.remaining();
                    found = cursor.next();
                }
            }
            return copies;
        });
    }
}
