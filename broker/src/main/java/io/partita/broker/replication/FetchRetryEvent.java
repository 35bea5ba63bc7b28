package io.partita.broker.replication;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A JFR event per retry of a fetch parked on a partition: the wait between the append (or high-watermark move)
 * that woke it and the retry's start on its connection's network thread, and the retry itself. Recorded only
 * while a recording enables it.
 */
@Name("io.partita.FetchRetry")
@Label("Parked fetch retry")
@Category({"Partita", "Replication"})
@Description("A parked fetch tried again after an append or a high-watermark move of its partition")
@StackTrace(false)
final class FetchRetryEvent extends jdk.jfr.Event {
    @Label("Partition")
    String partition;

    @Label("Answered")
    @Description("Whether the retry answered the fetch (else it stays parked)")
    boolean answered;

    @Label("Queued")
    @Description("From the wake-up until its network thread began the retry")
    @Timespan(Timespan.NANOSECONDS)
    long queued;
}
