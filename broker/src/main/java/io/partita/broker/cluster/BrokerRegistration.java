package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The content of a node's ephemeral znode /partita/brokers/ids/&lt;id&gt;. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BrokerRegistration(
        @JsonProperty("id") int id,
        @JsonProperty("host") String host,
        @JsonProperty("port") int port,
        @JsonProperty("rack") String rack,
        @JsonProperty("timestamp") long startTimeMs,
        @JsonProperty("state") State state) {

    public enum State { RUNNING, SHUTTING_DOWN }

    /** The same registration in another state (a node announcing its controlled shutdown). */
    public BrokerRegistration withState(State newState) {
        return new BrokerRegistration(id, host, port, rack, startTimeMs, newState);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isShuttingDown() {
        return state == State.SHUTTING_DOWN;
    }

    public static BrokerRegistration parse(byte[] json) {
        return Json.read(json, BrokerRegistration.class);
    }
}
