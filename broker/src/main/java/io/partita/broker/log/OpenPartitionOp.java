package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.GetOp;

/**
 * Opens (creating if absent) a partition's two databases and loads its state, in a transaction of its own:
 * LMDB allows only one transaction at a time to open database handles, and only the writer opens them.
 */
final class OpenPartitionOp extends WriteOp<PartitionLog> {

    private final LogStore store;
    private final Env<ByteBuffer> env;
    private final PartitionKey key;
    private final LogConfig config;

    OpenPartitionOp(LogStore store, Env<ByteBuffer> env, PartitionKey key, LogConfig config) {
        this.store = store;
        this.env = env;
        this.key = key;
        this.config = config;
    }

    @Override
    boolean runsAlone() {
        return true;
    }

    @Override
    PartitionLog apply(WriteContext context) {
        Dbi<ByteBuffer> logDb = openDatabase(env, context, MetaCodec.logDatabaseName(key));
        Dbi<ByteBuffer> timeIndexDb = openDatabase(env, context, MetaCodec.timeIndexDatabaseName(key));
        ByteBuffer metaKey = MetaCodec.partitionKey(key);
        ByteBuffer stored = context.meta.get(context.txn, metaKey);
        PartitionState state;
        if (stored == null) {
            state = PartitionState.empty(key.topic(), context.now);
            context.meta.put(context.txn, metaKey, MetaCodec.encodeState(state, context::metaValue));
        } else {
            state = MetaCodec.decodeState(stored);
        }
        return new PartitionLog(store, key, config, logDb, timeIndexDb, state, loadProducers(context));
    }

    static Dbi<ByteBuffer> openDatabase(Env<ByteBuffer> env, WriteContext context, String name) {
        return env.openDbi(context.txn, name.getBytes(StandardCharsets.UTF_8), null, false, DbiFlags.MDB_CREATE);
    }

    private Map<Long, ProducerStateEntry> loadProducers(WriteContext context) {
        Map<Long, ProducerStateEntry> producers = new HashMap<>();
        ByteBuffer prefix = MetaCodec.producerPrefix(key);
        try (Cursor<ByteBuffer> cursor = context.meta.openCursor(context.txn)) {
            boolean found = cursor.get(prefix, GetOp.MDB_SET_RANGE);
            while (found && MetaCodec.hasPrefix(cursor.key(), prefix)) {
                long producerId = MetaCodec.producerIdOf(cursor.key());
                producers.put(producerId, MetaCodec.decodeProducer(producerId, cursor.val()));
                found = cursor.next();
            }
        }
        return producers;
    }

    @Override
    public String toString() {
        return "OpenPartition(" + key + ")";
    }
}
