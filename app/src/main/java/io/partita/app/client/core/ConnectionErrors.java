package io.partita.app.client.core;

import java.nio.file.NoSuchFileException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * Turns what kafka-clients throws while connecting into a sentence a user can act on: a refused password, a
 * certificate the client does not trust, a host name the certificate does not name, a cluster that does not answer.
 */
public final class ConnectionErrors {
    private ConnectionErrors() {}

    /** The message for a failed attempt to reach {@code bootstrap} with {@code security}. */
    public static String explain(Throwable failure, String bootstrap, SecuritySettings security, int timeoutSeconds) {
        Throwable root = Failures.rootCause(failure);
        String chain = chainText(failure);
        if (root instanceof SaslAuthenticationException) {
            return "Authentication failed: the cluster did not accept the user name or password for "
                    + security.username() + " (" + security.saslMechanism() + ").";
        }
        if (root instanceof UnsupportedSaslMechanismException) {
            return "The cluster does not offer SASL mechanism " + security.saslMechanism()
                    + " on this listener. Choose another mechanism or ask for the one it uses.";
        }
        if (root instanceof SslAuthenticationException || chain.contains("SSLHandshakeException")) {
            if (chain.contains("No subject alternative")
                    || chain.contains("doesn't match any of the subject")
                    || chain.contains("No name matching")) {
                return "TLS handshake failed: the server's certificate does not name the host you connect to. "
                        + "Use the host name in the certificate, or turn off host name verification if you trust "
                        + "this network.";
            }
            if (chain.contains("PKIX")
                    || chain.contains("unable to find valid certification path")
                    || chain.contains("certificate_unknown")
                    || chain.contains("not trusted")) {
                return "TLS handshake failed: the server's certificate is not trusted. Choose a truststore that "
                        + "holds the cluster's CA certificate.";
            }
            if (chain.contains("Unsupported or unrecognized SSL message") || chain.contains("plaintext connection")) {
                return "TLS handshake failed: the server does not speak TLS on this port. Check the port and the "
                        + "security protocol.";
            }
            return "TLS handshake failed: " + Failures.describe(failure);
        }
        if (root instanceof AuthenticationException) {
            return "Authentication failed: " + Failures.describe(failure);
        }
        if (root instanceof TimeoutException || root instanceof java.util.concurrent.TimeoutException) {
            return "No answer from " + bootstrap + " within " + timeoutSeconds + " s. Check the address, that the "
                    + "cluster is running, and the security protocol (a TLS or SASL listener does not answer a "
                    + "plain connection).";
        }
        if (chain.contains("NoSuchFileException") || root instanceof NoSuchFileException) {
            return "A key or trust store file cannot be read: " + Failures.describe(root);
        }
        if (chain.contains("keystore password was incorrect")
                || chain.contains("password was incorrect")
                || chain.contains("Get Key failed")) {
            return "A key or trust store could not be opened: its password is wrong.";
        }
        if (chain.contains("Failed to load SSL keystore")
                || chain.contains("Failed to load") && chain.contains("store")) {
            return "A key or trust store could not be read (" + Failures.describe(root) + "). Check its file and type.";
        }
        if (chain.contains("No resolvable bootstrap urls")) {
            return "None of the bootstrap servers' host names can be resolved.";
        }
        return Failures.describe(failure);
    }

    /** Class names and messages of the whole cause chain, for matching what the JDK's TLS code says. */
    private static String chainText(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable cur = t;
                cur != null && b.length() < 10_000;
                cur = cur.getCause() == cur ? null : cur.getCause()) {
            b.append(cur.getClass().getName())
                    .append(": ")
                    .append(cur.getMessage())
                    .append('\n');
        }
        return b.toString();
    }
}
