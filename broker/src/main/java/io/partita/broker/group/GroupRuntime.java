package io.partita.broker.group;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * What a group's state machine needs from its surroundings: a clock, timers and durable writes to its partition
 * of __consumer_offsets. The coordinator provides the real ones; unit tests a manual clock and an in-memory log.
 */
public interface GroupRuntime {
    long now();

    /** Runs {@code task} after {@code delayMs}; the task takes the group's lock itself. */
    Future<?> schedule(Runnable task, long delayMs);

    /**
     * Appends the records and completes, with the offset of the first one, once the ISR holds them (the high
     * watermark passed them); fails with Kafka's error otherwise.
     */
    CompletableFuture<Long> write(List<SimpleRecord> records);

    GroupConfig config();
}
