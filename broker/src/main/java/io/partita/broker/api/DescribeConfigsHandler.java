package io.partita.broker.api;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.RequestContext;

/** DescribeConfigs for topics and for this node. */
final class DescribeConfigsHandler implements ApiHandler<DescribeConfigsRequest> {
    private final ApiContext api;
    private final ConfigDescriber describer;

    DescribeConfigsHandler(ApiContext api, ConfigDescriber describer) {
        this.api = api;
        this.describer = describer;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, DescribeConfigsRequest request) {
        DescribeConfigsRequestData data = request.data();
        DescribeConfigsResponseData response = new DescribeConfigsResponseData();
        var snapshot = api.snapshot();
        for (DescribeConfigsRequestData.DescribeConfigsResource resource : data.resources()) {
            DescribeConfigsResponseData.DescribeConfigsResult result =
                    new DescribeConfigsResponseData.DescribeConfigsResult()
                            .setResourceType(resource.resourceType())
                            .setResourceName(resource.resourceName());
            response.results().add(result);
            ConfigResource.Type type = ConfigResource.Type.forId(resource.resourceType());
            if (type == ConfigResource.Type.TOPIC) {
                if (snapshot.topic(resource.resourceName()).isEmpty()) {
                    result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                            .setErrorMessage("Topic " + resource.resourceName() + " does not exist.");
                    continue;
                }
                var entries = describer.topicEntries(
                        snapshot.topicConfig(resource.resourceName()).config(),
                        data.includeSynonyms(),
                        data.includeDocumentation());
                entries.removeIf(e -> resource.configurationKeys() != null
                        && !resource.configurationKeys().isEmpty()
                        && !resource.configurationKeys().contains(e.name()));
                result.setConfigs(entries);
            } else if (type == ConfigResource.Type.BROKER) {
                if (!resource.resourceName().isEmpty()
                        && !resource.resourceName().equals(Integer.toString(api.brokerId()))) {
                    result.setErrorCode(Errors.INVALID_REQUEST.code())
                            .setErrorMessage("Unexpected broker id, expected " + api.brokerId()
                                    + " or empty string, but received " + resource.resourceName());
                    continue;
                }
                result.setConfigs(describer.brokerEntries(
                        resource.configurationKeys(), data.includeSynonyms(), data.includeDocumentation()));
            } else {
                result.setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage("Unsupported resource type " + type);
            }
        }
        return CompletableFuture.completedFuture(new DescribeConfigsResponse(response));
    }
}
