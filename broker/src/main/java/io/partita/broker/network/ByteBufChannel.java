package io.partita.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.kafka.common.network.TransferableChannel;

/**
 * Lets a kafka-clients {@code Send} (a serialised response) write itself into Netty buffers. Small pieces
 * (headers, fields) are copied into pooled buffers; large direct buffers (record data read straight from
 * LMDB into pooled memory) are wrapped, not copied, so fetched records cross user space once.
 */
final class ByteBufChannel implements TransferableChannel {
    private static final int WRAP_THRESHOLD = 4096;

    private final ByteBufAllocator allocator;
    private final CompositeByteBuf out;
    private ByteBuf small;

    ByteBufChannel(ByteBufAllocator allocator, int expectedSize) {
        this.allocator = allocator;
        this.out = allocator.compositeBuffer(Integer.MAX_VALUE);
        this.small = allocator.buffer(Math.min(expectedSize, 64 * 1024));
    }

    /** The whole response; the caller owns it from here on. */
    ByteBuf finish() {
        if (small.isReadable()) {
            out.addComponent(true, small);
        } else {
            small.release();
        }
        small = null;
        return out;
    }

    /** Frees what was written so far (when serialisation failed half-way). */
    void discard() {
        if (small != null) {
            small.release();
            small = null;
        }
        out.release();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        long written = 0;
        for (int i = offset; i < offset + length; i++) {
            written += write(srcs[i]);
        }
        return written;
    }

    @Override
    public long write(ByteBuffer[] srcs) {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        if (src.isDirect() && n >= WRAP_THRESHOLD) {
            if (small.isReadable()) {
                out.addComponent(true, small);
                small = allocator.buffer(256);
            }
            out.addComponent(true, Unpooled.wrappedBuffer(src.slice()));
            src.position(src.limit());
        } else {
            small.writeBytes(src);
        }
        return n;
    }

    @Override
    public boolean hasPendingWrites() {
        return false;
    }

    @Override
    public long transferFrom(FileChannel fileChannel, long position, long count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) count);
        while (buffer.hasRemaining()) {
            if (fileChannel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        return write(buffer);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {}
}
