package io.partita.broker.replication;

/**
 * How followers fetch and how leaders judge them; Kafka's replica.* settings (declared in BrokerConfig).
 *
 * @param lagTimeMaxMs         replica.lag.time.max.ms: a follower not caught up for this long leaves the ISR
 * @param fetchWaitMaxMs       replica.fetch.wait.max.ms: a follower's long poll
 * @param fetchMinBytes        replica.fetch.min.bytes
 * @param fetchMaxBytes        replica.fetch.max.bytes: per partition
 * @param fetchResponseMaxBytes replica.fetch.response.max.bytes: per fetch
 * @param fetchBackoffMs       replica.fetch.backoff.ms: pause after a failed fetch
 * @param socketTimeoutMs      replica.socket.timeout.ms
 */
public record ReplicationSettings(
        long lagTimeMaxMs,
        int fetchWaitMaxMs,
        int fetchMinBytes,
        int fetchMaxBytes,
        int fetchResponseMaxBytes,
        int fetchBackoffMs,
        int socketTimeoutMs) {}
