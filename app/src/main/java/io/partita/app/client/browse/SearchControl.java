package io.partita.app.client.browse;

import java.util.concurrent.CompletableFuture;

/** The handle of a running search: cancel it, and its outcome. Safe to call from any thread. */
public final class SearchControl {
    private final CompletableFuture<SearchProgress> done = new CompletableFuture<>();
    private volatile boolean cancelled;

    /** Stops the search after the page it is reading; it finishes CANCELLED with its counts so far. */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Called once by whoever runs the search, with its final progress. */
    public void finish(SearchProgress last) {
        done.complete(last);
    }

    /** Completes with the final progress (DONE, LIMIT, CANCELLED or FAILED). */
    public CompletableFuture<SearchProgress> done() {
        return done;
    }
}
