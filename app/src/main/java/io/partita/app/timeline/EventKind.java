package io.partita.app.timeline;

import java.util.Locale;

/** What happened, as the timeline names and styles it ({@code .event-broker-down}, …). */
public enum EventKind {
    BROKER_UP("Broker up"),
    BROKER_DOWN("Broker down"),
    CONTROLLER("Controller"),
    LEADER("Leader"),
    ISR_SHRINK("ISR shrink"),
    ISR_EXPAND("ISR expand"),
    REPLICAS("Replicas"),
    TOPIC_CREATED("Topic created"),
    TOPIC_DELETED("Topic deleted"),
    PARTITIONS_ADDED("Partitions added");

    private final String label;

    EventKind(String label) {
        this.label = label;
    }

    /** The word on the event's badge. */
    public String label() {
        return label;
    }

    /** The event's CSS class. */
    public String styleClass() {
        return "event-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
