package io.partita.app.client.topics;

/**
 * One topic config entry.
 *
 * @param overridden set on the topic itself, rather than inherited from the broker or Kafka's default
 * @param source     where the value comes from, in words ("topic override", "broker config", "default")
 */
public record TopicConfig(
        String name,
        String value,
        boolean overridden,
        String source,
        boolean readOnly,
        boolean sensitive,
        String documentation) {}
