package io.partita.broker.log;

import org.apache.kafka.common.record.internal.MemoryRecords;

/** Whole batches as stored, plus the partition's offsets as they stood when the batches were read. */
public record ReadResult(MemoryRecords records, long logStartOffset, long logEndOffset, long highWatermark) {}
