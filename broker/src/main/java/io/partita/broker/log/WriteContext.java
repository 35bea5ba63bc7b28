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
    private final ByteBuffer keyScratch = ByteBuffer.allocateDirect(8);
    private final ByteBuffer valueScratch = ByteBuffer.allocateDirect(8);

    WriteContext(Txn<ByteBuffer> txn, Dbi<ByteBuffer> meta, long now) {
        this.txn = txn;
        this.meta = meta;
        this.now = now;
    }

    /** A reusable 8-byte key; LMDB copies it on put, so one per transaction is enough. */
    ByteBuffer key(long value) {
        keyScratch.clear();
        keyScratch.putLong(0, value);
        return keyScratch;
    }

    /** A reusable 8-byte value, distinct from {@link #key} so both can be passed to one put. */
    ByteBuffer value(long value) {
        valueScratch.clear();
        valueScratch.putLong(0, value);
        return valueScratch;
    }

    PartitionWork work(PartitionLog log) {
        return work.computeIfAbsent(log, l -> new PartitionWork(l, l.committedState()));
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
            meta.put(txn, changed.log.metaKey(), MetaCodec.encodeState(changed.toState()));
            for (Map.Entry<Long, ProducerStateEntry> producer : changed.changedProducers.entrySet()) {
                ByteBuffer producerKey = MetaCodec.producerKey(key, producer.getKey());
                if (producer.getValue() == null) {
                    meta.delete(txn, producerKey);
                } else {
                    meta.put(txn, producerKey, MetaCodec.encodeProducer(producer.getValue()));
                }
            }
        }
    }
}
