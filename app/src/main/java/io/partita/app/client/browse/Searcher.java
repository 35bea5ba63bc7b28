package io.partita.app.client.browse;

import io.partita.app.client.core.ClusterErrors;
import io.partita.app.client.core.Failures;
import io.partita.app.client.records.BrowsePage;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessagePage;
import io.partita.app.client.records.StartAt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one search of the browser on its own thread: reads the chosen partitions page by page through the reader
 * (so the browser's own reads still get their turn between pages), keeps what the filter keeps, and hands out the
 * matches with the progress at most every 100 ms. The range is fixed when the search starts: from the start to each
 * partition's end then, so "scanned of total" means something while records keep arriving.
 */
final class Searcher {
    private static final Logger LOG = LoggerFactory.getLogger(Searcher.class);
    private static final int PAGE = 500;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final MessageReader reader;
    private final SearchPlan plan;
    private final SearchControl control;
    private final Consumer<SearchProgress> progress;
    private final Consumer<List<Message>> found;
    private final List<Message> unsent = new ArrayList<>();
    private long scanned;
    private long total;
    private long matches;
    private long lastReportNanos;

    /**
     * @param progress hears the progress (on the search's thread; the caller moves it)
     * @param found    hears the matches found since the last progress, just before it
     */
    Searcher(
            MessageReader reader,
            SearchPlan plan,
            SearchControl control,
            Consumer<SearchProgress> progress,
            Consumer<List<Message>> found) {
        this.reader = reader;
        this.plan = plan;
        this.control = control;
        this.progress = progress;
        this.found = found;
    }

    /** Runs the search; returns its final progress (also sent to the progress listener). */
    SearchProgress search() {
        SearchProgress.State end = SearchProgress.State.DONE;
        String failure = null;
        try {
            // First where each partition's range starts and ends (a read of no records, positioned as the browser's
            // pages are), for the total.
            BrowsePage start = reader.readAll(plan.topic(), plan.partitions(), plan.start(), 0)
                    .get();
            Map<Integer, long[]> ranges = new LinkedHashMap<>();
            for (int p : plan.partitions()) {
                long from = start.from().offset(p);
                long until = start.logEnds().get(p);
                ranges.put(p, new long[] {from, until});
                total += Math.max(0, until - from);
            }
            report(SearchProgress.State.RUNNING, null);
            end = scan(ranges);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = SearchProgress.State.CANCELLED;
        } catch (Exception e) {
            end = SearchProgress.State.FAILED;
            failure = Failures.describe(ClusterErrors.explain(e));
            LOG.warn("Search of {} stopped: {}", plan.topic(), failure);
        }
        SearchProgress last = report(end, failure);
        LOG.info("Search of {}: {}", plan.topic(), last.summary());
        return last;
    }

    /**
     * A page of each partition in turn, so that matches from every partition come in early (a user sees them
     * merged by time) rather than one partition's after another's.
     */
    private SearchProgress.State scan(Map<Integer, long[]> ranges) throws Exception {
        Map<Integer, long[]> open = new LinkedHashMap<>();
        ranges.forEach((p, r) -> {
            if (r[0] < r[1]) {
                open.put(p, r.clone()); // [position, until]
            }
        });
        while (!open.isEmpty()) {
            for (Map.Entry<Integer, long[]> range : List.copyOf(open.entrySet())) {
                if (control.cancelled()) {
                    return SearchProgress.State.CANCELLED;
                }
                long position = range.getValue()[0];
                long until = range.getValue()[1];
                MessagePage page = reader.read(plan.topic(), range.getKey(), new StartAt.Offset(position), (int)
                                Math.min(PAGE, until - position))
                        .get();
                for (Message m : page.messages()) {
                    if (plan.filter().test(m)) {
                        unsent.add(m);
                        matches++;
                        if (matches >= plan.maxMatches()) {
                            scanned += m.offset() + 1 - position;
                            return SearchProgress.State.LIMIT;
                        }
                    }
                }
                scanned += Math.max(0, page.next() - position);
                range.getValue()[0] = page.next();
                // Done at the end, or when nothing more could be read (the log was truncated under the search).
                if (page.next() >= until || page.next() <= position) {
                    open.remove(range.getKey());
                }
                if (System.nanoTime() - lastReportNanos >= PROGRESS_EVERY_NANOS) {
                    report(SearchProgress.State.RUNNING, null);
                }
            }
        }
        return SearchProgress.State.DONE;
    }

    private SearchProgress report(SearchProgress.State state, String failure) {
        lastReportNanos = System.nanoTime();
        if (!unsent.isEmpty()) {
            found.accept(List.copyOf(unsent));
            unsent.clear();
        }
        SearchProgress now = new SearchProgress(scanned, total, matches, state, failure);
        progress.accept(now);
        return now;
    }
}
