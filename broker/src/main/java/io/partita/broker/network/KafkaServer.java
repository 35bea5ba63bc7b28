package io.partita.broker.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's listener: Kafka's framing (a 4-byte big-endian size, then the request) over Netty. */
public final class KafkaServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);

    private final String host;
    private final int port;
    private final int threads;
    private final int maxFrameBytes;
    private final RequestHandler handler;
    private int sendBufferBytes = -1;
    private int receiveBufferBytes = -1;
    private ConnectionLimits limits = new ConnectionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);
    private long idleMs = 600_000;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel serverChannel;

    public KafkaServer(String host, int port, int threads, int maxFrameBytes, RequestHandler handler) {
        this.host = host;
        this.port = port;
        this.threads = threads;
        this.maxFrameBytes = maxFrameBytes;
        this.handler = handler;
    }

    /** Socket buffer sizes of client connections, as Kafka's socket.send/receive.buffer.bytes; -1 keeps the OS's. */
    public KafkaServer socketBuffers(int sendBytes, int receiveBytes) {
        this.sendBufferBytes = sendBytes;
        this.receiveBufferBytes = receiveBytes;
        return this;
    }

    /** Kafka's max.connections, max.connections.per.ip and connections.max.idle.ms (see {@link ConnectionLimits}). */
    public KafkaServer connectionLimits(int maxConnections, int maxConnectionsPerIp, long maxIdleMs) {
        this.limits = new ConnectionLimits(maxConnections, maxConnectionsPerIp);
        this.idleMs = maxIdleMs;
        return this;
    }

    /** Binds and returns the port (useful when asked for port 0). */
    public int start(String name) throws InterruptedException {
        acceptor = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory(name + "-acceptor", true), NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(
                threads, new DefaultThreadFactory(name + "-network", true), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(limits)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(0, 0, idleMs, TimeUnit.MILLISECONDS))
                                .addLast("frames", new LengthFieldBasedFrameDecoder(maxFrameBytes, 0, 4, 0, 4, true))
                                .addLast("kafka", new KafkaConnection(handler));
                    }
                });
        if (sendBufferBytes > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, sendBufferBytes);
        }
        if (receiveBufferBytes > 0) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, receiveBufferBytes);
        }
        InetSocketAddress address =
                host == null || host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        serverChannel = bootstrap.bind(address).sync().channel();
        int bound = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("Listening on {}:{}", host == null || host.isEmpty() ? "*" : host, bound);
        return bound;
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (acceptor != null) {
            acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
