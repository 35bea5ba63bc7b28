package io.partita.broker.api;

import io.partita.broker.log.LogConfig;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Shared by AlterConfigs and IncrementalAlterConfigs: validate new topic overrides, then write them. */
final class TopicConfigWriter {
    private final ApiContext api;

    TopicConfigWriter(ApiContext api) {
        this.api = api;
    }

    /** Throws the ApiException Kafka gives for a resource this node cannot alter. */
    void checkResource(ConfigResource.Type type, String name) {
        if (type == ConfigResource.Type.BROKER) {
            throw new InvalidRequestException(
                    "Broker configs of Partita are static; set them in the node's properties.");
        }
        if (type != ConfigResource.Type.TOPIC) {
            throw new InvalidRequestException("Unsupported resource type " + type);
        }
        if (api.snapshot().topic(name).isEmpty()) {
            throw new UnknownTopicOrPartitionException("Topic " + name + " does not exist.");
        }
    }

    Map<String, String> current(String topic) {
        return api.snapshot().topicConfig(topic).config();
    }

    void validate(Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (!LogConfig.names().contains(name)) {
                throw new InvalidConfigurationException("Unknown topic config name: " + name);
            }
        }
        try {
            api.topicConfig(overrides);
        } catch (ConfigException e) {
            throw new InvalidConfigurationException(e.getMessage());
        }
    }

    /**
     * Applies {@code change} to the overrides ZooKeeper holds (validating the result) and completes once this
     * node's own view shows what was written, so that a describe right after an alter (as kafka-configs
     * does) never reads the old values.
     */
    CompletableFuture<Void> update(String topic, UnaryOperator<Map<String, String>> change) {
        return api.blocking(() -> {
                    Map<String, String> written = api.clusterStore().updateTopicConfig(topic, current -> {
                        Map<String, String> next = change.apply(current);
                        validate(next);
                        return next;
                    });
                    api.clusterView().scheduleRebuild();
                    return written;
                })
                .thenCompose(written -> api.clusterView()
                        .await(
                                s -> s.topic(topic).isEmpty()
                                        || s.topicConfig(topic).config().equals(written),
                                api.config().requestTimeoutMs()))
                .thenApply(s -> null);
    }
}
