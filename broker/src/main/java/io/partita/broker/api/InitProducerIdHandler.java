package io.partita.broker.api;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * InitProducerId for idempotent producers: a fresh, cluster-unique producer id with epoch 0, as Kafka gives
 * a producer without a transactional id. Transactions are not offered (no transaction coordinator).
 */
final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequest> {
    private final ApiContext api;

    InitProducerIdHandler(ApiContext api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, InitProducerIdRequest request) {
        if (request.data().transactionalId() != null) {
            return CompletableFuture.completedFuture(new InitProducerIdResponse(new InitProducerIdResponseData()
                    .setErrorCode(Errors.NOT_COORDINATOR.code())
                    .setProducerId(-1)
                    .setProducerEpoch((short) -1)));
        }
        return api.blocking(() -> api.producerIds().nextProducerId())
                .thenApply(id -> new InitProducerIdResponse(
                        new InitProducerIdResponseData().setProducerId(id).setProducerEpoch((short) 0)));
    }
}
