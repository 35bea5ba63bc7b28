package io.partita.broker.replication;

import io.partita.broker.cluster.PartitionState;
import io.partita.broker.log.LogConfig;
import io.partita.broker.log.PartitionLog;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * This node's replica of one partition, as Kafka's {@code Partition}: the local log plus the role the
 * controller gave this node (leader or follower), the leader epoch and the ISR last seen in ZooKeeper.
 */
public final class Partition {
    private final TopicPartition topicPartition;
    private final Uuid topicId;
    private final PartitionLog log;
    private volatile LogConfig config;
    private volatile PartitionState state;
    private final int localBrokerId;

    Partition(TopicPartition topicPartition, Uuid topicId, PartitionLog log, LogConfig config, PartitionState state,
              int localBrokerId) {
        this.topicPartition = topicPartition;
        this.topicId = topicId;
        this.log = log;
        this.config = config;
        this.state = state;
        this.localBrokerId = localBrokerId;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Uuid topicId() {
        return topicId;
    }

    public PartitionLog log() {
        return log;
    }

    public LogConfig config() {
        return config;
    }

    void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
        log.updateConfig(newConfig);
    }

    public PartitionState state() {
        return state;
    }

    void updateState(PartitionState newState) {
        this.state = newState;
    }

    public boolean isLeader() {
        return state.leader() == localBrokerId;
    }

    public int leaderEpoch() {
        return state.leaderEpoch();
    }

    /**
     * A client's view of the leader epoch (-1: no view) must be this one: older gets FENCED_LEADER_EPOCH,
     * newer (its metadata is ahead of this node's) UNKNOWN_LEADER_EPOCH.
     */
    public void checkLeaderEpoch(int requested) {
        int current = state.leaderEpoch();
        if (requested == -1 || requested == current) {
            return;
        }
        if (requested < current) {
            throw new org.apache.kafka.common.errors.FencedLeaderEpochException(
                    "Leader epoch " + requested + " is older than " + current);
        }
        throw new org.apache.kafka.common.errors.UnknownLeaderEpochException(
                "Leader epoch " + requested + " is newer than " + current);
    }

    public List<Integer> isr() {
        return state.isr();
    }

    /**
     * The high watermark a leader may expose. With this node the only in-sync replica every committed append
     * is replicated everywhere it needs to be, so the high watermark is the log end offset.
     */
    synchronized void advanceHighWatermark() {
        if (isLeader() && state.isr().equals(List.of(localBrokerId))) {
            long end = log.logEndOffset();
            if (log.highWatermark() < end) {
                log.updateHighWatermark(end);
            }
        }
    }
}
