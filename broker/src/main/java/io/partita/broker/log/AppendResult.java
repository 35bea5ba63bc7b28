package io.partita.broker.log;

/**
 * The outcome of an append. For a duplicate (an idempotent retry) the offsets are those the batch got the
 * first time, and nothing was appended. For an empty append both offsets are -1.
 */
public record AppendResult(
        long baseOffset, long lastOffset, long logAppendTime, long logStartOffset, boolean duplicate) {}
