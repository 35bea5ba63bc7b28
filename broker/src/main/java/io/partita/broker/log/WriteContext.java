package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/** One write transaction of the writer thread, and the partitions it changes. */
final class WriteContext {

    final Txn<ByteBuffer> txn;
    final Dbi<ByteBuffer> meta;
    final long now;
    private final Map<PartitionLog, PartitionWork> work = new LinkedHashMap<>();
    private final WriterBuffers buffers;

    WriteContext(Txn<ByteBuffer> txn, Dbi<ByteBuffer> meta, long now, WriterBuffers buffers) {
        this.txn = txn;
        this.meta = meta;
        this.now = now;
        this.buffers = buffers;
    }

    /** A reusable 8-byte key; LMDB copies it on put. */
    ByteBuffer key(long value) {
        return buffers.longKey(value);
    }

    /** A reusable 8-byte value, distinct from {@link #key} so both can be passed to one put. */
    ByteBuffer value(long value) {
        return buffers.longValue(value);
    }

    /**
     * Stores {@code batch} (position to limit) in a partition's log database under {@code baseOffset}, in pieces
     * (see {@link BatchPieces}); with {@code append}, after every key already there.
     */
    void putBatch(Dbi<ByteBuffer> db, long baseOffset, ByteBuffer batch, boolean append) {
        BatchPieces.put(txn, db, buffers, baseOffset, batch, append);
    }

    /** A reusable buffer for a value of the meta database; LMDB copies it on put. */
    ByteBuffer metaValue(int size) {
        return buffers.metaValue(size);
    }

    /** The largest piece of a batch stored in one LMDB value. */
    int pieceSize() {
        return buffers.pieceSize();
    }

    /** A reusable heap buffer of at least {@code size} bytes; valid until the next call. */
    ByteBuffer batchBuffer(int size) {
        return buffers.batch(size);
    }

    PartitionWork work(PartitionLog log) {
        return work.computeIfAbsent(log, PartitionLog::startWork);
    }

    Collection<PartitionWork> changedPartitions() {
        return work.values();
    }

    /** Writes every changed partition's state and producer entries in this same transaction as its data. */
    void writeMeta() {
        for (PartitionWork changed : work.values()) {
            if (changed.log.isDeleted()) {
                continue;
            }
            PartitionKey key = changed.log.key();
            meta.put(txn, changed.log.metaKey(), MetaCodec.encodeState(changed.toState(), this::metaValue));
            for (Map.Entry<Long, ProducerStateEntry> producer : changed.changedProducers.entrySet()) {
                ByteBuffer producerKey = MetaCodec.producerKey(key, producer.getKey(), buffers::metaKey);
                if (producer.getValue() == null) {
                    meta.delete(txn, producerKey);
                } else {
                    meta.put(txn, producerKey, MetaCodec.encodeProducer(producer.getValue(), buffers::metaValue));
                }
            }
        }
    }
}
