package io.partita.broker.log;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A JFR event per write transaction of a log writer: how long the group took to apply and commit, how many
 * operations it held, how long the oldest of them had waited in the queue, and how long the writer then spent
 * running their completions (which the next group waits for). Recorded only while a
 * recording enables it.
 */
@Name("io.partita.LogCommit")
@Label("Log commit")
@Category({"Partita", "Log"})
@Description("A log writer's group transaction: applied and committed")
@StackTrace(false)
final class CommitEvent extends jdk.jfr.Event {
    @Label("Operations")
    int operations;

    @Label("Longest queue wait")
    @Description("From the oldest operation's submission until its group began")
    @Timespan(Timespan.NANOSECONDS)
    long longestQueueWait;

    @Label("Answering")
    @Description("After the commit, until the writer had run the operations' completions and could take the next group")
    @Timespan(Timespan.NANOSECONDS)
    long answering;
}
