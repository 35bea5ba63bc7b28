package io.partita.broker.log;

/** A ListOffsets answer: a record's timestamp and offset, and the leader epoch of the batch holding it. */
public record TimestampAndOffset(long timestamp, long offset, int leaderEpoch) {}
