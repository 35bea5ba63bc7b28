package io.partita.broker.network;

import org.apache.kafka.common.requests.AbstractResponse;

/**
 * A handled request: the response to send ({@code null} for none, as for Produce with acks=0) and what to do
 * once it has been written, succeeded or not; fetches use it to give back the pooled memory their records
 * were read into, which goes to the socket without another copy.
 */
public record Reply(AbstractResponse response, Runnable afterWrite) {

    private static final Runnable NOTHING = () -> { };

    public static Reply of(AbstractResponse response) {
        return new Reply(response, NOTHING);
    }
}
