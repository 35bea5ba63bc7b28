package io.partita.app.timeline;

import java.time.Instant;

/**
 * One change the app saw on the cluster, with when it saw it.
 *
 * @param subject what changed: "broker 2", "orders", "orders-3"
 * @param text    the change in words: "leader broker 1 → broker 2", "ISR [1, 2, 3] → [1, 3] (broker 2 left)"
 * @param internal whether it concerns an internal topic (such as __consumer_offsets), listed only on demand
 */
public record ClusterEvent(Instant time, EventKind kind, String subject, String text, boolean internal) {

    /** An event about the cluster's brokers or a user's topic. */
    public ClusterEvent(Instant time, EventKind kind, String subject, String text) {
        this(time, kind, subject, text, false);
    }
}
