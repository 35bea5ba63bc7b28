package io.partita.broker.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Time;

/**
 * A clock that moves only when a test moves it, for nodes started with it ({@link TestCluster#start(int,
 * java.util.Map, Time)}): a test of a timeout moves the clock past it instead of waiting it out. Kafka's own
 * {@code MockTime} lives in a test artifact of kafka-clients that is not published for 4.4, so this is ours, on
 * kafka-clients' {@link Time}.
 */
public final class ManualTime implements Time {
    private final AtomicLong nanos;

    /** Starts at the system's time now, so that timestamps near it (records, commits) stay sensible. */
    public ManualTime() {
        this.nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));
    }

    public void advance(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Override
    public long milliseconds() {
        return TimeUnit.NANOSECONDS.toMillis(nanos.get());
    }

    @Override
    public long nanoseconds() {
        return nanos.get();
    }

    /** A sleep on this clock moves it, as Kafka's MockTime does: nothing really waits. */
    @Override
    public void sleep(long ms) {
        advance(ms);
    }
}
