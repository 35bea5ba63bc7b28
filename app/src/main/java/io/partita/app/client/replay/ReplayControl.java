package io.partita.app.client.replay;

import java.util.concurrent.CompletableFuture;

/**
 * The handle of a running replay: pause, resume, step one record while paused, cancel; and its outcome. Safe to
 * call from any thread (the FX thread calls, the replay's thread waits).
 */
public final class ReplayControl {
    private final CompletableFuture<ReplayProgress> done = new CompletableFuture<>();
    private boolean paused;
    private long steps;
    private volatile boolean cancelled;

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** While paused: let exactly one more record through. */
    public synchronized void step() {
        steps++;
        notifyAll();
    }

    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    public boolean cancelled() {
        return cancelled;
    }

    public synchronized boolean paused() {
        return paused;
    }

    /**
     * Blocks the replay while paused (until resumed, stepped or cancelled).
     *
     * @return the nanoseconds spent waiting, so the schedule can move on by as much
     */
    public synchronized long awaitTurn() throws InterruptedException {
        long start = System.nanoTime();
        while (paused && steps == 0 && !cancelled) {
            wait();
        }
        if (paused && steps > 0) {
            steps--;
        }
        return System.nanoTime() - start;
    }

    /** Called once by whoever runs the replay, with its final progress. */
    public void finish(ReplayProgress last) {
        done.complete(last);
    }

    /** Completes with the final progress (DONE, CANCELLED or FAILED). */
    public CompletableFuture<ReplayProgress> done() {
        return done;
    }
}
