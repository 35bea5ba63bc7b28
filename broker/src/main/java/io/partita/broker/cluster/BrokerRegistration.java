package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The content of a node's ephemeral znode /partita/brokers/ids/&lt;id&gt;. {@code maxPartitions} is the node's
 * {@code partita.max.partitions}, published so that whichever node takes an admin request can refuse one that
 * would give this node more partitions than its store holds ({@link PartitionLimits}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BrokerRegistration(
        @JsonProperty("id") int id,
        @JsonProperty("host") String host,
        @JsonProperty("port") int port,
        @JsonProperty("rack") String rack,
        @JsonProperty("timestamp") long startTimeMs,
        @JsonProperty("state") State state,
        @JsonProperty("max_partitions") int maxPartitions) {

    public enum State {
        RUNNING,
        SHUTTING_DOWN
    }

    /** A registration that states no partition limit (0: as read from a node that predates the limit). */
    public BrokerRegistration(int id, String host, int port, String rack, long startTimeMs, State state) {
        this(id, host, port, rack, startTimeMs, state, 0);
    }

    /** The same registration in another state (a node announcing its controlled shutdown). */
    public BrokerRegistration withState(State newState) {
        return new BrokerRegistration(id, host, port, rack, startTimeMs, newState, maxPartitions);
    }

    @JsonIgnore
    public boolean isShuttingDown() {
        return state == State.SHUTTING_DOWN;
    }

    public static BrokerRegistration parse(byte[] json) {
        return Json.read(json, BrokerRegistration.class);
    }
}
