package io.partita.broker.log;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * A cursor over a partition log's batches, stored in pieces as {@link BatchPieces} describes. Every move lands
 * on a batch's first piece, whose value holds the batch header ({@link #header()}); {@link #copyTo} reads the
 * rest. Valid as long as its transaction; not thread-safe.
 */
final class BatchCursor implements AutoCloseable {

    private final Cursor<ByteBuffer> cursor;

    BatchCursor(Dbi<ByteBuffer> db, Txn<ByteBuffer> txn) {
        this.cursor = db.openCursor(txn);
    }

    /** The first piece of the batch the cursor stands on: its header fields are read with {@link BatchHeader}. */
    ByteBuffer header() {
        return cursor.val();
    }

    /** The whole batch's size in bytes, from its header. */
    int size() {
        return BatchHeader.size(cursor.val());
    }

    boolean first() {
        return cursor.first(); // a batch's first piece sorts before its other pieces
    }

    boolean last() {
        return cursor.last() && toFirstPiece();
    }

    boolean next() {
        while (cursor.next()) {
            if (!BatchPieces.isContinuation(cursor.key())) {
                return true;
            }
        }
        return false;
    }

    boolean prev() {
        return toFirstPiece() && cursor.prev() && toFirstPiece();
    }

    /** At the batch whose base offset is {@code baseOffset}, if there is one. */
    boolean seek(long baseOffset) {
        return cursor.get(LmdbKeys.scratchLongKey(baseOffset), GetOp.MDB_SET_KEY);
    }

    /**
     * At the first batch whose base offset is {@code baseOffset} or more. An 8-byte key sorts before the pieces
     * that extend it, so this never lands on a continuation piece.
     */
    boolean seekAtOrAfter(long baseOffset) {
        return cursor.get(LmdbKeys.scratchLongKey(baseOffset), GetOp.MDB_SET_RANGE);
    }

    /**
     * At the last batch whose base offset is at most {@code offset} (the one holding it, if any does); when every
     * batch starts after it, at the first one. False only for an empty log.
     */
    boolean seekFloor(long offset) {
        if (seekAtOrAfter(offset)) {
            return BatchHeader.longAt(cursor.key()) == offset || prev() || first();
        }
        return last();
    }

    /** At the batch holding {@code offset}, or else the first one after it. */
    boolean seekContaining(long offset) {
        if (!seekFloor(offset)) {
            return false;
        }
        return BatchHeader.lastOffset(header()) >= offset || next();
    }

    /**
     * Appends the whole batch to {@code out}. The cursor stays within the batch: {@link #next}, {@link #prev} and
     * {@link #delete} work from it as before, but {@link #header} and {@link #size} are valid again only after a
     * move (reading pieces leaves the cursor on the last one).
     */
    void copyTo(ByteBuffer out) {
        ByteBuffer first = cursor.val();
        long baseOffset = BatchHeader.baseOffset(first);
        int missing = BatchHeader.size(first) - first.remaining();
        out.put(first.duplicate());
        while (missing > 0) {
            if (!cursor.next() || !isPieceOf(baseOffset)) {
                throw new KafkaStorageException("The batch at offset " + baseOffset + " lacks " + missing + " bytes");
            }
            ByteBuffer piece = cursor.val();
            missing -= piece.remaining();
            out.put(piece.duplicate());
        }
    }

    /**
     * Whether the batch is byte for byte {@code expected} (position to limit), compared piece by piece in place.
     * Like {@link #copyTo}, it leaves the cursor within the batch.
     */
    boolean holds(ByteBuffer expected) {
        ByteBuffer first = cursor.val();
        long baseOffset = BatchHeader.baseOffset(first);
        if (BatchHeader.size(first) != expected.remaining()) {
            return false;
        }
        int at = expected.position();
        ByteBuffer piece = first;
        while (true) {
            int length = piece.remaining();
            if (at + length > expected.limit()
                    || !piece.equals(expected.duplicate().position(at).limit(at + length))) {
                return false;
            }
            at += length;
            if (at == expected.limit()) {
                return true;
            }
            if (!cursor.next() || !isPieceOf(baseOffset)) {
                throw new KafkaStorageException(
                        "The batch at offset " + baseOffset + " lacks " + (expected.limit() - at) + " bytes");
            }
            piece = cursor.val();
        }
    }

    /** The whole batch, copied onto the heap. */
    ByteBuffer copy() {
        ByteBuffer out = ByteBuffer.allocate(size());
        copyTo(out);
        return out.flip();
    }

    /** Deletes the batch, every piece of it; the cursor must be moved again before it is read. */
    void delete() {
        toFirstPiece();
        long baseOffset = BatchHeader.longAt(cursor.key());
        cursor.delete();
        while (seekAtOrAfter(baseOffset) && isPieceOf(baseOffset)) {
            cursor.delete();
        }
    }

    @Override
    public void close() {
        cursor.close();
    }

    private boolean isPieceOf(long baseOffset) {
        ByteBuffer key = cursor.key();
        return BatchPieces.isContinuation(key) && BatchHeader.longAt(key) == baseOffset;
    }

    /** From a continuation piece back to its batch's first piece; true when the cursor stands on a batch. */
    private boolean toFirstPiece() {
        ByteBuffer key = cursor.key();
        if (!BatchPieces.isContinuation(key)) {
            return true;
        }
        return cursor.get(LmdbKeys.scratchLongKey(BatchHeader.longAt(key)), GetOp.MDB_SET_KEY);
    }
}
