package io.partita.app.client.core;

/** Running totals of the admin client's traffic: requests sent and bytes each way. */
public record AdminTraffic(long requests, long bytesSent, long bytesReceived) {
    public static final AdminTraffic NONE = new AdminTraffic(0, 0, 0);

    /** What happened between {@code earlier} and this. */
    public AdminTraffic since(AdminTraffic earlier) {
        return new AdminTraffic(
                requests - earlier.requests, bytesSent - earlier.bytesSent, bytesReceived - earlier.bytesReceived);
    }
}
