package io.partita.broker.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** A group runtime for unit tests: a clock moved by hand, timers run when it passes them, writes succeed at once. */
final class ManualRuntime implements GroupRuntime {
    private long now = 1_000_000;
    private long position;
    private final List<Timer> timers = new ArrayList<>();
    final List<SimpleRecord> written = new ArrayList<>();
    private final GroupConfig config;

    private record Timer(long at, long seq, Runnable task) {}

    private long seq;

    ManualRuntime(GroupConfig config) {
        this.config = config;
    }

    @Override
    public synchronized long now() {
        return now;
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, long delayMs) {
        timers.add(new Timer(now + delayMs, seq++, task));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Long> write(List<SimpleRecord> records) {
        synchronized (this) {
            written.addAll(records);
            long at = position;
            position += records.size();
            return CompletableFuture.completedFuture(at);
        }
    }

    @Override
    public GroupConfig config() {
        return config;
    }

    /** Moves the clock and runs every timer that falls due, in order. */
    void advance(long ms) {
        long target;
        synchronized (this) {
            target = now + ms;
        }
        while (true) {
            Timer next;
            synchronized (this) {
                next = timers.stream()
                        .filter(t -> t.at() <= target)
                        .min(Comparator.comparingLong(Timer::at).thenComparingLong(Timer::seq))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                timers.remove(next);
                now = Math.max(now, next.at());
            }
            next.task().run();
        }
    }
}
