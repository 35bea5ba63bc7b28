package io.partita.broker.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Threads that keep cores busy for as long as they run: a laptop whose cores other work is using. */
public final class CpuBurners implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CpuBurners.class);
    private final AtomicBoolean burning = new AtomicBoolean(true);

    private CpuBurners(int threads) {
        for (int i = 0; i < threads; i++) {
            Thread burner = new Thread(
                    () -> {
                        long spin = 0;
                        while (burning.get()) {
                            spin += System.nanoTime() & 1;
                        }
                        LOG.trace("burner spun {}", spin);
                    },
                    "cpu-burner-" + i);
            burner.setDaemon(true);
            burner.start();
        }
    }

    /** Starts {@code threads} spinning threads (none for 0). */
    public static CpuBurners start(int threads) {
        return new CpuBurners(threads);
    }

    @Override
    public void close() {
        burning.set(false);
    }
}
