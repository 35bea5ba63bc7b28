package io.partita.broker.network;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reusable direct buffers for fetched record data, which is read from LMDB into them and written to sockets
 * without another copy. Allocating direct memory is slow (it is zeroed, and freed only by the garbage
 * collector), and a fetch needs megabytes at a time, more than Netty's pool keeps around, so buffers are
 * kept here in power-of-two size classes, up to a bound.
 */
public final class DirectBufferPool {
    private static final int MIN_CLASS_SHIFT = 16; // 64 KiB
    private static final int MAX_CLASS_SHIFT = 24; // 16 MiB

    private final long maxPooledBytes;
    private final AtomicLong pooledBytes = new AtomicLong();

    @SuppressWarnings("unchecked")
    private final ConcurrentLinkedQueue<ByteBuffer>[] free = new ConcurrentLinkedQueue[MAX_CLASS_SHIFT + 1];

    public DirectBufferPool(long maxPooledBytes) {
        this.maxPooledBytes = maxPooledBytes;
        for (int shift = MIN_CLASS_SHIFT; shift <= MAX_CLASS_SHIFT; shift++) {
            free[shift] = new ConcurrentLinkedQueue<>();
        }
    }

    /** A direct buffer with position 0 and limit {@code size}. */
    public ByteBuffer acquire(int size) {
        int shift = classShift(size);
        if (shift > MAX_CLASS_SHIFT) {
            return ByteBuffer.allocateDirect(size);
        }
        ByteBuffer buffer = free[shift].poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(1 << shift);
        } else {
            pooledBytes.addAndGet(-buffer.capacity());
        }
        buffer.clear().limit(size);
        return buffer;
    }

    /** Gives a buffer back; one the pool has no room for is left to the garbage collector. */
    public void release(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        if (Integer.bitCount(capacity) != 1) {
            return;
        }
        int shift = Integer.numberOfTrailingZeros(capacity);
        if (shift < MIN_CLASS_SHIFT || shift > MAX_CLASS_SHIFT) {
            return;
        }
        if (pooledBytes.addAndGet(capacity) > maxPooledBytes) {
            pooledBytes.addAndGet(-capacity);
            return;
        }
        free[shift].offer(buffer);
    }

    private static int classShift(int size) {
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1);
        return Math.max(shift, MIN_CLASS_SHIFT);
    }
}
