package io.partita.app.groups;

import java.util.List;

/** A consumer group: its state, how many members it has, and where it stands on each partition it reads. */
public record GroupInfo(String id, String state, int members, List<PartitionLag> partitions) {
    public GroupInfo {
        partitions = List.copyOf(partitions);
    }

    /** The records the group has still to read over every partition it has committed on. */
    public long totalLag() {
        return partitions.stream().mapToLong(p -> p.lag().orElse(0)).sum();
    }
}
