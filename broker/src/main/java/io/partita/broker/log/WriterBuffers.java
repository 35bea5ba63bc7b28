package io.partita.broker.log;

import java.nio.ByteBuffer;

/**
 * The direct buffers the writer thread puts keys and values from, reused across transactions: LMDB copies a
 * key and a value on put, so each buffer is free again as soon as the put returns.
 *
 * <p>Why not a fresh buffer per put: every {@code allocateDirect} registers a Cleaner, and the writer used to
 * make several per commit (the partition state, the producer entries and their keys). Under a producer's load
 * that was thousands of Cleaners per second, each of which the next young collection had to process: pauses
 * of 20-40 ms on a 2-core machine, which showed in the end-to-end latency tail.
 *
 * <p>Not thread-safe: owned by the one writer thread of an environment.
 */
final class WriterBuffers {
    private static final int INITIAL_CAPACITY = 256;

    private final int pieceSize;
    private final ByteBuffer longKey = ByteBuffer.allocateDirect(8);
    private final ByteBuffer pieceKey = ByteBuffer.allocateDirect(BatchPieces.PIECE_KEY_SIZE);
    private ByteBuffer batch = ByteBuffer.allocate(0);
    private final ByteBuffer longValue = ByteBuffer.allocateDirect(8);
    private ByteBuffer metaKey = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
    private ByteBuffer metaValue = ByteBuffer.allocateDirect(INITIAL_CAPACITY);

    /** @param pieceSize the largest piece of a batch that LMDB keeps in a leaf page (see {@link BatchPieces}) */
    WriterBuffers(int pieceSize) {
        this.pieceSize = pieceSize;
    }

    int pieceSize() {
        return pieceSize;
    }

    /** The key of piece {@code piece >= 1} of the batch at {@code baseOffset}. */
    ByteBuffer pieceKey(long baseOffset, int piece) {
        pieceKey.clear();
        pieceKey.putLong(0, baseOffset).putInt(Long.BYTES, piece);
        return pieceKey;
    }

    /** A cleared heap buffer of at least {@code size} bytes to lay a batch out in before it is cut in pieces. */
    ByteBuffer batch(int size) {
        if (batch.capacity() < size) {
            batch = ByteBuffer.allocate(grown(batch.capacity(), size));
        }
        return batch.clear();
    }

    /** An 8-byte key holding {@code value}, big-endian (LMDB's byte order is then numeric order). */
    ByteBuffer longKey(long value) {
        longKey.clear();
        longKey.putLong(0, value);
        return longKey;
    }

    /** An 8-byte value holding {@code value}, distinct from {@link #longKey} so both can go to one put. */
    ByteBuffer longValue(long value) {
        longValue.clear();
        longValue.putLong(0, value);
        return longValue;
    }

    /** A cleared buffer of at least {@code size} bytes for a key of the meta database. */
    ByteBuffer metaKey(int size) {
        if (metaKey.capacity() < size) {
            metaKey = ByteBuffer.allocateDirect(grown(metaKey.capacity(), size));
        }
        return metaKey.clear();
    }

    /** A cleared buffer of at least {@code size} bytes for a value of the meta database. */
    ByteBuffer metaValue(int size) {
        if (metaValue.capacity() < size) {
            metaValue = ByteBuffer.allocateDirect(grown(metaValue.capacity(), size));
        }
        return metaValue.clear();
    }

    private static int grown(int capacity, int size) {
        return Math.max(size, capacity * 2);
    }
}
