package io.partita.broker.network;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A JFR event per request on a client connection, from its frame's arrival to its response handed to the
 * socket, split where the work changes hands: the handler's answer (for a produce: the append, its commit and
 * for acks=all the replicas; for a fetch: the long poll too), then the wait for the connection's network
 * thread to write it. Recorded only while a recording enables it (e.g. {@code -XX:StartFlightRecording}); it
 * is how the latency tail is taken apart hop by hop.
 */
@Name("io.partita.Request")
@Label("Request")
@Category({"Partita", "Network"})
@Description("A request on a client connection: its handling, then the wait to be written back")
@StackTrace(false)
final class RequestEvent extends jdk.jfr.Event {
    @Label("API")
    String api;

    @Label("Connection")
    String connection;

    @Label("Handled")
    @Description("From the frame's arrival until the handler's answer was ready")
    @Timespan(Timespan.NANOSECONDS)
    long handled;

    @Label("Waited to be written")
    @Description("From the answer being ready until the network thread wrote it")
    @Timespan(Timespan.NANOSECONDS)
    long waitedToBeWritten;

    private long arrivedAt;
    /** Set on the thread that answered; read on the network thread (which may write before it is set). */
    private volatile long answeredAt;

    /** A request's frame has just arrived. */
    static RequestEvent arrived() {
        RequestEvent event = new RequestEvent();
        event.arrivedAt = System.nanoTime();
        event.begin();
        return event;
    }

    void answered() {
        answeredAt = System.nanoTime();
    }

    /** Commits the event once its response was written. */
    void written() {
        long now = System.nanoTime();
        end();
        if (shouldCommit()) {
            long answered = answeredAt == 0 ? now : answeredAt;
            handled = answered - arrivedAt;
            waitedToBeWritten = now - answered;
            commit();
        }
    }
}
