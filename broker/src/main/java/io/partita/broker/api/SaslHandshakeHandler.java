package io.partita.broker.api;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;

/**
 * SaslHandshake on a PLAINTEXT listener, answered as Apache Kafka answers it there: ILLEGAL_SASL_STATE, no
 * mechanisms. A client configured for SASL against this node then fails with Kafka's own message instead of a
 * closed connection it would retry forever. The node has no SASL listener (yet), so that is every listener.
 */
final class SaslHandshakeHandler implements ApiHandler<SaslHandshakeRequest> {
    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, SaslHandshakeRequest request) {
        return CompletableFuture.completedFuture(new SaslHandshakeResponse(
                new SaslHandshakeResponseData().setErrorCode(Errors.ILLEGAL_SASL_STATE.code())));
    }
}
