package io.partita.broker.log;

import java.nio.ByteBuffer;
import org.lmdbjava.Dbi;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * How a batch is laid out in a partition's log database: in pieces small enough to sit in a leaf page.
 *
 * <p>Why pieces: LMDB stores a value larger than about half a page on overflow pages, a run of contiguous pages,
 * and to allocate one it searches and merges its free list for a long enough run before it grows the file. The
 * pages a write transaction frees are single pages (the copies of the B-tree pages it changed), so that search
 * mostly fails, and it gets slower as the free list grows: under a steady 1 KB produce load it took over half of
 * the log writer's time in the slow stretches (docs/performance.md). A value that fits a leaf page needs single
 * pages only, which LMDB takes from the end of its free list at once.
 *
 * <p>The first piece, which holds the batch header, is stored under the batch's base offset (an 8-byte key, as a
 * whole batch always was); piece {@code i >= 1} under the base offset followed by {@code i} (a 12-byte key).
 * LMDB orders keys bytewise and a key before its own extensions, so a batch's pieces follow its first one and come
 * before the next batch. A batch stored whole (every batch written before pieces, and every small one) is simply
 * a batch of one piece. {@link BatchCursor} reads both.
 */
final class BatchPieces {

    /** The length of a continuation piece's key: the base offset, then the piece number. */
    static final int PIECE_KEY_SIZE = 12;

    // LMDB 0.9: a node stays in its leaf page when 8 (node header) + key + value <= me_nodemax, where
    // me_nodemax = (((page size - 16 (page header)) / 2) & -2) - 2 (its index slot).
    private static final int PAGE_HEADER = 16;
    private static final int NODE_HEADER = 8;
    private static final int INDEX_SLOT = 2;

    private static final PutFlags[] APPEND = {PutFlags.MDB_APPEND};
    private static final PutFlags[] IN_PLACE = {};

    private BatchPieces() {}

    /** The largest piece that LMDB keeps in a leaf page of {@code pageSize} bytes under a 12-byte key. */
    static int pieceSize(int pageSize) {
        int nodeMax = (((pageSize - PAGE_HEADER) / 2) & -2) - INDEX_SLOT;
        int size = nodeMax - NODE_HEADER - PIECE_KEY_SIZE;
        if (size < BatchHeader.HEADER_SIZE) {
            throw new IllegalStateException("LMDB page size " + pageSize + " is too small for a batch header");
        }
        return size;
    }

    /**
     * Writes {@code batch} (position to limit, left unchanged) under {@code baseOffset}, in pieces of at most
     * {@code buffers.pieceSize()} bytes. With {@code append}, every key must sort after the database's last one.
     */
    static void put(
            Txn<ByteBuffer> txn,
            Dbi<ByteBuffer> db,
            WriterBuffers buffers,
            long baseOffset,
            ByteBuffer batch,
            boolean append) {
        PutFlags[] flags = append ? APPEND : IN_PLACE;
        int pieceSize = buffers.pieceSize();
        int start = batch.position();
        int end = batch.limit();
        int piece = 0;
        for (int from = start; from < end; from += pieceSize, piece++) {
            int length = Math.min(pieceSize, end - from);
            ByteBuffer key = piece == 0 ? buffers.longKey(baseOffset) : buffers.pieceKey(baseOffset, piece);
            ByteBuffer slot = db.reserve(txn, key, length, flags);
            slot.put(batch.duplicate().position(from).limit(from + length));
        }
    }

    /** Whether {@code key} is that of a continuation piece rather than of a batch's first piece. */
    static boolean isContinuation(ByteBuffer key) {
        return key.remaining() == PIECE_KEY_SIZE;
    }
}
