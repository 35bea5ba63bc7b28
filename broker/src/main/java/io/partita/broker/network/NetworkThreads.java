package io.partita.broker.network;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Which connection thread, if any, is handling the current request: work that ends in that connection's
 * answer (a parked fetch's retry) can be handed back to it rather than to a thread of its own.
 */
public final class NetworkThreads {
    private static final ThreadLocal<Executor> HANDLING = new ThreadLocal<>();

    private NetworkThreads() {
    }

    /** The network thread of the connection whose request the caller is handling, or empty elsewhere. */
    public static Optional<Executor> currentLoop() {
        return Optional.ofNullable(HANDLING.get());
    }

    /** Runs a request's handling, letting it know {@code loop} is its connection's thread. */
    static <T> T handling(Executor loop, java.util.function.Supplier<T> handler) {
        HANDLING.set(loop);
        try {
            return handler.get();
        } finally {
            HANDLING.remove();
        }
    }
}
