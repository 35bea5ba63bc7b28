package io.partita.broker.group;

import java.util.Locale;
import java.util.Optional;

/** The states of a classic group, named as Kafka names them in ListGroups and DescribeGroups. */
public enum GroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    public String kafkaName() {
        return kafkaName;
    }

    /** A ListGroups states filter entry: Kafka matches them case-insensitively. */
    public static Optional<GroupState> parse(String name) {
        for (GroupState state : values()) {
            if (state.kafkaName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
