package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The content of the ephemeral /partita/controller znode, as Kafka's /controller. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ControllerZnode(
        @JsonProperty("brokerid") int brokerId,
        @JsonProperty("timestamp") long timestamp) {}
