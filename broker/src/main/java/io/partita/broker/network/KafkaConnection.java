package io.partita.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.network.ClientInformation;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestAndSize;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: turns frames into requests, hands them to the {@link RequestHandler} in arrival
 * order and writes the responses back in that same order, however the handlers' futures complete. A
 * request that cannot be understood closes this connection only.
 *
 * <p>Memory per connection is bounded. Kafka handles one request per connection at a time; Partita pipelines,
 * so it pauses instead: while too many requests are unanswered, their frames hold too many bytes, or the
 * channel is not writable (answers the client has not read are queued past Netty's high water mark), the
 * connection takes no new request. Frames already decoded wait in arrival order, and the socket is not read,
 * until the client catches up. A client that sends fetches and never reads the answers so holds at most about
 * one answer and the in-flight limit's frames, not one answer per request it sent.
 */
final class KafkaConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnection.class);
    private static final ListenerName LISTENER = ListenerName.forSecurityProtocol(SecurityProtocol.PLAINTEXT);
    /**
     * Stop reading from a client that pipelines more than this many requests, or holds more than this many
     * bytes of request frames in flight, until it catches up: one connection must not take all the memory.
     */
    private static final int MAX_IN_FLIGHT = 64;

    private static final long MAX_IN_FLIGHT_BYTES = 64L << 20;

    private final RequestHandler handler;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Frames decoded while paused, in arrival order; handled once the connection resumes. */
    private final ArrayDeque<ByteBuf> waiting = new ArrayDeque<>();

    private boolean resuming;
    /** Bytes of frames whose requests are not finished; touched only on this connection's event loop. */
    private long inFlightBytes;

    private String connectionId = "unconnected";
    private InetSocketAddress remote;

    private record Pending(
            RequestContext context, AbstractRequest request, CompletableFuture<Reply> response, RequestEvent event) {}

    KafkaConnection(RequestHandler handler) {
        this.handler = handler;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = (InetSocketAddress) ctx.channel().remoteAddress();
        connectionId = ctx.channel().localAddress() + "-" + remote + "-"
                + ctx.channel().id().asShortText();
        ctx.fireChannelActive();
    }

    /** connections.max.idle.ms: nothing read or written for that long, and no request waiting for its answer. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && pending.isEmpty() && waiting.isEmpty()) {
            LOG.debug("Closing {}: idle for connections.max.idle.ms", connectionId);
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            resumeIfCaughtUp(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Whether the connection must take no new request until the client catches up (see the class comment). */
    private boolean mustPause(ChannelHandlerContext ctx) {
        return pending.size() >= MAX_IN_FLIGHT
                || inFlightBytes >= MAX_IN_FLIGHT_BYTES
                || !ctx.channel().isWritable();
    }

    /**
     * The request is parsed straight from the frame's (pooled, direct) memory, and produced record batches
     * stay there until they are appended: the frame is released only when the request is fully handled.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (!ctx.channel().isActive()) {
            // Frames decoded in the same read as one that closed the connection: nobody will get an answer.
            frame.release();
            return;
        }
        if (!waiting.isEmpty() || mustPause(ctx)) {
            // The decoder hands over every frame of a read at once, even after reading stopped: keep them in order.
            waiting.addLast(frame);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        handleFrame(ctx, frame);
    }

    private void handleFrame(ChannelHandlerContext ctx, ByteBuf frame) {
        RequestEvent event = RequestEvent.arrived();
        ByteBuffer buffer = frame.nioBuffer();
        RequestContext context;
        AbstractRequest request;
        try {
            RequestHeader header = RequestHeader.parse(buffer);
            ApiKeys apiKey = header.apiKey();
            if (apiKey != ApiKeys.API_VERSIONS && !handler.serves(apiKey, header.apiVersion())) {
                LOG.warn("Closing {}: {} v{} is not served by this node", connectionId, apiKey, header.apiVersion());
                frame.release();
                ctx.close();
                return;
            }
            context = new RequestContext(
                    header,
                    connectionId,
                    remote.getAddress(),
                    KafkaPrincipal.ANONYMOUS,
                    LISTENER,
                    SecurityProtocol.PLAINTEXT,
                    ClientInformation.EMPTY,
                    false);
            RequestAndSize parsed = context.parseRequest(buffer);
            request = parsed.request;
        } catch (RuntimeException e) {
            LOG.warn("Closing {}: unreadable request ({})", connectionId, e.toString());
            frame.release();
            ctx.close();
            return;
        }
        CompletableFuture<Reply> response;
        try {
            response = handler.handle(context, request, ctx.executor());
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        int frameBytes = frame.capacity();
        inFlightBytes += frameBytes;
        event.api = request.apiKey().name;
        event.connection = connectionId;
        pending.addLast(new Pending(context, request, response, event));
        if (response.isDone()) {
            finished(ctx, frame, frameBytes, event);
        } else {
            // Answered later, on whatever thread completed it (a parked request): one task back on this
            // connection's event loop, which owns the queue and the byte count. The frame is released here,
            // not in that task: a node stopping answers parked requests after its event loops have stopped,
            // and a task they reject would keep the pooled frame forever.
            response.whenComplete((r, e) -> {
                event.answered();
                frame.release();
                ctx.executor().execute(() -> {
                    inFlightBytes -= frameBytes;
                    writeCompleted(ctx);
                });
            });
        }
    }

    /** On the event loop: a request answered at once; its frame can go, and its answer out if it is next. */
    private void finished(ChannelHandlerContext ctx, ByteBuf frame, int frameBytes, RequestEvent event) {
        event.answered();
        frame.release();
        inFlightBytes -= frameBytes;
        writeCompleted(ctx);
    }

    /** Writes every completed response at the head of the queue; later ones wait for earlier ones. */
    private void writeCompleted(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peekFirst().response().isDone()) {
            Pending done = pending.pollFirst();
            AbstractResponse response;
            Runnable afterWrite = () -> {};
            try {
                Reply reply = done.response().join();
                if (reply.closeReason() != null) {
                    LOG.info("Closing {}: {}", connectionId, reply.closeReason());
                    // Close once the responses before this one have actually gone out.
                    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                response = reply.response();
                afterWrite = reply.afterWrite();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (!(cause instanceof ApiException)) {
                    LOG.error("Request {} failed on {}", done.context().header, connectionId, cause);
                }
                response = done.request().getErrorResponse(0, cause);
            }
            if (response == null) {
                afterWrite.run();
                continue;
            }
            ByteBufChannel channel = null;
            try {
                Send send = done.context().buildResponseSend(response);
                channel = new ByteBufChannel(ctx.alloc(), (int) send.size());
                while (!send.completed()) {
                    send.writeTo(channel);
                }
                ByteBuf out = channel.finish();
                channel = null;
                Runnable written = afterWrite;
                ctx.write(out).addListener(f -> written.run());
                done.event().written();
                wrote = true;
            } catch (IOException | RuntimeException e) {
                LOG.error("Could not serialise the response to {} on {}", done.context().header, connectionId, e);
                if (channel != null) {
                    channel.discard();
                }
                afterWrite.run();
                ctx.close();
                return;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (mustPause(ctx)) {
            ctx.channel().config().setAutoRead(false);
        } else {
            resumeIfCaughtUp(ctx);
        }
    }

    /**
     * Handles the frames that waited, in order, while the connection has room, then reads the socket again once
     * it is well below its limits (half of them, so a busy pipelining client does not flap at the edge).
     */
    private void resumeIfCaughtUp(ChannelHandlerContext ctx) {
        if (resuming) {
            return; // a request handled below answered at once: the loop below goes on
        }
        resuming = true;
        try {
            while (!waiting.isEmpty() && !mustPause(ctx) && ctx.channel().isActive()) {
                handleFrame(ctx, waiting.pollFirst());
            }
        } finally {
            resuming = false;
        }
        if (waiting.isEmpty()
                && pending.size() < MAX_IN_FLIGHT / 2
                && inFlightBytes < MAX_IN_FLIGHT_BYTES / 2
                && ctx.channel().isWritable()
                && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Responses that were ready but never written still hold pooled memory: give it back. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Pending left : pending) {
            left.response().whenComplete((reply, e) -> {
                if (reply != null) {
                    reply.afterWrite().run();
                }
            });
        }
        pending.clear();
        waiting.forEach(ByteBuf::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            LOG.warn("Closing {}: {}", connectionId, cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.debug("Connection {} failed: {}", connectionId, cause.toString());
        } else {
            LOG.warn("Closing {} after an error", connectionId, cause);
        }
        ctx.close();
    }
}
