package io.partita.broker.group;

import java.util.List;

/**
 * What the coordinator persists of a group (besides its offsets): enough for a new coordinator to serve the
 * group's current generation without a rebalance after a failover.
 *
 * @param protocolType   "" for a group that only commits offsets (no member ever joined)
 * @param protocolName   null while the group has no members
 * @param leaderId       null while the group has no members
 * @param stateTimestamp when the group entered its current state (for the expiry of an empty group's offsets)
 */
public record GroupSnapshot(
        String protocolType,
        int generation,
        String protocolName,
        String leaderId,
        long stateTimestamp,
        List<Member> members) {
    public GroupSnapshot {
        members = List.copyOf(members);
    }

    /** A member with the metadata of the group's selected protocol and its current assignment. */
    public record Member(
            String memberId,
            String groupInstanceId,
            String clientId,
            String clientHost,
            int rebalanceTimeoutMs,
            int sessionTimeoutMs,
            byte[] subscription,
            byte[] assignment) {}
}
