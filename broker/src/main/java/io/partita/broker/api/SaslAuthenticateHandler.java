package io.partita.broker.api;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;

/**
 * SaslAuthenticate on a PLAINTEXT listener, as Apache Kafka answers it there: the connection counts as
 * authenticated already, so ILLEGAL_SASL_STATE with Kafka's message (see {@link SaslHandshakeHandler}).
 */
final class SaslAuthenticateHandler implements ApiHandler<SaslAuthenticateRequest> {
    static final String MESSAGE = "SaslAuthenticate request received after successful authentication";

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, SaslAuthenticateRequest request) {
        return CompletableFuture.completedFuture(new SaslAuthenticateResponse(new SaslAuthenticateResponseData()
                .setErrorCode(Errors.ILLEGAL_SASL_STATE.code())
                .setErrorMessage(MESSAGE)));
    }
}
