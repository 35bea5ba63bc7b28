package io.partita.broker.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/** A bare socket speaking Kafka framing, for sending what no well-behaved client would. */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private int correlationId;

    public RawConnection(String host, int port, int readTimeoutMs) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(readTimeoutMs);
        socket.setTcpNoDelay(true);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends a size prefix and the given bytes. */
    public void sendFrame(byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Serialises a request with a header for its version, as a client would. */
    public RequestHeader send(AbstractRequest request) throws IOException {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "raw-test", ++correlationId);
        ByteBuffer buffer = request.serializeWithHeader(header);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        sendFrame(bytes);
        return header;
    }

    public static byte[] serialize(AbstractRequest request, int correlationId) {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "raw-test", correlationId);
        ByteBuffer buffer = request.serializeWithHeader(header);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Reads one response frame, or null if the server closed the connection. */
    public ByteBuffer readFrame() throws IOException {
        try {
            int size = in.readInt();
            byte[] payload = new byte[size];
            in.readFully(payload);
            return ByteBuffer.wrap(payload);
        } catch (EOFException | SocketException closed) {
            return null;
        }
    }

    /** One response frame if the server sends one within {@code wait}, else null (the connection stays usable). */
    public ByteBuffer readFrameWithin(Duration wait) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout((int) wait.toMillis());
        try {
            return readFrame();
        } catch (SocketTimeoutException nothingYet) {
            return null;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /** Tells the server this client will send nothing more (a TCP half-close). */
    public void finishSending() throws IOException {
        socket.shutdownOutput();
    }

    @SuppressWarnings("unchecked")
    public <R extends AbstractResponse> R receive(RequestHeader header) throws IOException {
        ByteBuffer frame = readFrame();
        if (frame == null) {
            throw new EOFException("connection closed by the server");
        }
        return (R) AbstractResponse.parseResponse(frame, header);
    }

    /** True once the server has closed this connection (read returns end of stream within the timeout). */
    public boolean isClosedByServer() throws IOException {
        try {
            while (true) {
                if (readFrame() == null) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    public static ApiKeys key(short id) {
        return ApiKeys.forId(id);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
