package io.partita.broker.group;

/**
 * The group coordinator's settings, from the broker properties of the same names (see BrokerConfig).
 *
 * @param offsetsTopicReplicationFactor -1: the smaller of 3 and the live node count
 */
public record GroupConfig(
        int offsetsTopicPartitions,
        short offsetsTopicReplicationFactor,
        long offsetsRetentionMs,
        long offsetsRetentionCheckIntervalMs,
        int offsetCommitTimeoutMs,
        int offsetMetadataMaxBytes,
        int initialRebalanceDelayMs,
        int minSessionTimeoutMs,
        int maxSessionTimeoutMs,
        int maxSize) {

    /**
     * Kafka's {@code GroupCoordinator.NewMemberJoinTimeoutMs}: how long a member joining for the first time may
     * wait for its rebalance before it is dropped (a fixed value in Kafka, not a broker property).
     */
    public static final int NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

    public GroupConfig(
            int offsetsTopicPartitions,
            int offsetsTopicReplicationFactor,
            long offsetsRetentionMs,
            long offsetsRetentionCheckIntervalMs,
            int offsetCommitTimeoutMs,
            int offsetMetadataMaxBytes,
            int initialRebalanceDelayMs,
            int minSessionTimeoutMs,
            int maxSessionTimeoutMs,
            int maxSize) {
        this(
                offsetsTopicPartitions,
                (short) offsetsTopicReplicationFactor,
                offsetsRetentionMs,
                offsetsRetentionCheckIntervalMs,
                offsetCommitTimeoutMs,
                offsetMetadataMaxBytes,
                initialRebalanceDelayMs,
                minSessionTimeoutMs,
                maxSessionTimeoutMs,
                maxSize);
    }

    /** Kafka's defaults with no initial rebalance delay: for unit tests of the state machine. */
    public static GroupConfig defaults() {
        return new GroupConfig(
                50, -1, 7 * 24 * 3_600_000L, 600_000L, 5_000, 4096, 0, 6_000, 1_800_000, Integer.MAX_VALUE);
    }
}
