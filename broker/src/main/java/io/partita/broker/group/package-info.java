/**
 * The group coordinator: Kafka's classic consumer group protocol and committed offsets.
 *
 * <h2>Where a group lives</h2>
 * A group belongs to partition {@code abs(groupId.hashCode()) % partitions} of {@code __consumer_offsets}
 * (internal, compacted, created on the first FindCoordinator with offsets.topic.num.partitions and
 * offsets.topic.replication.factor). The leader of that partition is the group's coordinator. The
 * {@link io.partita.broker.group.GroupCoordinator} listens to the replica manager's leadership changes: a new
 * leadership creates a {@link io.partita.broker.group.CoordinatorShard} that reads the partition from its start
 * and rebuilds its groups (COORDINATOR_LOAD_IN_PROGRESS meanwhile); a lost one unloads it, answering every
 * parked request with NOT_COORDINATOR so that clients look the coordinator up again.
 *
 * <h2>Records</h2>
 * Our own compact, versioned encoding ({@link io.partita.broker.group.GroupRecords}): one key per (group, topic,
 * partition) for offsets and one per group for its metadata, so compaction keeps the latest of each; deletions
 * are tombstones. Every write goes to the partition as leader and counts once the high watermark passed it
 * (acks=all): an answered commit survives the loss of the coordinator's node. The group's metadata (generation,
 * protocol, leader, members with their assignment) is written when the leader's assignment arrives, when a
 * generation ends empty and when a static member is replaced, so a new coordinator continues the current
 * generation without a rebalance.
 *
 * <h2>Threads</h2>
 * Each {@link io.partita.broker.group.ClassicGroup} is its own lock: requests of one group are serialized, groups
 * run in parallel. Nothing blocks: JoinGroup and SyncGroup park as futures that another member's request, a
 * timer (the node's timer thread) or a finished write completes. Shards load on the node's io threads.
 */
package io.partita.broker.group;
