/**
 * Partition storage on LMDB: one environment per node ({@link io.partita.broker.log.LogStore}), one
 * {@link io.partita.broker.log.PartitionLog} per partition.
 *
 * <h2>Layout</h2>
 * <ul>
 *   <li>{@code log:<topicId>:<partition>}: base offset (8 bytes, big-endian) -> the Kafka v2 record batch exactly
 *       as Fetch serves it (base offset and partition leader epoch filled in).</li>
 *   <li>{@code tix:<topicId>:<partition>}: max timestamp -> base offset, only for batches that raise the
 *       partition's largest timestamp so far (Kafka's time index semantics).</li>
 *   <li>{@code meta}: the partition registry and state (log start, log end, high watermark, size, largest
 *       timestamp, leader epochs) and the idempotent producers' state. It changes in the same transaction as
 *       the data, so a crash can never leave them disagreeing.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Validation (CRC, per-record checks, re-compression) runs on the caller's thread. One writer thread per
 * environment assigns offsets, checks producer sequences and group-commits whatever is queued in one write
 * transaction; futures complete after the commit. Reads run on the caller's thread in short read
 * transactions and copy whole batches out of the map. Retention runs on a daemon scheduler that queues its
 * deletions to the writer. Compaction ({@link io.partita.broker.log.LogStore#cleanNow}, and a background cleaner
 * thread) reads in short read transactions and queues its rewrites to the writer in small, self-checking pieces.
 */
package io.partita.broker.log;
