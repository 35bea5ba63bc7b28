package io.partita.app.client.core;

import io.partita.broker.common.Futures;

/** Failures as a user reads them: the cause under the futures' wrappers, in one line. */
public final class Failures {
    private Failures() {}

    /** The cause a user should read: unwraps the wrappers that futures put around a failure. */
    public static Throwable rootCause(Throwable t) {
        return Futures.unwrap(t);
    }

    /** A one-line message for a failure, never empty. */
    public static String describe(Throwable t) {
        Throwable cause = rootCause(t);
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return message.strip();
    }

    /**
     * What went wrong for a view: "{@code context}: why", or just why when the cluster is out of reach (every
     * view would say the same).
     */
    public static String problem(String context, Throwable t) {
        return rootCause(t) instanceof ClusterUnreachableException ? describe(t) : context + ": " + describe(t);
    }
}
