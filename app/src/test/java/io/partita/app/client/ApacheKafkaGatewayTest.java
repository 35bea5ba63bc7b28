package io.partita.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.core.Connection;
import io.partita.app.client.core.ConnectionProfile;
import io.partita.app.client.core.SecuritySettings;
import io.partita.app.client.core.SecuritySettings.Protocol;
import io.partita.app.client.core.SecuritySettings.SaslMechanism;
import io.partita.app.client.core.SecuritySettings.StoreType;
import io.partita.app.testing.RealKafka;
import io.partita.broker.testing.ApacheKafka;
import io.partita.broker.testing.TestCertificates;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway against a real Apache Kafka: SASL PLAIN, SCRAM, TLS, and the messages for what goes wrong. */
@ExtendWith(RealKafka.class)
@Tag("integration")
class ApacheKafkaGatewayTest {
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);

    @AfterEach
    void close() {
        gateway.close();
    }

    private static ConnectionProfile sasl(SaslMechanism mechanism, String user, String password) {
        return ConnectionProfile.remote(
                "",
                RealKafka.kafka().saslBootstrap(),
                SecuritySettings.sasl(Protocol.SASL_PLAINTEXT, mechanism, user, password));
    }

    private static ConnectionProfile tls(Path truststore, String password) {
        return ConnectionProfile.remote(
                "",
                RealKafka.kafka().sslBootstrap(),
                SecuritySettings.tls(truststore.toString(), StoreType.PKCS12, password));
    }

    private Throwable failureOf(CompletableFuture<?> attempt) {
        return assertThatThrownBy(attempt::join)
                .isInstanceOf(CompletionException.class)
                .actual()
                .getCause();
    }

    @Test
    void saslPlainConnectsAndTheViewsQueriesWork() {
        Connection c = gateway.connect(
                        sasl(SaslMechanism.PLAIN, ApacheKafka.PLAIN_USER, ApacheKafka.PLAIN_PASSWORD), null)
                .join();
        assertThat(c.clusterId()).isNotBlank();
        assertThat(gateway.cluster().describeCluster().join().brokers()).hasSize(1);
    }

    @Test
    void scramConnects() {
        Connection c = gateway.connect(
                        sasl(SaslMechanism.SCRAM_SHA_256, ApacheKafka.SCRAM_USER, ApacheKafka.SCRAM_PASSWORD), null)
                .join();
        assertThat(gateway.cluster().describeCluster().join().clusterId()).isEqualTo(c.clusterId());
    }

    @Test
    void aWrongPasswordSaysSo() {
        Throwable failure = failureOf(
                gateway.connect(sasl(SaslMechanism.SCRAM_SHA_256, ApacheKafka.SCRAM_USER, "not-the-password"), null));
        assertThat(failure)
                .isInstanceOf(ClusterGateway.ConnectionFailedException.class)
                .hasMessage(
                        "Authentication failed: the cluster did not accept the user name or password for bob (SCRAM-SHA-256).");
        assertThat(gateway.connection()).isNull();

        // The same through Test connection, and for PLAIN.
        assertThat(failureOf(gateway.testConnection(sasl(SaslMechanism.PLAIN, ApacheKafka.PLAIN_USER, "wrong"))))
                .hasMessageStartingWith("Authentication failed: the cluster did not accept the user name or password");
    }

    @Test
    void tlsWithTheClustersTruststoreConnectsAndTheHostNameIsVerified() {
        TestCertificates certs = RealKafka.kafka().certificates();
        Connection c =
                gateway.connect(tls(certs.truststore(), certs.password()), null).join();
        assertThat(c.clusterId()).isNotBlank();
        assertThat(gateway.cluster().describeCluster().join().brokers()).hasSize(1);
    }

    @Test
    void aPemTruststoreWorksToo() {
        ConnectionProfile pem = ConnectionProfile.remote(
                "",
                RealKafka.kafka().sslBootstrap(),
                SecuritySettings.tls(
                        RealKafka.kafka().certificates().certificatePem().toString(), StoreType.PEM, ""));
        assertThat(gateway.testConnection(pem).join().brokers()).isEqualTo(1);
    }

    @Test
    void anUntrustedCertificateSaysSo() {
        // No truststore chosen: the JDK's public CAs decide, and they do not know the cluster's self-signed one.
        Throwable failure = failureOf(gateway.connect(
                ConnectionProfile.remote(
                        "", RealKafka.kafka().sslBootstrap(), SecuritySettings.tls("", StoreType.PKCS12, "")),
                null));
        assertThat(failure)
                .hasMessage("TLS handshake failed: the server's certificate is not trusted. Choose a "
                        + "truststore that holds the cluster's CA certificate.");
        assertThat(gateway.connection()).isNull();
    }

    @Test
    void testConnectionReportsTheClusterWithoutConnecting() {
        TestCertificates certs = RealKafka.kafka().certificates();
        ClusterGateway.ClusterCheck check = gateway.testConnection(tls(certs.truststore(), certs.password()))
                .join();
        assertThat(check.clusterId()).isNotBlank();
        assertThat(check.brokers()).isEqualTo(1);
        assertThat(gateway.connection()).isNull();
    }

    @Test
    void aMissingTruststoreAndAWrongStorePasswordAreNamed() {
        assertThat(failureOf(gateway.testConnection(tls(Path.of("/no/such/truststore.p12"), "x"))))
                .hasMessage("The truststore file /no/such/truststore.p12 does not exist or cannot be read.");
        TestCertificates certs = RealKafka.kafka().certificates();
        assertThat(failureOf(gateway.testConnection(tls(certs.truststore(), "wrong-password"))))
                .hasMessage("A key or trust store could not be opened: its password is wrong.");
    }

    @Test
    void aListenerThatDoesNotAnswerIsReportedWithinTheTestTimeout() {
        // The SASL listener, spoken to without SASL: Kafka never answers, so the test times out, bounded.
        long start = System.nanoTime();
        Throwable failure = failureOf(gateway.testConnection(
                ConnectionProfile.remote("", RealKafka.kafka().saslBootstrap(), SecuritySettings.NONE)));
        assertThat(failure.getMessage())
                .startsWith("No answer from " + RealKafka.kafka().saslBootstrap() + " within 8 s.");
        assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
    }
}
