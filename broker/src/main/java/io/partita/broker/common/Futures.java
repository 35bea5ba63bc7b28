package io.partita.broker.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What futures wrap around a failure, taken off again. */
public final class Futures {
    private Futures() {}

    /** The failure inside the CompletionExceptions and ExecutionExceptions futures wrap around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
