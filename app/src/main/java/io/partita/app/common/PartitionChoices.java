package io.partita.app.common;

import java.util.function.ToIntFunction;
import javafx.collections.ObservableList;

/** The partition choice box of a form that picks a topic first: its first entry, then the topic's partitions. */
public final class PartitionChoices {
    private PartitionChoices() {}

    /** Fills {@code choices} with {@code first} and the partitions of {@code topic} (none when null). */
    public static void fill(
            ObservableList<String> choices, String first, String topic, ToIntFunction<String> partitionsOf) {
        choices.setAll(first);
        for (int p = 0; topic != null && p < partitionsOf.applyAsInt(topic); p++) {
            choices.add(Integer.toString(p));
        }
    }
}
