package io.partita.app.client.groups;

/**
 * One live member of a consumer group: the coordinator's member id, its static instance id ("" for a dynamic
 * member), the client id it chose and the host it connects from.
 */
public record GroupMember(String memberId, String instanceId, String clientId, String host) {
    public GroupMember {
        instanceId = instanceId == null ? "" : instanceId;
        // The admin client reports hosts as InetAddress.toString() gives them: "/127.0.0.1".
        host = host == null ? "" : host.startsWith("/") ? host.substring(1) : host;
    }

    /** What a person recognises a consumer by: its client id and host. */
    public String label() {
        return host.isEmpty() ? clientId : clientId + " @ " + host;
    }

    /** The id the coordinator knows it by: the static instance id if it has one, else the member id. */
    public String identity() {
        return instanceId.isEmpty()
                ? "member id " + memberId
                : "instance id " + instanceId + " · member id " + memberId;
    }
}
