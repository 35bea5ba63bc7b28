package io.partita.broker.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * ApiVersions: exactly the version ranges this node implements. An unknown ApiVersions version gets
 * UNSUPPORTED_VERSION in a v0 response that still lists the ranges, so the client can retry with one it knows.
 */
final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequest> {
    private final Map<ApiKeys, short[]> served;

    ApiVersionsHandler(Map<ApiKeys, short[]> served) {
        this.served = served;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, ApiVersionsRequest request) {
        ApiVersionsResponseData data = new ApiVersionsResponseData();
        served.forEach((key, range) -> data.apiKeys()
                .add(new ApiVersionsResponseData.ApiVersion()
                        .setApiKey(key.id)
                        .setMinVersion(range[0])
                        .setMaxVersion(range[1])));
        if (request.hasUnsupportedRequestVersion()) {
            data.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
        } else if (!request.isValid()) {
            data.setErrorCode(Errors.INVALID_REQUEST.code());
        }
        return CompletableFuture.completedFuture(new ApiVersionsResponse(data));
    }
}
