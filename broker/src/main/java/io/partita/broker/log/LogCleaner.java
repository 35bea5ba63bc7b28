package io.partita.broker.log;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's log cleaner (Kafka's LogCleaner with one cleaner thread): compacts the logs of topics whose
 * cleanup.policy includes compact, in the background. Each round it cleans the filthiest log that is worth
 * cleaning (dirty ratio above min.cleanable.dirty.ratio, or max.compaction.lag.ms exceeded) and looks again at
 * once; when none is, it sleeps log.cleaner.backoff.ms. Retention of compact,delete topics stays with the
 * retention scheduler, which treats them like delete topics.
 */
final class LogCleaner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);

    private final LogStore store;
    private final LogCleanerSettings settings;
    private final Cleaner cleaner;
    private final ScheduledExecutorService thread;
    /** Logs whose cleaning failed unexpectedly: skipped until restart, as Kafka marks them uncleanable. */
    private final Set<PartitionKey> uncleanable = ConcurrentHashMap.newKeySet();

    private volatile boolean closed;

    LogCleaner(LogStore store, LogCleanerSettings settings) {
        this.store = store;
        this.settings = settings;
        this.cleaner = new Cleaner(settings);
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "partita-log-cleaner");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        if (settings.enable()) {
            thread.scheduleWithFixedDelay(
                    this::cleanWhileDirty,
                    settings.backoffMs(),
                    Math.max(1, settings.backoffMs()),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Cleans the filthiest log worth cleaning, if any. One pass at a time, whoever calls. */
    synchronized Optional<Cleaner.Result> cleanFilthiest() throws InterruptedException {
        long now = store.now();
        Optional<CleanableRange> filthiest = store.openLogs().stream()
                .filter(log -> log.config().compacted() && !log.isDeleted() && !uncleanable.contains(log.key()))
                .flatMap(log -> plan(log, now).stream())
                .filter(CleanableRange::worthCleaning)
                .max(Comparator.comparingDouble(CleanableRange::cleanableRatio));
        if (filthiest.isEmpty()) {
            return Optional.empty();
        }
        return cleanGuarded(filthiest.get(), now);
    }

    private Optional<Cleaner.Result> cleanGuarded(CleanableRange range, long now) throws InterruptedException {
        PartitionLog log = range.log();
        try {
            return cleaner.clean(range, now);
        } catch (RuntimeException e) {
            if (log.isDeleted() || closed) {
                return Optional.empty(); // deleted or closing under the pass: nothing to repair
            }
            uncleanable.add(log.key());
            LOG.error("Cleaning {} failed; it is not compacted again until the node restarts", log.key(), e);
            return Optional.empty();
        }
    }

    /** Cleans this log's whole cleanable range now, however dirty (tests and tools). */
    synchronized Optional<Cleaner.Result> clean(PartitionLog log) throws InterruptedException {
        long now = store.now();
        Optional<CleanableRange> range = plan(log, now);
        return range.isEmpty() ? Optional.empty() : cleanGuarded(range.get(), now);
    }

    private Optional<CleanableRange> plan(PartitionLog log, long now) {
        try {
            return CleanerPlanner.plan(log, now);
        } catch (KafkaException e) {
            LOG.debug("Skipping {} this round: {}", log.key(), e.toString());
            return Optional.empty();
        }
    }

    private void cleanWhileDirty() {
        try {
            while (!closed && cleanFilthiest().isPresent()) {
                // Kafka's cleaner thread: after a pass, look for more work at once; back off only when idle.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException e) {
            // A partition deleted or a store closing under the pass: the next round starts afresh.
            LOG.info("Log cleaning round ended early: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("Log cleaning round failed", e);
        }
    }

    /** Stops the thread, interrupting a pass (whose pieces applied so far stay: each is complete). */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The log cleaner did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
