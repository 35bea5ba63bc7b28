package io.partita.broker.replication;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, every {@link #INTERVAL_MS}, how far a long run of partition openings has got ("opened 1,200 of 3,000
 * partitions"), so that a node that starts slowly on a busy machine is seen to be working rather than hung.
 * A run that ends within the first interval logs nothing, which is every run but a large start-up.
 */
final class OpeningProgress {
    private static final Logger LOG = LoggerFactory.getLogger(OpeningProgress.class);
    static final long INTERVAL_MS = 5_000;

    private final IntSupplier total;
    private final long started = System.nanoTime();
    private long nextReport = started + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
    private int opened;
    /** Counted when first needed: the count walks the whole snapshot, which a quick run never needs. */
    private int knownTotal = -1;

    /** @param total how many openings the run will make, counted before the first of them */
    OpeningProgress(IntSupplier total) {
        this.total = total;
    }

    void opened() {
        opened++;
        long now = System.nanoTime();
        if (now - nextReport >= 0) {
            nextReport = now + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
            LOG.info("Opened {} of {} partitions", String.format("%,d", opened), String.format("%,d", total()));
        }
    }

    /** Logs the run's total once it took long enough to have been reported on. */
    void done() {
        if (knownTotal >= 0) {
            LOG.info(
                    "Opened all {} partitions in {} s",
                    String.format("%,d", opened),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
    }

    private int total() {
        if (knownTotal < 0) {
            knownTotal = opened + total.getAsInt();
        }
        return knownTotal;
    }
}
