package io.partita.broker.replication;

import org.apache.kafka.common.TopicPartition;

/**
 * Told when this node starts or stops leading a partition, for subsystems whose state follows leadership (the
 * group coordinator serves the groups of the {@code __consumer_offsets} partitions it leads). Called on the
 * metadata thread: implementations hand real work to a thread of their own.
 */
public interface PartitionRoleListener {
    /** This node leads {@code partition} from now on, in its current leader epoch. */
    void onBecameLeader(Partition partition);

    /** This node no longer leads {@code tp}: it follows, is fenced, or dropped its replica. */
    void onResigned(TopicPartition tp);
}
