package io.partita.broker.log;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.ApiException;

/**
 * One unit of work for the writer thread. {@link #apply} runs inside the group's write transaction; it must
 * make all its checks before it changes anything, so that an ApiException fails only this operation. Its
 * future completes only after the transaction committed (or for good failed). {@code apply} may run more than
 * once: when the map is full the whole group is retried in a fresh transaction.
 */
abstract class WriteOp<T> {

    final CompletableFuture<T> future = new CompletableFuture<>();
    /** When it was made, i.e. about when it was queued: for the writer's {@link CommitEvent}. */
    final long createdAt = System.nanoTime();

    private T result;
    private RuntimeException rejection;

    abstract T apply(WriteContext context);

    /** Operations that open or drop databases run in a transaction of their own. */
    boolean runsAlone() {
        return false;
    }

    /** Dropping a database must not race readers still using its handle. */
    boolean excludesReaders() {
        return false;
    }

    /** Payload bytes, to keep group transactions short. */
    int weightBytes() {
        return 64;
    }

    final void applyWithin(WriteContext context) {
        rejection = null;
        try {
            result = apply(context);
        } catch (ApiException e) {
            rejection = e;
        }
    }

    /** After commit: hand out the result or this operation's own rejection. */
    final void completeAfterCommit() {
        if (rejection != null) {
            future.completeExceptionally(rejection);
        } else {
            future.complete(result);
        }
    }

    final void fail(Throwable cause) {
        future.completeExceptionally(cause);
    }
}
