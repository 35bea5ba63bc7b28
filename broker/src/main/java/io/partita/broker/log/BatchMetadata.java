package io.partita.broker.log;

/** What a producer's recent batch looked like: enough to recognise a retry and answer it with the original offsets. */
public record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset, long timestamp) {}
