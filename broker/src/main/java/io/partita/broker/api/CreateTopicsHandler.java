package io.partita.broker.api;

import io.partita.broker.cluster.TopicAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.RequestContext;

/** CreateTopics, with validate-only, manual assignments and configs; answers once leaders are elected. */
final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequest> {
    private final ApiContext api;
    private final TopicAdmin topics;
    private final ConfigDescriber configs;

    CreateTopicsHandler(ApiContext api, TopicAdmin topics, ConfigDescriber configs) {
        this.api = api;
        this.topics = topics;
        this.configs = configs;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, CreateTopicsRequest request) {
        CreateTopicsRequestData data = request.data();
        CreateTopicsResponseData response = new CreateTopicsResponseData();
        PendingWrites pending = new PendingWrites();
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        data.topics().forEach(t -> {
            if (!seen.add(t.name())) {
                duplicated.add(t.name());
            }
        });
        for (CreateTopicsRequestData.CreatableTopic topic : data.topics()) {
            CreateTopicsResponseData.CreatableTopicResult result =
                    new CreateTopicsResponseData.CreatableTopicResult().setName(topic.name());
            response.topics().add(result);
            try {
                if (duplicated.contains(topic.name())) {
                    throw new InvalidRequestException(
                            "Create topics request from client contains duplicate topic: " + topic.name());
                }
                Map<String, String> overrides = new LinkedHashMap<>();
                for (CreateTopicsRequestData.CreatableTopicConfig config : topic.configs()) {
                    if (config.value() == null) {
                        throw new InvalidConfigurationException(
                                "Null value not supported for topic config " + config.name());
                    }
                    overrides.put(config.name(), config.value());
                }
                Map<Integer, List<Integer>> manual = new HashMap<>();
                topic.assignments().forEach(a -> manual.put(a.partitionIndex(), List.copyOf(a.brokerIds())));
                TopicAssignment plan =
                        topics.plan(topic.name(), topic.numPartitions(), topic.replicationFactor(), manual, overrides);
                describe(result, topic.name(), plan, overrides);
                if (!data.validateOnly()) {
                    pending.add(
                            topics.create(topic.name(), plan, overrides, data.timeoutMs()),
                            error -> fail(result, error));
                }
            } catch (ApiException e) {
                fail(result, PendingWrites.apiError(e));
            }
        }
        return pending.respond(() -> new CreateTopicsResponse(response));
    }

    private void describe(
            CreateTopicsResponseData.CreatableTopicResult result,
            String name,
            TopicAssignment plan,
            Map<String, String> overrides) {
        result.setTopicId(Uuid.fromString(plan.topicId()))
                .setNumPartitions(plan.partitionCount())
                .setReplicationFactor((short) plan.replicas(0).size())
                .setConfigs(new ArrayList<>());
        for (var entry : configs.topicEntries(overrides, false, false)) {
            result.configs()
                    .add(new CreateTopicsResponseData.CreatableTopicConfigs()
                            .setName(entry.name())
                            .setValue(entry.value())
                            .setReadOnly(entry.readOnly())
                            .setConfigSource(entry.configSource())
                            .setIsSensitive(entry.isSensitive()));
        }
    }

    private static void fail(CreateTopicsResponseData.CreatableTopicResult result, ApiError apiError) {
        result.setErrorCode(apiError.error().code())
                .setErrorMessage(apiError.message())
                .setTopicId(Uuid.ZERO_UUID)
                .setNumPartitions(-1)
                .setReplicationFactor((short) -1)
                .setConfigs(null);
        if (apiError.error() == Errors.NONE) {
            result.setErrorCode(Errors.UNKNOWN_SERVER_ERROR.code());
        }
    }
}
