package io.partita.broker.group;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;

/** A member of a classic group. Guarded by its group's lock. */
final class GroupMember {
    final String memberId;
    final String groupInstanceId;
    String clientId;
    String clientHost;
    int rebalanceTimeoutMs;
    int sessionTimeoutMs;
    /** Protocol name -> metadata, in the member's order of preference. */
    LinkedHashMap<String, byte[]> protocols;

    byte[] assignment = new byte[0];
    CompletableFuture<JoinGroupResponseData> awaitingJoin;
    CompletableFuture<SyncGroupResponseData> awaitingSync;
    /** When the session ends without another heartbeat (or join or sync). */
    long sessionDeadline;

    boolean expiryScheduled;
    /**
     * Joined, but not yet part of a generation: it has no session to keep alive (its JoinGroup is parked), so
     * Kafka's new-member join timeout bounds it instead.
     */
    boolean isNew;

    GroupMember(
            String memberId,
            String groupInstanceId,
            String clientId,
            String clientHost,
            int rebalanceTimeoutMs,
            int sessionTimeoutMs,
            LinkedHashMap<String, byte[]> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = protocols;
    }

    /** A copy under a new member id: a static member rejoining in place of its previous incarnation. */
    GroupMember withId(String newId) {
        GroupMember copy = new GroupMember(
                newId, groupInstanceId, clientId, clientHost, rebalanceTimeoutMs, sessionTimeoutMs, protocols);
        copy.assignment = assignment;
        return copy;
    }

    boolean sameProtocols(Map<String, byte[]> other) {
        if (!protocols.keySet().stream().toList().equals(other.keySet().stream().toList())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : protocols.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    byte[] metadata(String protocol) {
        byte[] metadata = protocol == null ? null : protocols.get(protocol);
        return metadata == null ? new byte[0] : metadata;
    }
}
