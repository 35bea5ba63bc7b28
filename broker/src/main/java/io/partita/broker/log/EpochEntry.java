package io.partita.broker.log;

/** A leader epoch and the first offset written in it (Kafka's leader-epoch checkpoint line). */
public record EpochEntry(int epoch, long startOffset) {}
