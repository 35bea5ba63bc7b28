package io.partita.app.groups;

/** A group's total lag at one moment (epoch milliseconds). */
public record LagSample(long atMillis, long lag) {}
