package io.partita.broker.network;

import org.apache.kafka.common.requests.AbstractResponse;

/**
 * A handled request: the response to send ({@code null} for none, as for Produce with acks=0) and what to do
 * once it has been written, succeeded or not; fetches use it to give back the pooled memory their records
 * were read into, which goes to the socket without another copy.
 */
public record Reply(AbstractResponse response, Runnable afterWrite, String closeReason) {

    private static final Runnable NOTHING = () -> {};

    public Reply(AbstractResponse response, Runnable afterWrite) {
        this(response, afterWrite, null);
    }

    public static Reply of(AbstractResponse response) {
        return new Reply(response, NOTHING, null);
    }

    /**
     * No response, and the connection is closed once the replies before this one are written: how Kafka tells
     * a client that sent Produce with acks=0 that something failed, so that it refreshes its metadata.
     */
    public static Reply closeConnection(String reason) {
        return new Reply(null, NOTHING, reason);
    }
}
