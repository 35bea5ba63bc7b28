package io.partita.app.client.core;

import java.util.Properties;
import java.util.function.Function;

/**
 * A client of the current connection that a feature makes from its settings on first use (the browser's consumer,
 * the producer) and that the next disconnect closes; the connection after gets a fresh one.
 */
public final class PerConnection<T extends AutoCloseable> {
    private final ClientSession session;
    private final Function<Properties, T> create;
    private T current;

    public PerConnection(ClientSession session, Function<Properties, T> create) {
        this.session = session;
        this.create = create;
    }

    /** The client, made now if this connection has none yet; null while not connected. */
    public synchronized T get() {
        if (current == null) {
            Properties settings = session.clientProperties();
            if (settings == null) {
                return null;
            }
            T made = create.apply(settings);
            current = made;
            session.stopOnDisconnect(() -> close(made));
        }
        return current;
    }

    /** The client if this connection made one already, else null: for stopping what runs, not starting it. */
    public synchronized T peek() {
        return current;
    }

    private synchronized void close(T made) {
        if (current == made) {
            current = null;
        }
        try {
            made.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not close " + made, e);
        }
    }
}
