package io.partita.broker.log;

import java.nio.ByteBuffer;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.GetOp;

/**
 * Deletes a partition's databases and meta entries. Runs alone with readers held off: dropping a database
 * closes its handle, which a concurrent reader might still be using.
 */
final class DropPartitionOp extends WriteOp<Void> {

    private final Env<ByteBuffer> env;
    private final PartitionKey key;
    private final PartitionLog openLog; // null when the partition was only on disk

    DropPartitionOp(Env<ByteBuffer> env, PartitionKey key, PartitionLog openLog) {
        this.env = env;
        this.key = key;
        this.openLog = openLog;
    }

    @Override
    boolean runsAlone() {
        return true;
    }

    @Override
    boolean excludesReaders() {
        return true;
    }

    @Override
    Void apply(WriteContext context) {
        Dbi<ByteBuffer> logDb = openLog != null
                ? openLog.logDb()
                : OpenPartitionOp.openDatabase(env, context, MetaCodec.logDatabaseName(key));
        Dbi<ByteBuffer> timeIndexDb = openLog != null
                ? openLog.timeIndexDb()
                : OpenPartitionOp.openDatabase(env, context, MetaCodec.timeIndexDatabaseName(key));
        logDb.drop(context.txn, true);
        timeIndexDb.drop(context.txn, true);
        context.meta.delete(context.txn, MetaCodec.partitionKey(key));
        ByteBuffer prefix = MetaCodec.producerPrefix(key);
        try (Cursor<ByteBuffer> cursor = context.meta.openCursor(context.txn)) {
            while (cursor.get(prefix, GetOp.MDB_SET_RANGE) && MetaCodec.hasPrefix(cursor.key(), prefix)) {
                cursor.delete();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "DropPartition(" + key + ")";
    }
}
