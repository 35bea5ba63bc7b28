package io.partita.app.client.core;

import io.partita.app.client.core.SecuritySettings.Protocol;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps {@link SecuritySettings} to kafka-clients properties ({@code security.protocol}, {@code sasl.*},
 * {@code ssl.*}): the one place that knows their names, shared by the admin, consumer and producer clients.
 */
public final class ClientSecurity {
    private ClientSecurity() {}

    /** The client properties for {@code s}; only those that apply to its protocol. */
    public static Map<String, Object> properties(SecuritySettings s) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", s.protocol().name());
        if (s.protocol().usesSasl()) {
            p.put("sasl.mechanism", s.saslMechanism().kafkaName());
            p.put("sasl.jaas.config", jaasConfig(s));
        }
        if (s.protocol().usesTls()) {
            if (!s.truststorePath().isEmpty()) {
                p.put("ssl.truststore.location", s.truststorePath());
                p.put("ssl.truststore.type", s.truststoreType().name());
                if (!s.truststorePassword().isEmpty()) {
                    p.put("ssl.truststore.password", s.truststorePassword());
                }
            }
            // Without a truststore the JDK's own CAs decide, as for a cluster with a public certificate.
            if (s.hasKeystore()) {
                p.put("ssl.keystore.location", s.keystorePath());
                p.put("ssl.keystore.type", s.keystoreType().name());
                if (!s.keystorePassword().isEmpty()) {
                    p.put("ssl.keystore.password", s.keystorePassword());
                    if (s.keystoreType() != SecuritySettings.StoreType.PEM) {
                        // keytool's stores use one password for the store and its key.
                        p.put("ssl.key.password", s.keystorePassword());
                    } else {
                        // A PEM key's password is the key's own (ssl.keystore.password does not apply to PEM files).
                        p.remove("ssl.keystore.password");
                        p.put("ssl.key.password", s.keystorePassword());
                    }
                }
            }
            // Kafka verifies the host name by default ("https"); an empty value turns it off.
            p.put("ssl.endpoint.identification.algorithm", s.verifyHostname() ? "https" : "");
        }
        return p;
    }

    /** {@code sasl.jaas.config} for the mechanism, the user name and password quoted as JAAS wants them. */
    static String jaasConfig(SecuritySettings s) {
        String module = s.saslMechanism() == SecuritySettings.SaslMechanism.PLAIN
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=" + quote(s.username()) + " password=" + quote(s.password()) + ";";
    }

    /** A JAAS string literal: backslash and double quote escaped, so any password works. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A short description for the workspace header, e.g. "SASL_SSL, SCRAM-SHA-512 as alice". */
    public static String summary(SecuritySettings s) {
        if (s.protocol() == Protocol.PLAINTEXT) {
            return "";
        }
        return s.protocol().usesSasl()
                ? s.protocol() + ", " + s.saslMechanism() + " as " + s.username()
                : s.protocol().name();
    }
}
