package io.partita.broker.log;

import java.nio.ByteBuffer;

/** Direct buffers for LMDB keys: lmdbjava's optimal proxy reads keys by native address. */
final class LmdbKeys {

    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(8));

    private LmdbKeys() {}

    /**
     * The calling thread's reusable 8-byte big-endian key (unsigned byte order is then numeric order for
     * non-negative values); valid until the thread's next call.
     */
    static ByteBuffer scratchLongKey(long value) {
        ByteBuffer key = SCRATCH.get();
        key.clear();
        key.putLong(0, value);
        return key;
    }
}
