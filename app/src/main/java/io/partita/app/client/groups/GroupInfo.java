package io.partita.app.client.groups;

import java.util.List;
import java.util.Optional;

/** A consumer group: its state, its live members, and where it stands on each partition it reads. */
public record GroupInfo(String id, String state, List<GroupMember> members, List<PartitionLag> partitions) {
    /** The coordinator's state of a group without members; only then does Kafka let its offsets change. */
    public static final String EMPTY = "Empty";

    public GroupInfo {
        members = List.copyOf(members);
        partitions = List.copyOf(partitions);
    }

    public int memberCount() {
        return members.size();
    }

    /** The records the group has still to read over every partition it has committed on. */
    public long totalLag() {
        return partitions.stream().mapToLong(p -> p.lag().orElse(0)).sum();
    }

    /** True when the group has no live member, so its offsets may be reset or the group deleted. */
    public boolean isEmpty() {
        return EMPTY.equalsIgnoreCase(state) && members.isEmpty();
    }

    public Optional<GroupMember> member(String memberId) {
        return members.stream().filter(m -> m.memberId().equals(memberId)).findFirst();
    }

    /** The topics the group has partitions on, sorted, each once. */
    public List<String> topics() {
        return partitions.stream().map(PartitionLag::topic).distinct().sorted().toList();
    }
}
