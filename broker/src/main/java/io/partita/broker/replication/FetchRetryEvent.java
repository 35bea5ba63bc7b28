package io.partita.broker.replication;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A JFR event per retry of the fetches parked on a partition: the wait between the append (or high-watermark
 * move) that woke them and the retry's start, and the retry itself. Recorded only while a recording enables it.
 */
@Name("io.partita.FetchRetry")
@Label("Parked fetch retry")
@Category({"Partita", "Replication"})
@Description("Parked fetches of a partition tried again after an append or a high-watermark move")
@StackTrace(false)
final class FetchRetryEvent extends jdk.jfr.Event {
    @Label("Partition")
    String partition;

    @Label("Waiting fetches")
    int waiting;

    @Label("Answered")
    int answered;

    @Label("Queued")
    @Description("From the wake-up until the retry thread began")
    @Timespan(Timespan.NANOSECONDS)
    long queued;
}
