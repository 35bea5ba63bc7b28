package io.partita.broker.log;

import java.nio.ByteBuffer;

/** Direct buffers for LMDB keys: lmdbjava's optimal proxy reads keys by native address. */
final class LmdbKeys {

    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(8));

    private LmdbKeys() {
    }

    /** A fresh 8-byte big-endian key: unsigned byte order equals numeric order for non-negative values. */
    static ByteBuffer longKey(long value) {
        ByteBuffer key = ByteBuffer.allocateDirect(8);
        key.putLong(0, value);
        return key;
    }

    /** The calling thread's reusable key; valid until the thread's next call. LMDB copies keys on put. */
    static ByteBuffer scratchLongKey(long value) {
        ByteBuffer key = SCRATCH.get();
        key.clear();
        key.putLong(0, value);
        return key;
    }

    static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return buffer;
    }
}
