package io.partita.broker.network;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's connection limits, on the listener's own channel: it sees every accepted connection before the
 * connection is handed to a network thread. {@code max.connections}: as Kafka's acceptor, the listener stops
 * accepting while the node holds that many and starts again when one closes; clients wait in the operating
 * system's backlog meanwhile. Netty accepts the sockets that are ready in batches, so one that comes in the same
 * batch as the last allowed is held here, unread, until a connection closes: it waits just as it would in the
 * backlog. {@code max.connections.per.ip}: a connection past it is closed as soon as it is admitted.
 * {@code connections.max.idle.ms} is the idle handler's (see {@link KafkaServer}).
 *
 * <p>Every count lives on the listener's event loop, and closes are handed to it: an earlier design counted on
 * the network threads and switched accepting off from there, and a connection could slip in before the switch
 * reached the listener.
 */
final class ConnectionLimits extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);

    private final int maxConnections;
    private final int maxPerIp;

    // Touched only on the listener's event loop.
    private int open;
    private final Map<InetAddress, Integer> perIp = new HashMap<>();
    private final ArrayDeque<Channel> held = new ArrayDeque<>();

    ConnectionLimits(int maxConnections, int maxPerIp) {
        this.maxConnections = maxConnections;
        this.maxPerIp = maxPerIp;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel connection = (Channel) msg;
        if (open >= maxConnections) {
            held.add(connection);
            return;
        }
        admit(ctx, connection);
    }

    private void admit(ChannelHandlerContext ctx, Channel connection) {
        if (!(connection.remoteAddress() instanceof InetSocketAddress remote)) {
            connection.unsafe().closeForcibly(); // the client went away before it was admitted
            return;
        }
        InetAddress address = remote.getAddress();
        int fromThere = perIp.getOrDefault(address, 0);
        if (fromThere >= maxPerIp) {
            LOG.info(
                    "Closing a connection from {}: it has {} connections, max.connections.per.ip",
                    address.getHostAddress(),
                    maxPerIp);
            connection.unsafe().closeForcibly();
            return;
        }
        perIp.put(address, fromThere + 1);
        open++;
        if (open >= maxConnections && ctx.channel().config().isAutoRead()) {
            LOG.info("{} connections, max.connections: not accepting more until one closes", open);
            ctx.channel().config().setAutoRead(false);
        }
        connection.closeFuture().addListener(closed -> released(ctx, address));
        ctx.fireChannelRead(connection);
    }

    /** Called on the connection's network thread; the count is the listener's, so the work is handed to it. */
    private void released(ChannelHandlerContext ctx, InetAddress address) {
        try {
            ctx.executor().execute(() -> release(ctx, address));
        } catch (RejectedExecutionException listenerStopped) {
            // the node is shutting down: nothing is counted any more
        }
    }

    private void release(ChannelHandlerContext ctx, InetAddress address) {
        perIp.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        open--;
        while (open < maxConnections && !held.isEmpty()) {
            admit(ctx, held.poll());
        }
        if (open < maxConnections && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        held.forEach(connection -> connection.unsafe().closeForcibly());
        held.clear();
        ctx.fireChannelInactive();
    }
}
