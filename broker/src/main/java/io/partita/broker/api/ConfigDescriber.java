package io.partita.broker.api;

import io.partita.broker.config.BrokerConfig;
import io.partita.broker.log.LogConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/** Turns topic and broker configuration into DescribeConfigs entries, with sources and synonyms as Kafka reports them. */
final class ConfigDescriber {
    /** What every topic config is with no broker property set at all: the default level of the synonyms. */
    private static final LogConfig DEFAULTS = LogConfig.from(
            new BrokerConfig(Map.of(BrokerConfig.ZOOKEEPER_CONNECT, "unused:2181")).topicDefaults(), Map.of());

    private final BrokerConfig broker;

    ConfigDescriber(BrokerConfig broker) {
        this.broker = broker;
    }

    List<DescribeConfigsResourceResult> topicEntries(
            Map<String, String> overrides, boolean synonyms, boolean documentation) {
        LogConfig effective = LogConfig.from(broker.topicDefaults(), overrides);
        ConfigDef def = LogConfig.configDef();
        List<DescribeConfigsResourceResult> entries = new ArrayList<>();
        for (var entry : new TreeMap<>(effective.values()).entrySet()) {
            String name = entry.getKey();
            ConfigDef.ConfigKey key = def.configKeys().get(name);
            Optional<String> brokerName = BrokerConfig.brokerSynonym(name);
            boolean overridden = overrides.containsKey(name);
            ConfigSource source = overridden
                    ? ConfigSource.TOPIC_CONFIG
                    : brokerName.filter(n -> broker.originals().containsKey(n)).isPresent()
                            ? ConfigSource.STATIC_BROKER_CONFIG
                            : ConfigSource.DEFAULT_CONFIG;
            DescribeConfigsResourceResult result = new DescribeConfigsResourceResult()
                    .setName(name)
                    .setValue(ConfigDef.convertToString(entry.getValue(), key.type))
                    .setReadOnly(false)
                    .setConfigSource(source.id())
                    .setIsSensitive(false)
                    .setConfigType(type(key.type).id())
                    .setDocumentation(documentation ? key.documentation : null);
            if (synonyms) {
                // Every level that could supply the value, highest precedence first, as Kafka lists them.
                if (overridden) {
                    result.synonyms().add(synonym(name, overrides.get(name), ConfigSource.TOPIC_CONFIG));
                }
                brokerName.ifPresent(n -> {
                    if (broker.originals().containsKey(n)) {
                        result.synonyms()
                                .add(synonym(
                                        n,
                                        String.valueOf(broker.originals().get(n)),
                                        ConfigSource.STATIC_BROKER_CONFIG));
                    }
                });
                result.synonyms()
                        .add(synonym(
                                brokerName.orElse(name),
                                ConfigDef.convertToString(DEFAULTS.values().get(name), key.type),
                                ConfigSource.DEFAULT_CONFIG));
            }
            entries.add(result);
        }
        return entries;
    }

    List<DescribeConfigsResourceResult> brokerEntries(
            Collection<String> only, boolean synonyms, boolean documentation) {
        ConfigDef def = BrokerConfig.configDef();
        List<DescribeConfigsResourceResult> entries = new ArrayList<>();
        for (var entry : new TreeMap<>(broker.values()).entrySet()) {
            String name = entry.getKey();
            if (only != null && !only.isEmpty() && !only.contains(name)) {
                continue;
            }
            ConfigDef.ConfigKey key = def.configKeys().get(name);
            ConfigSource source = broker.originals().containsKey(name)
                    ? ConfigSource.STATIC_BROKER_CONFIG
                    : ConfigSource.DEFAULT_CONFIG;
            String value = entry.getValue() == null ? null : ConfigDef.convertToString(entry.getValue(), key.type);
            DescribeConfigsResourceResult result = new DescribeConfigsResourceResult()
                    .setName(name)
                    .setValue(value)
                    .setReadOnly(true)
                    .setConfigSource(source.id())
                    .setIsSensitive(key.type == ConfigDef.Type.PASSWORD)
                    .setConfigType(type(key.type).id())
                    .setDocumentation(documentation ? key.documentation : null);
            if (synonyms) {
                result.synonyms().add(synonym(name, value, source));
            }
            entries.add(result);
        }
        return entries;
    }

    private static DescribeConfigsSynonym synonym(String name, String value, ConfigSource source) {
        return new DescribeConfigsSynonym().setName(name).setValue(value).setSource(source.id());
    }

    private static ConfigType type(ConfigDef.Type type) {
        return switch (type) {
            case BOOLEAN -> ConfigType.BOOLEAN;
            case STRING -> ConfigType.STRING;
            case INT -> ConfigType.INT;
            case SHORT -> ConfigType.SHORT;
            case LONG -> ConfigType.LONG;
            case DOUBLE -> ConfigType.DOUBLE;
            case LIST -> ConfigType.LIST;
            case CLASS -> ConfigType.CLASS;
            case PASSWORD -> ConfigType.PASSWORD;
        };
    }
}
