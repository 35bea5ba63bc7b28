package io.partita.broker.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.RequestContext;

/** The legacy AlterConfigs: the given set replaces all of a topic's overrides. */
final class AlterConfigsHandler implements ApiHandler<AlterConfigsRequest> {
    private final TopicConfigWriter writer;

    AlterConfigsHandler(TopicConfigWriter writer) {
        this.writer = writer;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AlterConfigsRequest request) {
        AlterConfigsRequestData data = request.data();
        AlterConfigsResponseData response = new AlterConfigsResponseData();
        PendingWrites pending = new PendingWrites();
        for (AlterConfigsRequestData.AlterConfigsResource resource : data.resources()) {
            AlterConfigsResponseData.AlterConfigsResourceResponse result =
                    new AlterConfigsResponseData.AlterConfigsResourceResponse()
                            .setResourceType(resource.resourceType())
                            .setResourceName(resource.resourceName());
            response.responses().add(result);
            try {
                writer.checkResource(ConfigResource.Type.forId(resource.resourceType()), resource.resourceName());
                Map<String, String> overrides = new LinkedHashMap<>();
                resource.configs().forEach(c -> overrides.put(c.name(), c.value()));
                overrides.values().removeIf(Objects::isNull);
                writer.validate(overrides);
                if (!data.validateOnly()) {
                    pending.add(
                            writer.update(resource.resourceName(), current -> overrides), error -> fail(result, error));
                }
            } catch (RuntimeException e) {
                fail(result, PendingWrites.apiError(e));
            }
        }
        return pending.respond(() -> new AlterConfigsResponse(response));
    }

    private static void fail(AlterConfigsResponseData.AlterConfigsResourceResponse result, ApiError apiError) {
        result.setErrorCode(apiError.error().code()).setErrorMessage(apiError.message());
    }
}
