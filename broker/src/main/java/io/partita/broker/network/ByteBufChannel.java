package io.partita.broker.network;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.kafka.common.network.TransferableChannel;

/** Lets a kafka-clients {@code Send} (a serialised response) write itself into a Netty buffer. */
final class ByteBufChannel implements TransferableChannel {
    private final ByteBuf out;

    ByteBufChannel(ByteBuf out) {
        this.out = out;
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
        out.writeBytes(src);
        return n;
    }

    @Override
    public boolean hasPendingWrites() {
        return false;
    }

    @Override
    public long transferFrom(FileChannel fileChannel, long position, long count) throws java.io.IOException {
        int n = (int) count;
        ByteBuffer buffer = ByteBuffer.allocate(n);
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
    public void close() {
    }
}
