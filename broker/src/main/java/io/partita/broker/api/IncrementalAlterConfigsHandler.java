package io.partita.broker.api;

import io.partita.broker.log.LogConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;
import org.apache.kafka.common.requests.RequestContext;

/** IncrementalAlterConfigs: SET, DELETE, APPEND and SUBTRACT on a topic's overrides. */
final class IncrementalAlterConfigsHandler implements ApiHandler<IncrementalAlterConfigsRequest> {
    private final TopicConfigWriter writer;

    IncrementalAlterConfigsHandler(TopicConfigWriter writer) {
        this.writer = writer;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, IncrementalAlterConfigsRequest request) {
        IncrementalAlterConfigsRequestData data = request.data();
        IncrementalAlterConfigsResponseData response = new IncrementalAlterConfigsResponseData();
        PendingWrites pending = new PendingWrites();
        for (IncrementalAlterConfigsRequestData.AlterConfigsResource resource : data.resources()) {
            IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse result =
                    new IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse()
                            .setResourceType(resource.resourceType())
                            .setResourceName(resource.resourceName());
            response.responses().add(result);
            try {
                writer.checkResource(ConfigResource.Type.forId(resource.resourceType()), resource.resourceName());
                // Checked against this node's view first, so a bad request fails without touching ZooKeeper;
                // the write applies the operations again to what ZooKeeper holds at that moment.
                UnaryOperator<Map<String, String>> change = current -> {
                    Map<String, String> overrides = new LinkedHashMap<>(current);
                    for (IncrementalAlterConfigsRequestData.AlterableConfig op : resource.configs()) {
                        apply(overrides, op);
                    }
                    return overrides;
                };
                writer.validate(change.apply(writer.current(resource.resourceName())));
                if (!data.validateOnly()) {
                    pending.add(writer.update(resource.resourceName(), change), error -> fail(result, error));
                }
            } catch (RuntimeException e) {
                fail(result, PendingWrites.apiError(e));
            }
        }
        return pending.respond(() -> new IncrementalAlterConfigsResponse(response));
    }

    private static void apply(Map<String, String> overrides, IncrementalAlterConfigsRequestData.AlterableConfig op) {
        AlterConfigOp.OpType type = AlterConfigOp.OpType.forId(op.configOperation());
        if (type == null) {
            throw new InvalidRequestException("Unknown config operation " + op.configOperation());
        }
        String name = op.name();
        switch (type) {
            case SET -> {
                if (op.value() == null) {
                    throw new InvalidRequestException("Null value not supported for: " + name);
                }
                overrides.put(name, op.value());
            }
            case DELETE -> overrides.remove(name);
            case APPEND, SUBTRACT -> {
                ConfigDef.ConfigKey key = LogConfig.configDef().configKeys().get(name);
                if (key == null || key.type != ConfigDef.Type.LIST) {
                    throw new InvalidConfigurationException(
                            "Config value append is not allowed for config key: " + name);
                }
                List<String> values = new ArrayList<>(
                        overrides.containsKey(name)
                                ? split(overrides.get(name))
                                : split(ConfigDef.convertToString(key.defaultValue, key.type)));
                List<String> change = split(op.value());
                if (type == AlterConfigOp.OpType.APPEND) {
                    change.stream().filter(v -> !values.contains(v)).forEach(values::add);
                } else {
                    values.removeAll(change);
                }
                overrides.put(name, String.join(",", values));
            }
        }
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return new ArrayList<>();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static void fail(
            IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse result, ApiError apiError) {
        result.setErrorCode(apiError.error().code()).setErrorMessage(apiError.message());
    }
}
