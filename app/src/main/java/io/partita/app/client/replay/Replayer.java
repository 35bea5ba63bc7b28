package io.partita.app.client.replay;

import io.partita.app.client.browse.MessageReader;
import io.partita.app.client.core.ClusterErrors;
import io.partita.app.client.core.Failures;
import io.partita.app.client.produce.Delivery;
import io.partita.app.client.produce.MessageWriter;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.ReplayRange;
import io.partita.app.client.records.TimeOrderedMerge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one replay on its own thread: resolves each source partition's range (a stop time per partition, through
 * offsets-for-times), reads the partitions a small page at a time and merges them by timestamp (ties by partition,
 * then offset), keeps what the filter keeps, waits for each record's turn (speed, pause, step) and hands it to the
 * target — the writer, or the app. Progress, with a cursor per partition, goes out at most every 100 ms and after
 * every record while paused; the end (done, cancelled or failed) once, with the counts.
 */
final class Replayer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    /** Records buffered across all partitions: a page each, between {@link #PAGE_MIN} and {@link #PAGE_MAX}. */
    private static final int BUFFERED = 2_000;

    private static final int PAGE_MIN = 50;
    private static final int PAGE_MAX = 500;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Same timestamp: the lower partition first, then the lower offset, so the order is the same every time. */
    private static final Comparator<Message> TIES =
            Comparator.comparingInt(Message::partition).thenComparingLong(Message::offset);

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
    /** Each source partition's range, and the offset last handled there (-1: none yet), by partition. */
    private final List<ReplayRange> ranges = new ArrayList<>();

    private final Map<Integer, Integer> slot = new HashMap<>();
    private long[] at = new long[0];
    private long startNanos;
    private long pausedNanos;
    private long firstTimestamp = Long.MIN_VALUE;
    private long lastProgressNanos;

    /**
     * @param progress receives progress snapshots (on the replay's thread; the caller moves them)
     * @param shown    receives each record for an {@link ReplayPlan.InApp} target
     * @param finished receives the final progress, once
     */
    Replayer(
            MessageReader reader,
            MessageWriter writer,
            ReplayPlan plan,
            ReplayControl control,
            Consumer<ReplayProgress> progress,
            Consumer<Message> shown,
            Consumer<ReplayProgress> finished) {
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
            resolveRanges();
            replayMerged();
            awaitDeliveries();
            if (control.cancelled()) {
                end = ReplayProgress.State.CANCELLED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = ReplayProgress.State.CANCELLED;
        } catch (Exception e) {
            if (Failures.rootCause(e) instanceof InterruptedException) {
                end = ReplayProgress.State.CANCELLED;
            } else {
                end = ReplayProgress.State.FAILED;
                failure = Failures.describe(ClusterErrors.explain(e));
                LOG.warn("Replay of {} stopped: {}", plan.topic(), failure);
            }
        }
        ReplayProgress last = snapshot(end, failure);
        LOG.info("Replay of {}: {}", plan.topic(), last.summary());
        finished.accept(last);
    }

    /** Every partition's range first, so the axes show them all from the start and a stop time is fixed once. */
    private void resolveRanges() throws Exception {
        List<ReplayRange> resolved = new ArrayList<>();
        for (int p : plan.partitions()) {
            if (control.cancelled()) {
                return;
            }
            resolved.add(
                    reader.range(plan.topic(), p, plan.from(), plan.until()).get());
        }
        synchronized (this) {
            ranges.addAll(resolved);
            at = new long[resolved.size()];
            Arrays.fill(at, -1);
            for (int i = 0; i < resolved.size(); i++) {
                slot.put(resolved.get(i).partition(), i);
            }
        }
        progress.accept(snapshot(ReplayProgress.State.RUNNING, null));
        lastProgressNanos = System.nanoTime();
    }

    /** The partitions' records by timestamp across partitions (one partition: simply its offset order). */
    private void replayMerged() throws Exception {
        int page = Math.max(PAGE_MIN, Math.min(PAGE_MAX, BUFFERED / Math.max(1, ranges.size())));
        List<PartitionFeed> feeds = new ArrayList<>();
        for (ReplayRange range : ranges) {
            feeds.add(new PartitionFeed(reader, plan.topic(), range, page));
        }
        TimeOrderedMerge<Message> merged = new TimeOrderedMerge<>(feeds, Message::timestamp, TIES);
        while (!control.cancelled() && merged.hasNext()) {
            Message m = merged.next();
            read++;
            boolean kept = plan.filter().test(m);
            if (kept && !deliverInTurn(m)) {
                return;
            }
            // The cursor moves once the record is handed over (or passed over), so while paused it shows the
            // record last seen, not the one waiting for its turn.
            synchronized (this) {
                partition = m.partition();
                offset = m.offset();
                at[slot.get(m.partition())] = m.offset();
            }
            // While paused, each record a step lets through is reported at once; the records the filter passes
            // over are not (thousands of them would flood the window).
            report(kept && control.paused());
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
                report(true);
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
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "a record could not be sent: " + Failures.describe(ClusterErrors.explain(e)), e);
        } finally {
            inFlight.clear();
        }
    }

    private void report(boolean now) {
        long nanos = System.nanoTime();
        if (now || nanos - lastProgressNanos >= PROGRESS_EVERY_NANOS) {
            lastProgressNanos = nanos;
            progress.accept(
                    snapshot(control.paused() ? ReplayProgress.State.PAUSED : ReplayProgress.State.RUNNING, null));
        }
    }

    private synchronized ReplayProgress snapshot(ReplayProgress.State state, String failure) {
        List<ReplayPosition> positions = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            positions.add(new ReplayPosition(ranges.get(i), at[i]));
        }
        return new ReplayProgress(
                read,
                matched,
                delivered,
                partition,
                offset,
                state,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                failure,
                positions);
    }
}
