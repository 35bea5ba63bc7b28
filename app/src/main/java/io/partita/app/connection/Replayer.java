package io.partita.app.connection;

import io.partita.app.common.Fx;
import io.partita.app.messages.Delivery;
import io.partita.app.messages.Message;
import io.partita.app.messages.MessagePage;
import io.partita.app.messages.ReplayControl;
import io.partita.app.messages.ReplayPlan;
import io.partita.app.messages.ReplayProgress;
import io.partita.app.messages.StartAt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one replay on its own thread: reads the source partitions page by page through the reader, keeps what the
 * filter keeps, waits for each record's turn (speed, pause, step) and hands it to the target — the writer, or the
 * app. Progress goes out at most every 100 ms; the end (done, cancelled or failed) once, with the counts.
 */
final class Replayer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Replayer.class);
    private static final int PAGE = 500;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final MessageReader reader;
    private final MessageWriter writer;
    private final ReplayPlan plan;
    private final ReplayControl control;
    private final Consumer<ReplayProgress> progress;
    private final Consumer<Message> shown;
    private final Consumer<ReplayProgress> finished;
    private final List<CompletableFuture<Delivery>> inFlight = new ArrayList<>();

    private long read;
    private long matched;
    private long delivered;
    private int partition = -1;
    private long offset = -1;
    private long rangeFrom = -1;
    private long rangeUntil = -1;
    private long startNanos;
    private long pausedNanos;
    private long firstTimestamp = Long.MIN_VALUE;
    private long lastProgressNanos;

    /**
     * @param progress receives progress snapshots (on the replay's thread; the caller moves them)
     * @param shown    receives each record for an {@link ReplayPlan.InApp} target
     * @param finished receives the final progress, once
     */
    Replayer(MessageReader reader, MessageWriter writer, ReplayPlan plan, ReplayControl control,
             Consumer<ReplayProgress> progress, Consumer<Message> shown, Consumer<ReplayProgress> finished) {
        this.reader = reader;
        this.writer = writer;
        this.plan = plan;
        this.control = control;
        this.progress = progress;
        this.shown = shown;
        this.finished = finished;
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        ReplayProgress.State end = ReplayProgress.State.DONE;
        String failure = null;
        try {
            for (int p : plan.partitions()) {
                partition = p;
                if (!replayPartition(p)) {
                    break;
                }
            }
            awaitDeliveries();
            if (control.cancelled()) {
                end = ReplayProgress.State.CANCELLED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = ReplayProgress.State.CANCELLED;
        } catch (Exception e) {
            end = ReplayProgress.State.FAILED;
            failure = Fx.describe(ClusterErrors.explain(e));
            log.warn("Replay of {} stopped: {}", plan.topic(), failure);
        }
        ReplayProgress last = snapshot(end, failure);
        log.info("Replay of {}: {}", plan.topic(), last.summary());
        finished.accept(last);
    }

    /** Replays one partition; false when the replay was cancelled. */
    private boolean replayPartition(int p) throws Exception {
        MessagePage page = reader.read(plan.topic(), p, plan.from(), PAGE).get();
        long until = Math.min(plan.until(), page.logEnd());
        synchronized (this) {
            rangeFrom = page.from();
            rangeUntil = Math.max(until, page.from());
        }
        while (true) {
            for (Message m : page.messages()) {
                if (m.offset() >= until) {
                    return true;
                }
                read++;
                offset = m.offset();
                if (plan.filter().test(m)) {
                    if (!deliverInTurn(m)) {
                        return false;
                    }
                }
                report();
            }
            if (page.next() >= until || page.messages().isEmpty() && page.next() == page.from()) {
                return true;
            }
            page = reader.read(plan.topic(), p, new StartAt.Offset(page.next()), PAGE).get();
        }
    }

    private boolean deliverInTurn(Message m) throws Exception {
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = m.timestamp();
        }
        long due = startNanos + pausedNanos + plan.speed().dueNanos(matched, firstTimestamp, m.timestamp());
        while (true) {
            if (control.cancelled()) {
                return false;
            }
            if (control.paused()) {
                report();
                pausedNanos += control.awaitTurn();
                due = Math.max(due, System.nanoTime()); // a step goes at once
                if (control.cancelled()) {
                    return false;
                }
                if (control.paused()) {
                    break; // a single step: deliver this one now
                }
            }
            long wait = due - System.nanoTime();
            if (wait <= 0) {
                break;
            }
            // Sleep in short slices so that pause and cancel take effect at once.
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
        }
        matched++;
        if (plan.target() instanceof ReplayPlan.ToTopic to) {
            CompletableFuture<Delivery> sent = writer.send(to.request(m));
            inFlight.add(sent.thenApply(d -> {
                synchronized (this) {
                    delivered++;
                }
                return d;
            }));
            if (inFlight.size() >= 1_000) {
                awaitDeliveries(); // bounded memory, and an error stops the replay early
            }
        } else {
            shown.accept(m);
            synchronized (this) {
                delivered++;
            }
        }
        return true;
    }

    private void awaitDeliveries() throws Exception {
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a record could not be sent: " + Fx.describe(ClusterErrors.explain(e)), e);
        } finally {
            inFlight.clear();
        }
    }

    private void report() {
        long now = System.nanoTime();
        if (now - lastProgressNanos >= PROGRESS_EVERY_NANOS || control.paused()) {
            lastProgressNanos = now;
            progress.accept(snapshot(control.paused() ? ReplayProgress.State.PAUSED : ReplayProgress.State.RUNNING,
                    null));
        }
    }

    private synchronized ReplayProgress snapshot(ReplayProgress.State state, String failure) {
        return new ReplayProgress(read, matched, delivered, partition, offset, rangeFrom, rangeUntil, state,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), failure);
    }
}
