package io.partita.app.client.topics;

/**
 * How big a topic is: fetched apart from the topic list, so a cluster that refuses these requests still lists
 * its topics.
 *
 * @param sizeBytes the sum of the leader replicas' sizes on disk, or {@link #UNKNOWN}
 * @param records   the sum over partitions of latest minus earliest offset, or {@link #UNKNOWN}; an upper bound,
 *                  since compacted or transaction-marker offsets count too
 */
public record TopicStats(long sizeBytes, long records) {
    public static final long UNKNOWN = -1;
    public static final TopicStats NONE = new TopicStats(UNKNOWN, UNKNOWN);
}
