package io.partita.broker.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.kafka.common.Uuid;

/**
 * Child JVM for {@link KillNineTest}: appends forever, recording each acknowledged end offset in a side file,
 * until the parent kills it with SIGKILL. It never closes the store, so nothing is synced on purpose.
 */
public final class KillNineChild {

    static final PartitionKey KEY = new PartitionKey(new Uuid(7, 7), "kill9", 0);

    private KillNineChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path acked = Path.of(args[1]);
        LogStore store = LogStore.open(LogStoreSettings.defaults(dir.resolve("data")));
        PartitionLog log = store.openPartition(KEY, LogConfig.defaults());
        for (int i = 0; ; i++) {
            AppendResult result = log.appendAsLeader(
                            LogTestSupport.batch(System.currentTimeMillis(), "v" + i, "w" + i), 0)
                    .join();
            Files.writeString(
                    acked,
                    Long.toString(result.lastOffset() + 1),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        }
    }
}
