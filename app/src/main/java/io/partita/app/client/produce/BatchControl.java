package io.partita.app.client.produce;

import java.util.concurrent.CompletableFuture;

/** The handle of a running batch: cancel it, and hear its outcome. Safe to call from any thread. */
public final class BatchControl {
    private final CompletableFuture<BatchProgress> done = new CompletableFuture<>();
    private volatile boolean cancelled;

    /** Stops sending; records already handed to the producer are still acknowledged and counted. */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Called once by whoever runs the batch, with its final progress. */
    public void finish(BatchProgress last) {
        done.complete(last);
    }

    /** Completes with the final progress (DONE, CANCELLED or FAILED). */
    public CompletableFuture<BatchProgress> done() {
        return done;
    }
}
