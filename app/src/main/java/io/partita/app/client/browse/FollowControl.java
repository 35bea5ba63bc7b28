package io.partita.app.client.browse;

import java.util.concurrent.CompletableFuture;

/**
 * The handle of a live tail: stop it; know when it listens (positioned at the end of its partitions, so what is
 * produced from then on shows) and when it has stopped (its consumer closed). Safe to call from any thread.
 */
public final class FollowControl {
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Runnable onStop = () -> {};

    /** Stops the polling; {@link #stopped()} completes once the consumer is closed. */
    public void stop() {
        onStop.run();
    }

    /** What stop does (set once by whoever runs the tail, before handing the control out). */
    public void onStop(Runnable action) {
        onStop = action;
    }

    /** Completes when the tail is positioned at the end of its partitions, or exceptionally when it cannot be. */
    public CompletableFuture<Void> listening() {
        return listening;
    }

    /** Completes when the tail has stopped: normally after {@link #stop()}, exceptionally when it failed. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }
}
