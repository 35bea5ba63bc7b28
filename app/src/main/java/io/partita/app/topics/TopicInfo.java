package io.partita.app.topics;

/**
 * A topic's summary line.
 *
 * @param internal Kafka's own internal topics ({@code __consumer_offsets}, {@code __transaction_state}) and, by
 *                 the common convention, any name starting with a double underscore
 */
public record TopicInfo(String name, int partitions, int replicationFactor, boolean internal) {
}
