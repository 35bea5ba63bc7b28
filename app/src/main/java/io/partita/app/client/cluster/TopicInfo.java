package io.partita.app.client.cluster;

/**
 * A topic's summary line.
 *
 * @param underReplicated partitions with fewer in-sync replicas than replicas (a follower behind or a broker down)
 * @param internal Kafka's own internal topics ({@code __consumer_offsets}, {@code __transaction_state}) and, by
 *                 the common convention, any name starting with a double underscore
 */
public record TopicInfo(String name, int partitions, int replicationFactor, int underReplicated, boolean internal) {}
