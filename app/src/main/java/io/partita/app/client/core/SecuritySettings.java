package io.partita.app.client.core;

import java.util.Objects;

/**
 * How a client proves who it is and protects the wire: Kafka's {@code security.protocol}, a SASL mechanism with user
 * name and password, and TLS stores. Plain data, no kafka-clients types: {@link ClientSecurity} maps it to client
 * properties. Paths and passwords may be empty (not used, or not given yet).
 */
public record SecuritySettings(
        Protocol protocol,
        SaslMechanism saslMechanism,
        String username,
        String password,
        String truststorePath,
        StoreType truststoreType,
        String truststorePassword,
        String keystorePath,
        StoreType keystoreType,
        String keystorePassword,
        boolean verifyHostname) {

    /** Kafka's security protocols, named as in {@code security.protocol}. */
    public enum Protocol {
        PLAINTEXT,
        SSL,
        SASL_PLAINTEXT,
        SASL_SSL;

        public boolean usesSasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        public boolean usesTls() {
            return this == SSL || this == SASL_SSL;
        }
    }

    /** The SASL mechanisms Partita offers, named as in {@code sasl.mechanism}. */
    public enum SaslMechanism {
        PLAIN("PLAIN"),
        SCRAM_SHA_256("SCRAM-SHA-256"),
        SCRAM_SHA_512("SCRAM-SHA-512");

        private final String kafkaName;

        SaslMechanism(String kafkaName) {
            this.kafkaName = kafkaName;
        }

        public String kafkaName() {
            return kafkaName;
        }

        @Override
        public String toString() {
            return kafkaName;
        }
    }

    /** Key and trust store formats Kafka's default SSL engine factory reads. */
    public enum StoreType {
        PKCS12,
        JKS,
        PEM
    }

    /** No authentication, no encryption: Kafka's default. */
    public static final SecuritySettings NONE = new SecuritySettings(
            Protocol.PLAINTEXT, SaslMechanism.PLAIN, "", "", "", StoreType.PKCS12, "", "", StoreType.PKCS12, "", true);

    public SecuritySettings {
        Objects.requireNonNull(protocol, "protocol");
        saslMechanism = saslMechanism == null ? SaslMechanism.PLAIN : saslMechanism;
        username = clean(username);
        password = password == null ? "" : password;
        truststorePath = clean(truststorePath);
        truststoreType = truststoreType == null ? StoreType.PKCS12 : truststoreType;
        truststorePassword = truststorePassword == null ? "" : truststorePassword;
        keystorePath = clean(keystorePath);
        keystoreType = keystoreType == null ? StoreType.PKCS12 : keystoreType;
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
    }

    public static SecuritySettings sasl(Protocol protocol, SaslMechanism mechanism, String username, String password) {
        return new SecuritySettings(
                protocol, mechanism, username, password, "", StoreType.PKCS12, "", "", StoreType.PKCS12, "", true);
    }

    public static SecuritySettings tls(String truststorePath, StoreType type, String truststorePassword) {
        return new SecuritySettings(
                Protocol.SSL,
                SaslMechanism.PLAIN,
                "",
                "",
                truststorePath,
                type,
                truststorePassword,
                "",
                StoreType.PKCS12,
                "",
                true);
    }

    public SecuritySettings withProtocol(Protocol p) {
        return new SecuritySettings(
                p,
                saslMechanism,
                username,
                password,
                truststorePath,
                truststoreType,
                truststorePassword,
                keystorePath,
                keystoreType,
                keystorePassword,
                verifyHostname);
    }

    public SecuritySettings withTruststore(String path, StoreType type, String storePassword) {
        return new SecuritySettings(
                protocol,
                saslMechanism,
                username,
                password,
                path,
                type,
                storePassword,
                keystorePath,
                keystoreType,
                keystorePassword,
                verifyHostname);
    }

    public SecuritySettings withKeystore(String path, StoreType type, String storePassword) {
        return new SecuritySettings(
                protocol,
                saslMechanism,
                username,
                password,
                truststorePath,
                truststoreType,
                truststorePassword,
                path,
                type,
                storePassword,
                verifyHostname);
    }

    public SecuritySettings withVerifyHostname(boolean verify) {
        return new SecuritySettings(
                protocol,
                saslMechanism,
                username,
                password,
                truststorePath,
                truststoreType,
                truststorePassword,
                keystorePath,
                keystoreType,
                keystorePassword,
                verify);
    }

    /** The same settings without any password: what may be written to the preferences. */
    public SecuritySettings withoutSecrets() {
        return new SecuritySettings(
                protocol,
                saslMechanism,
                username,
                "",
                truststorePath,
                truststoreType,
                "",
                keystorePath,
                keystoreType,
                "",
                verifyHostname);
    }

    /** The same settings with the secrets of {@code other} (the ones remembered or typed at connect time). */
    public SecuritySettings withSecretsOf(Secrets other) {
        return new SecuritySettings(
                protocol,
                saslMechanism,
                username,
                other.password(),
                truststorePath,
                truststoreType,
                other.truststorePassword(),
                keystorePath,
                keystoreType,
                other.keystorePassword(),
                verifyHostname);
    }

    public Secrets secrets() {
        return new Secrets(password, truststorePassword, keystorePassword);
    }

    /** True when a mutual-TLS client certificate is configured. */
    public boolean hasKeystore() {
        return !keystorePath.isEmpty();
    }

    /**
     * What is missing before a connection can be tried, in words for the user, or "" when nothing is. Files are
     * checked by the gateway, off the FX thread.
     */
    public String problem() {
        if (protocol.usesSasl()) {
            if (username.isEmpty()) {
                return "Enter the SASL user name.";
            }
            if (password.isEmpty()) {
                return "Enter the password for " + username + ".";
            }
        }
        if (protocol.usesTls() && truststoreType == StoreType.PEM && !truststorePassword.isEmpty()) {
            return "A PEM truststore has no password; clear the truststore password.";
        }
        return "";
    }

    /** The passwords of a profile: kept apart, because they are stored only when the user asks. */
    public record Secrets(String password, String truststorePassword, String keystorePassword) {
        public static final Secrets NONE = new Secrets("", "", "");

        public Secrets {
            password = password == null ? "" : password;
            truststorePassword = truststorePassword == null ? "" : truststorePassword;
            keystorePassword = keystorePassword == null ? "" : keystorePassword;
        }

        public boolean isEmpty() {
            return password.isEmpty() && truststorePassword.isEmpty() && keystorePassword.isEmpty();
        }

        @Override
        public String toString() {
            return "Secrets[hidden]"; // never in a log line
        }
    }

    @Override
    public String toString() {
        // Never print a password (profiles are logged when reopened).
        return "SecuritySettings[" + protocol + (protocol.usesSasl() ? " " + saslMechanism + " user " + username : "")
                + (protocol.usesTls()
                        ? " truststore " + (truststorePath.isEmpty() ? "(system)" : truststorePath)
                                + (hasKeystore() ? " keystore " + keystorePath : "") + " verifyHostname "
                                + verifyHostname
                        : "")
                + "]";
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
