package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The content of /partita/topics/&lt;t&gt;/partitions/&lt;p&gt;/state, as Kafka's LeaderAndIsr: the leader (-1 when
 * offline), its epoch, the in-sync replicas and the controller epoch that wrote it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartitionState(
        @JsonProperty("leader") int leader,
        @JsonProperty("leader_epoch") int leaderEpoch,
        @JsonProperty("isr") List<Integer> isr,
        @JsonProperty("controller_epoch") int controllerEpoch) {

    public static final int NO_LEADER = -1;

    public PartitionState {
        isr = List.copyOf(isr);
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }
}
