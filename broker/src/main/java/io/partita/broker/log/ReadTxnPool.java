package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read transactions kept for reuse (LMDB's reset and renew). Beginning a read transaction is not cheap here:
 * LMDB allocates and zeroes a table sized by the environment's maximum number of databases (about 1.6 MB at
 * the default 32,768), and with MDB_NOTLS takes the reader-table lock for a slot. Every fetch reads, so that
 * cost fell on every fetch, on the network threads, and flushed the caches other threads work in. A reset
 * transaction holds no snapshot (it keeps no pages from reuse) but keeps its handle and reader slot, and
 * renewing it costs neither.
 *
 * <p>Any thread may renew a pooled transaction: under MDB_NOTLS a reader slot belongs to the transaction, not
 * the thread. Idle transactions beyond {@value #MAX_IDLE} are closed, each holding a reader slot.
 */
final class ReadTxnPool {

    private static final Logger LOG = LoggerFactory.getLogger(ReadTxnPool.class);
    static final int MAX_IDLE = 32;

    private final Env<ByteBuffer> env;
    private final ConcurrentLinkedDeque<Txn<ByteBuffer>> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    ReadTxnPool(Env<ByteBuffer> env) {
        this.env = env;
    }

    /** A read transaction on the latest committed snapshot; give it back with {@link #release}. */
    Txn<ByteBuffer> acquire() {
        Txn<ByteBuffer> txn = idle.pollFirst();
        if (txn == null) {
            return env.txnRead();
        }
        idleCount.decrementAndGet();
        try {
            txn.renew();
            return txn;
        } catch (RuntimeException e) {
            // Left neither reset nor ready, lmdbjava will not abort it: the handle is lost, a fresh one serves.
            LOG.warn("Could not renew a pooled read transaction; beginning a new one: {}", e.toString());
            return env.txnRead();
        }
    }

    /** Ends the read: the snapshot is released at once, the handle kept for the next read (or closed). */
    void release(Txn<ByteBuffer> txn) {
        if (idleCount.incrementAndGet() > MAX_IDLE) {
            idleCount.decrementAndGet();
            txn.close();
            return;
        }
        try {
            txn.reset();
        } catch (RuntimeException e) {
            idleCount.decrementAndGet();
            txn.close();
            throw e;
        }
        idle.addFirst(txn);
    }

    /** Frees every idle transaction; no read may be running (the store holds its map lock for writing). */
    void close() {
        Txn<ByteBuffer> txn;
        while ((txn = idle.pollFirst()) != null) {
            try {
                txn.renew(); // lmdbjava aborts, and so frees, only a ready transaction
            } catch (RuntimeException e) {
                LOG.debug("Could not renew a pooled read transaction to free it: {}", e.toString());
            }
            txn.close();
        }
        idleCount.set(0);
    }

    int idle() {
        return idleCount.get();
    }
}
