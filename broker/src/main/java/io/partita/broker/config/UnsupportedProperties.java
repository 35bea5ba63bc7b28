package io.partita.broker.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;

/**
 * Configuration said plainly. A property the node does not know is logged as Kafka logs it, so a typo or a
 * Kafka-only setting is seen rather than silently ignored. A property that would make a user believe the node is
 * secured (TLS, SASL, ACLs) stops it: Partita's broker speaks PLAINTEXT only, and a node that ignored
 * {@code ssl.keystore.location} would serve in the clear someone who thinks it does not.
 */
final class UnsupportedProperties {
    /** Prefixes of Kafka's TLS and SASL settings, for brokers and for their listeners. */
    private static final List<String> SECURITY_PREFIXES = List.of("ssl.", "sasl.");
    /** Per-listener forms of the same, e.g. listener.name.&lt;name&gt;.ssl.keystore.location. */
    private static final String LISTENER_PREFIX = "listener.name.";

    private static final Set<String> SECURITY_LISTENER_PROTOCOLS = Set.of("SSL", "SASL_PLAINTEXT", "SASL_SSL");

    private UnsupportedProperties() {}

    /** @throws ConfigException naming the first property that asks for security the node cannot give */
    static void refuseSecurity(Map<?, ?> properties) {
        for (Map.Entry<?, ?> entry : new TreeMap<>(stringKeys(properties)).entrySet()) {
            String name = entry.getKey().toString();
            String value =
                    entry.getValue() == null ? "" : entry.getValue().toString().strip();
            // listener.name.<listener>.ssl.* and listener.name.<listener>.<mechanism>.sasl.* are the same settings
            String setting = name.startsWith(LISTENER_PREFIX) ? name : "." + name;
            if (SECURITY_PREFIXES.stream().anyMatch(prefix -> setting.contains("." + prefix))) {
                throw unsupported(name, setting.contains(".ssl.") ? "TLS" : "SASL");
            }
            switch (name) {
                case "authorizer.class.name" -> {
                    if (!value.isEmpty()) {
                        throw unsupported(name, "authorization (ACLs)");
                    }
                }
                case "zookeeper.set.acl" -> {
                    if (value.equalsIgnoreCase("true")) {
                        throw unsupported(name, "ZooKeeper ACLs");
                    }
                }
                case "security.inter.broker.protocol" -> {
                    if (!value.equalsIgnoreCase("PLAINTEXT")) {
                        throw unsupported(name + "=" + value, value.toUpperCase(Locale.ROOT) + " between nodes");
                    }
                }
                case BrokerConfig.LISTENERS, BrokerConfig.ADVERTISED_LISTENERS -> {
                    for (String listener : value.split(",")) {
                        String trimmed = listener.strip();
                        String protocol = trimmed.contains("://") ? trimmed.substring(0, trimmed.indexOf("://")) : "";
                        if (SECURITY_LISTENER_PROTOCOLS.contains(protocol.toUpperCase(Locale.ROOT))) {
                            throw new ConfigException(name + "=" + value + ": Partita's broker does not support "
                                    + protocol + " listeners yet; use PLAINTEXT://host:port");
                        }
                    }
                }
                default -> {
                    // not a security setting
                }
            }
        }
    }

    /** Logs, once per property, what the node was given but does not know (Kafka's words). */
    static void logUnknown(Map<?, ?> properties, Set<String> known, Logger log) {
        for (String name : new TreeSet<>(stringKeys(properties).keySet())) {
            if (!known.contains(name)) {
                log.warn("The configuration '{}' was supplied but isn't a known config.", name);
            }
        }
    }

    private static ConfigException unsupported(String property, String feature) {
        return new ConfigException(property + " is set, but Partita's broker does not support " + feature
                + " yet: it listens in PLAINTEXT only. Remove the property to run the node unsecured.");
    }

    private static Map<String, Object> stringKeys(Map<?, ?> properties) {
        Map<String, Object> result = new HashMap<>();
        properties.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }
}
