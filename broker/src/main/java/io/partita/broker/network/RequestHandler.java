package io.partita.broker.network;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestContext;

/** What the network layer hands each parsed request to. */
public interface RequestHandler {

    /** Whether this node serves the API at this version; a request it does not serve closes its connection. */
    boolean serves(ApiKeys apiKey, short version);

    /**
     * Handles one request. Called on the connection's network thread, in arrival order, so handlers must
     * not block; long work returns an incomplete future. A reply without a response sends nothing (Produce
     * with acks=0); completing exceptionally sends the request's error response.
     *
     * @param networkThread the connection's network thread, for work that should answer there later (a
     *                      parked fetch retried after an append writes its answer without another hand-off)
     */
    CompletableFuture<Reply> handle(RequestContext context, AbstractRequest request, Executor networkThread);
}
