package io.partita.app.client.cluster;

/**
 * One broker as a column of the cluster map. A broker that is down is still a column (its replicas show as
 * offline) as long as a partition names it or the local cluster knows it.
 *
 * @param address host:port, empty when the broker is down and nobody knows where it was
 */
public record BrokerColumn(int id, String address, String rack, boolean controller, boolean up) {}
