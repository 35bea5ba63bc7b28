package io.partita.broker.log;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Appends validated batches. As leader it assigns the next offsets (in queue order, so offsets follow the
 * order of the appendAsLeader calls) and enforces idempotence; as follower it keeps the leader's offsets.
 */
final class AppendOp extends WriteOp<AppendResult> {

    private final PartitionLog log;
    private final List<MutableRecordBatch> batches;
    private final boolean asLeader;
    private final int leaderEpoch;
    private final long logAppendTime;
    private final int weight;

    private AppendOp(
            PartitionLog log, List<MutableRecordBatch> batches, boolean asLeader, int leaderEpoch, long logAppendTime) {
        this.log = log;
        this.batches = batches;
        this.asLeader = asLeader;
        this.leaderEpoch = leaderEpoch;
        this.logAppendTime = logAppendTime;
        int bytes = 0;
        for (MutableRecordBatch batch : batches) {
            bytes += batch.sizeInBytes();
        }
        this.weight = bytes;
    }

    static AppendOp asLeader(PartitionLog log, List<MutableRecordBatch> batches, int leaderEpoch, long logAppendTime) {
        return new AppendOp(log, batches, true, leaderEpoch, logAppendTime);
    }

    static AppendOp asFollower(PartitionLog log, List<MutableRecordBatch> batches) {
        return new AppendOp(log, batches, false, RecordBatch.NO_PARTITION_LEADER_EPOCH, RecordBatch.NO_TIMESTAMP);
    }

    @Override
    int weightBytes() {
        return weight;
    }

    @Override
    AppendResult apply(WriteContext context) {
        if (log.isDeleted()) {
            throw new UnknownTopicOrPartitionException("Partition " + log.key() + " was deleted");
        }
        PartitionWork work = context.work(log);
        return asLeader ? applyAsLeader(context, work) : applyAsFollower(context, work);
    }

    private AppendResult applyAsLeader(WriteContext context, PartitionWork work) {
        // Check every batch against producer state before changing anything, as Kafka's
        // analyzeAndValidateProducerState does: a duplicate answers the whole append with the original offsets.
        ProducerStateEntry[] accepted = new ProducerStateEntry[batches.size()];
        Map<Long, ProducerStateEntry> planned = new HashMap<>(2);
        long nextOffset = work.logEndOffset;
        for (int i = 0; i < batches.size(); i++) {
            MutableRecordBatch batch = batches.get(i);
            long delta = batch.lastOffset() - batch.baseOffset();
            if (batch.hasProducerId()) {
                long producerId = batch.producerId();
                ProducerStateEntry entry = planned.getOrDefault(producerId, work.producer(producerId));
                var duplicate = entry.findDuplicate(batch.producerEpoch(), batch.baseSequence(), batch.lastSequence());
                if (duplicate.isPresent()) {
                    BatchMetadata original = duplicate.get();
                    long appendTime = log.config().timestampType() == TimestampType.LOG_APPEND_TIME
                            ? original.timestamp()
                            : RecordBatch.NO_TIMESTAMP;
                    return new AppendResult(
                            original.firstOffset(), original.lastOffset(), appendTime, work.logStartOffset, true);
                }
                ProducerSequenceRules.check(entry, batch.producerEpoch(), batch.baseSequence(), log.key());
                long appendTimestamp = logAppendTime != RecordBatch.NO_TIMESTAMP ? logAppendTime : batch.maxTimestamp();
                accepted[i] = entry.withBatch(
                        batch.producerEpoch(),
                        new BatchMetadata(
                                batch.baseSequence(),
                                batch.lastSequence(),
                                nextOffset,
                                nextOffset + delta,
                                appendTimestamp));
                planned.put(producerId, accepted[i]);
            }
            nextOffset += delta + 1;
        }
        long baseOffset = work.logEndOffset;
        work.recordEpochStart(leaderEpoch, baseOffset);
        rollOrGrowSegment(context, work, baseOffset);
        for (int i = 0; i < batches.size(); i++) {
            MutableRecordBatch batch = batches.get(i);
            batch.setLastOffset(work.logEndOffset + batch.lastOffset() - batch.baseOffset());
            batch.setPartitionLeaderEpoch(leaderEpoch);
            LogMutations.append(context, work, batch);
            if (accepted[i] != null) {
                work.changedProducers.put(batch.producerId(), accepted[i]);
            }
        }
        return new AppendResult(baseOffset, work.logEndOffset - 1, logAppendTime, work.logStartOffset, false);
    }

    /** Kafka's maybeRoll: one decision per append, before its batches are written, on leaders and followers. */
    private void rollOrGrowSegment(WriteContext context, PartitionWork work, long firstOffset) {
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        for (MutableRecordBatch batch : batches) {
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
        }
        work.activeSegment =
                work.activeSegment.afterAppend(firstOffset, weight, maxTimestamp, context.now, log.config());
    }

    private AppendResult applyAsFollower(WriteContext context, PartitionWork work) {
        long firstOffset = batches.get(0).baseOffset();
        if (firstOffset < work.logEndOffset) {
            // Kafka's UnexpectedAppendOffsetException: the fetcher must truncate before appending again.
            throw new InvalidRecordException("Replicated batch at offset " + firstOffset
                    + " is below the log end offset " + work.logEndOffset + " of " + log.key());
        }
        if (work.logStartOffset == work.logEndOffset) {
            // An empty log starts where the leader's data starts, so [logStart, logEnd) holds no hole.
            work.logStartOffset = firstOffset;
        }
        rollOrGrowSegment(context, work, firstOffset);
        for (MutableRecordBatch batch : batches) {
            work.recordEpochStart(batch.partitionLeaderEpoch(), batch.baseOffset());
            LogMutations.append(context, work, batch);
            if (batch.hasProducerId()) {
                ProducerStateEntry entry = work.producer(batch.producerId());
                work.changedProducers.put(
                        batch.producerId(),
                        entry.withBatch(
                                batch.producerEpoch(),
                                new BatchMetadata(
                                        batch.baseSequence(),
                                        batch.lastSequence(),
                                        batch.baseOffset(),
                                        batch.lastOffset(),
                                        batch.maxTimestamp())));
            }
        }
        return new AppendResult(
                firstOffset, work.logEndOffset - 1, RecordBatch.NO_TIMESTAMP, work.logStartOffset, false);
    }
}
