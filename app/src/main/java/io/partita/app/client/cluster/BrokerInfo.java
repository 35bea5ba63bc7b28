package io.partita.app.client.cluster;

/** One broker as the cluster describes it. */
public record BrokerInfo(int id, String host, int port, String rack, boolean controller) {

    public String address() {
        return host + ":" + port;
    }
}
