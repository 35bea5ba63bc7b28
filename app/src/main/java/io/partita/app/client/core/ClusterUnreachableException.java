package io.partita.app.client.core;

/**
 * The cluster did not answer at all (no broker reachable in time). Its message is the whole story; saying
 * which read failed ("Could not list topics: …") would only repeat it once per view.
 */
public final class ClusterUnreachableException extends RuntimeException {
    public ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
