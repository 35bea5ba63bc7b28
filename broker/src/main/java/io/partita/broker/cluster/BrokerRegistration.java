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

    public static BrokerRegistration parse(byte[] json) {
        return Json.read(json, BrokerRegistration.class);
    }
}
