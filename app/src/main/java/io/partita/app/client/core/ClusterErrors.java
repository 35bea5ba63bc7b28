package io.partita.app.client.core;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Turns the client's exceptions into sentences a user can act on. The admin client reports an unreachable
 * cluster as "Timed out waiting for a node assignment. Call: describeCluster", which says what the client
 * did, not what is wrong; the original exception stays the cause for the log.
 */
public final class ClusterErrors {
    private ClusterErrors() {}

    /** A failure whose message explains itself, or {@code failure} unchanged when it already does. */
    public static Throwable explain(Throwable failure) {
        Throwable cause = Failures.rootCause(failure);
        if (cause instanceof TimeoutException || cause instanceof DisconnectException) {
            return new ClusterUnreachableException(
                    "The cluster does not answer: no broker responded in time. It may be down or unreachable.", cause);
        }
        String message = message(cause);
        return message == null ? failure : new ClusterException(message, cause);
    }

    private static String message(Throwable cause) {
        if (cause instanceof SslAuthenticationException) {
            return "The TLS handshake failed (" + Failures.describe(cause) + "). Check the truststore and the address.";
        }
        if (cause instanceof AuthenticationException) {
            return "The cluster refused the credentials: " + Failures.describe(cause);
        }
        if (cause instanceof AuthorizationException) {
            return "The cluster denied this request: " + Failures.describe(cause);
        }
        return null;
    }

    /** A failure already phrased for the user. */
    static final class ClusterException extends RuntimeException {
        ClusterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
