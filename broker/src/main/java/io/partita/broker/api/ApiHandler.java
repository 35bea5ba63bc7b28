package io.partita.broker.api;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestContext;

/** The handler of one API key. Must not block: long work completes the future later. */
@FunctionalInterface
interface ApiHandler<R extends AbstractRequest> {
    CompletableFuture<AbstractResponse> handle(RequestContext context, R request);
}
