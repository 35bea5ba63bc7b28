package io.partita.broker.network;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's connection limits. {@code max.connections.per.ip}: a connection past it is closed as soon as it is
 * accepted. {@code max.connections}: as Kafka's acceptor, the listener stops accepting while the node holds that
 * many and starts again when one closes; clients wait in the operating system's backlog meanwhile.
 * {@code connections.max.idle.ms} is the idle handler's (see {@link KafkaServer}).
 */
final class ConnectionLimits {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);
    /** Set while a connection is counted, so that it is uncounted once and only once. */
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("partita.connection.counted");

    private final int maxConnections;
    private final int maxPerIp;
    private final AtomicInteger open = new AtomicInteger();
    /** Per address; guarded by itself (connections come and go on every network thread). */
    private final Map<InetAddress, Integer> perIp = new HashMap<>();

    private volatile Channel listener;

    ConnectionLimits(int maxConnections, int maxPerIp) {
        this.maxConnections = maxConnections;
        this.maxPerIp = maxPerIp;
    }

    int maxPerIp() {
        return maxPerIp;
    }

    /** The server channel whose accepting {@code max.connections} pauses. */
    void listener(Channel serverChannel) {
        this.listener = serverChannel;
    }

    /** Counts a new connection; false when its address already has {@code max.connections.per.ip}. */
    boolean admit(Channel channel, InetAddress address) {
        synchronized (perIp) {
            int fromThere = perIp.getOrDefault(address, 0);
            if (fromThere >= maxPerIp) {
                return false;
            }
            perIp.put(address, fromThere + 1);
        }
        channel.attr(COUNTED).set(Boolean.TRUE);
        if (open.incrementAndGet() >= maxConnections) {
            Channel server = listener;
            if (server != null && server.config().isAutoRead()) {
                LOG.info("{} connections, max.connections: not accepting more until one closes", open.get());
                server.config().setAutoRead(false);
            }
        }
        return true;
    }

    /** Uncounts a connection that {@link #admit} counted (a refused one was never counted). */
    void release(Channel channel, InetAddress address) {
        if (channel.attr(COUNTED).getAndSet(null) == null) {
            return;
        }
        synchronized (perIp) {
            perIp.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
        if (open.decrementAndGet() < maxConnections) {
            Channel server = listener;
            if (server != null && !server.config().isAutoRead()) {
                server.config().setAutoRead(true);
            }
        }
    }

    /** Connections counted now (for tests and logs). */
    int open() {
        return open.get();
    }
}
