package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A block of producer ids a node hands out, as Kafka's /latest_producer_id_block. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProducerIdBlock(
        @JsonProperty("broker") int brokerId,
        @JsonProperty("block_start") long blockStart,
        @JsonProperty("block_end") long blockEnd) {}
