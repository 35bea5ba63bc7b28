package io.partita.broker.network;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * One blocking Kafka-protocol connection from this node to another, for a thread that does one request at a
 * time (a replica fetcher). It connects on first use and after a failure; any I/O error closes it, and the
 * caller decides when to try again. Requests and responses are the kafka-clients message classes.
 */
public final class BlockingKafkaClient implements AutoCloseable {
    private final String host;
    private final int port;
    private final String clientId;
    private final int timeoutMs;
    private volatile Socket socket;
    private volatile DataInputStream in;
    private volatile DataOutputStream out;
    private int correlationId;

    /** @param timeoutMs bounds the connect and every read (it must exceed any long-poll wait sent) */
    public BlockingKafkaClient(String host, int port, String clientId, int timeoutMs) {
        this.host = host;
        this.port = port;
        this.clientId = clientId;
        this.timeoutMs = timeoutMs;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Sends one request and reads its response. */
    @SuppressWarnings("unchecked")
    public <R extends AbstractResponse> R send(AbstractRequest request) throws IOException {
        connectIfNeeded();
        // Locals: close() may run on another thread (a fetcher being stopped) and null the fields.
        DataOutputStream out = this.out;
        DataInputStream in = this.in;
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), clientId, ++correlationId);
        try {
            ByteBuffer payload = request.serializeWithHeader(header);
            out.writeInt(payload.remaining());
            if (payload.hasArray()) {
                out.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
            } else {
                byte[] copy = new byte[payload.remaining()];
                payload.get(copy);
                out.write(copy);
            }
            out.flush();
            int size = in.readInt();
            if (size < 0) {
                throw new IOException("Negative response size " + size + " from " + host + ":" + port);
            }
            byte[] response = new byte[size];
            in.readFully(response);
            return (R) AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
        } catch (IOException e) {
            close();
            throw e;
        } catch (RuntimeException e) {
            // A response we cannot parse (or whose correlation id is wrong): the stream is no longer trusted.
            close();
            throw new IOException("Bad response from " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private void connectIfNeeded() throws IOException {
        if (socket != null) {
            return;
        }
        Socket fresh = new Socket();
        try {
            fresh.setTcpNoDelay(true);
            fresh.setSoTimeout(timeoutMs);
            fresh.connect(new InetSocketAddress(host, port), timeoutMs);
            in = new DataInputStream(new BufferedInputStream(fresh.getInputStream(), 64 * 1024));
            out = new DataOutputStream(new BufferedOutputStream(fresh.getOutputStream(), 64 * 1024));
            socket = fresh;
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
    }

    /** Closes the connection; a send blocked on it (on another thread) fails with an IOException. */
    @Override
    public void close() {
        Socket socket = this.socket;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            this.socket = null;
            in = null;
            out = null;
        }
    }
}
