package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The cleaner's key -> latest offset map, as Kafka's SkimpyOffsetMap keeps it: a key is remembered by its
 * 16-byte MD5 digest, never by its bytes, so a pass's memory is 24 bytes a key whatever the keys' size, and
 * two keys would have to collide in 128 bits to be confused. Open addressing with linear probing in one long
 * array. Not thread-safe: one cleaning pass owns it.
 */
final class OffsetMap {

    static final int BYTES_PER_ENTRY = 24;
    private static final int LONGS_PER_SLOT = 3; // digest high, digest low, offset + 1 (0 = empty slot)

    private final long[] table;
    private final int slots;
    private final long maxEntries;
    private final MessageDigest md5;
    private int size;
    private long latestOffset = -1;
    private long digestHigh;
    private long digestLow;

    /**
     * @param expectedEntries how many keys the pass may put at most (the dirty section's record count)
     * @param maxEntries      the most keys memory allows (log.cleaner.dedupe.buffer.size and load factor)
     */
    OffsetMap(long expectedEntries, long maxEntries, double loadFactor) {
        long entries = Math.max(1, Math.min(expectedEntries, maxEntries));
        int slots = (int) Math.min(
                (long) Math.ceil(entries / Math.min(loadFactor, 0.9)) + 1, Integer.MAX_VALUE / LONGS_PER_SLOT);
        this.table = new long[slots * LONGS_PER_SLOT];
        this.slots = slots;
        // Never fuller than 90%, so a probe always ends at an empty slot.
        this.maxEntries = Math.min(entries, (long) (slots * 0.9));
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has MD5", e);
        }
    }

    /** Whether {@code records} more keys surely fit. */
    boolean canHold(long records) {
        return size + records <= maxEntries;
    }

    /** Remembers {@code offset} as the key's latest; offsets must be put in increasing order. */
    void put(ByteBuffer key, long offset) {
        digest(key);
        int slot = find();
        int at = slot * LONGS_PER_SLOT;
        if (table[at + 2] == 0) {
            table[at] = digestHigh;
            table[at + 1] = digestLow;
            size++;
        }
        table[at + 2] = offset + 1;
        latestOffset = Math.max(latestOffset, offset);
    }

    /** The key's latest offset, or -1 if the dirty section does not hold it. */
    long get(ByteBuffer key) {
        digest(key);
        return table[find() * LONGS_PER_SLOT + 2] - 1;
    }

    int size() {
        return size;
    }

    /** The largest offset put, or -1. */
    long latestOffset() {
        return latestOffset;
    }

    /** The slot holding the current digest, or the empty slot where it belongs. */
    private int find() {
        int slot = (int) Long.remainderUnsigned(mix(digestHigh ^ digestLow), slots);
        while (true) {
            int at = slot * LONGS_PER_SLOT;
            if (table[at + 2] == 0 || (table[at] == digestHigh && table[at + 1] == digestLow)) {
                return slot;
            }
            slot = slot + 1 == slots ? 0 : slot + 1;
        }
    }

    private void digest(ByteBuffer key) {
        md5.reset();
        md5.update(key.duplicate());
        byte[] d = md5.digest();
        ByteBuffer wrapped = ByteBuffer.wrap(d);
        digestHigh = wrapped.getLong();
        digestLow = wrapped.getLong();
    }

    private static long mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
