package io.partita.app.client.produce;

import io.partita.app.client.core.ClusterErrors;
import io.partita.app.client.core.Failures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one generated batch on its own thread through the writer (the one producer): renders each record from the
 * plan's templates when it is due, and counts the acknowledgements per partition. Progress goes out at most every
 * 100 ms; the end (done, cancelled or failed) once.
 */
final class BatchSender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Records handed to the producer and not yet acknowledged, at most: bounded memory, and an error stops early. */
    private static final int IN_FLIGHT = 1_000;
    /** The longest nap while waiting for a record's turn, so that Cancel takes effect at once. */
    private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final MessageWriter writer;
    private final BatchPlan plan;
    private final BatchControl control;
    private final Consumer<BatchProgress> progress;
    private final Consumer<BatchProgress> finished;
    private final Random random = new Random();
    private final List<CompletableFuture<Delivery>> inFlight = new ArrayList<>();
    /** partition -> {first offset, last offset, count}; written by the producer's callbacks. */
    private final Map<Integer, long[]> spans = new TreeMap<>();

    private long sent;
    /** The first record the cluster refused (or a closed connection): the batch stops at the next record. */
    private volatile Throwable refused;

    private long startNanos;
    private long lastProgressNanos;

    /**
     * @param progress receives snapshots while running (on the batch's thread; the caller moves them)
     * @param finished receives the final progress, once
     */
    BatchSender(
            MessageWriter writer,
            BatchPlan plan,
            BatchControl control,
            Consumer<BatchProgress> progress,
            Consumer<BatchProgress> finished) {
        this.writer = writer;
        this.plan = plan;
        this.control = control;
        this.progress = progress;
        this.finished = finished;
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        BatchProgress.State end = BatchProgress.State.DONE;
        String failure = null;
        try {
            for (long i = 0; i < plan.count(); i++) {
                if (!awaitTurn(startNanos + plan.dueNanos(i))) {
                    break;
                }
                if (refused != null) {
                    throw new ExecutionException(refused);
                }
                CompletableFuture<Delivery> delivery = writer.send(plan.request(i, random, Instant.now()));
                delivery.whenComplete((d, error) -> {
                    if (error != null && refused == null) {
                        refused = error;
                    }
                });
                inFlight.add(delivery.thenApply(this::landed));
                if (inFlight.size() >= IN_FLIGHT) {
                    awaitDeliveries();
                }
                report();
            }
            awaitDeliveries();
            if (control.cancelled()) {
                end = BatchProgress.State.CANCELLED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = BatchProgress.State.CANCELLED;
        } catch (IllegalArgumentException e) { // a rendered value that is not JSON: the plan's own words
            end = BatchProgress.State.FAILED;
            failure = e.getMessage();
            awaitQuietly();
        } catch (Exception e) {
            end = BatchProgress.State.FAILED;
            failure = Failures.describe(ClusterErrors.explain(e));
            awaitQuietly();
        }
        BatchProgress last = snapshot(end, failure);
        LOG.info("Batch to {}: {}", plan.topic(), last.summary());
        finished.accept(last);
    }

    /** Waits until {@code due} (System.nanoTime), in short naps; false when cancelled meanwhile. */
    private boolean awaitTurn(long due) {
        while (!control.cancelled()) {
            long wait = due - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            report();
            LockSupport.parkNanos(Math.min(wait, NAP_NANOS));
        }
        return false;
    }

    private Delivery landed(Delivery d) {
        synchronized (this) {
            sent++;
            long[] span = spans.computeIfAbsent(d.partition(), p -> new long[] {d.offset(), d.offset(), 0});
            span[0] = Math.min(span[0], d.offset());
            span[1] = Math.max(span[1], d.offset());
            span[2]++;
        }
        return d;
    }

    private void awaitDeliveries() throws InterruptedException, ExecutionException {
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get();
        } finally {
            inFlight.clear();
        }
    }

    /** After a failure: let what was already handed over land, so the summary counts it. */
    private void awaitQuietly() {
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the first failure is what the summary reports
        }
        inFlight.clear();
    }

    private void report() {
        long now = System.nanoTime();
        if (now - lastProgressNanos >= PROGRESS_EVERY_NANOS) {
            lastProgressNanos = now;
            progress.accept(snapshot(BatchProgress.State.RUNNING, null));
        }
    }

    private synchronized BatchProgress snapshot(BatchProgress.State state, String failure) {
        List<BatchProgress.Span> partitions = new ArrayList<>(spans.size());
        spans.forEach((p, s) -> partitions.add(new BatchProgress.Span(p, s[0], s[1], s[2])));
        return new BatchProgress(
                plan.topic(),
                plan.count(),
                sent,
                partitions,
                state,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                failure);
    }
}
