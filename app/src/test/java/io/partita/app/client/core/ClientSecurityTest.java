package io.partita.app.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.core.SecuritySettings.Protocol;
import io.partita.app.client.core.SecuritySettings.SaslMechanism;
import io.partita.app.client.core.SecuritySettings.StoreType;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class ClientSecurityTest {

    @Test
    void plaintextSetsOnlyTheProtocol() {
        assertThat(ClientSecurity.properties(SecuritySettings.NONE))
                .containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslPlainQuotesAnyPasswordForJaas() {
        Map<String, Object> p = ClientSecurity.properties(
                SecuritySettings.sasl(Protocol.SASL_PLAINTEXT, SaslMechanism.PLAIN, "alice", "pa\"ss\\word;"));
        assertThat(p)
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required "
                                + "username=\"alice\" password=\"pa\\\"ss\\\\word;\";")
                .doesNotContainKey("ssl.truststore.location");
    }

    @Test
    void saslSslWithScramUsesTheScramModuleAndTheTruststore() {
        SecuritySettings s = SecuritySettings.sasl(Protocol.SASL_SSL, SaslMechanism.SCRAM_SHA_512, "bob", "x")
                .withTruststore("/certs/ca.p12", StoreType.PKCS12, "changeit");
        Map<String, Object> p = ClientSecurity.properties(s);
        assertThat(p)
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/certs/ca.p12")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "changeit")
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
        assertThat((String) p.get("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bob\"");
    }

    @Test
    void tlsWithoutTruststoreTrustsTheSystemCasAndHostNameCheckCanBeTurnedOff() {
        SecuritySettings s = new SecuritySettings(Protocol.SSL, null, "", "", "", null, "", "", null, "", false);
        assertThat(ClientSecurity.properties(s))
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.endpoint.identification.algorithm", "")
                .doesNotContainKeys("ssl.truststore.location", "ssl.keystore.location", "sasl.mechanism");
    }

    @Test
    void mutualTlsAddsTheKeystoreAndAPemKeyGetsOnlyAKeyPassword() {
        SecuritySettings jks = SecuritySettings.tls("/c/trust.jks", StoreType.JKS, "t")
                .withKeystore("/c/client.jks", StoreType.JKS, "k");
        assertThat(ClientSecurity.properties(jks))
                .containsEntry("ssl.keystore.location", "/c/client.jks")
                .containsEntry("ssl.keystore.type", "JKS")
                .containsEntry("ssl.keystore.password", "k")
                .containsEntry("ssl.key.password", "k");
        SecuritySettings pem = SecuritySettings.tls("/c/ca.pem", StoreType.PEM, "")
                .withKeystore("/c/client.pem", StoreType.PEM, "keypass");
        assertThat(ClientSecurity.properties(pem))
                .containsEntry("ssl.keystore.type", "PEM")
                .containsEntry("ssl.key.password", "keypass")
                .doesNotContainKeys("ssl.keystore.password", "ssl.truststore.password");
    }

    @Test
    void everyPropertyIsOneTheAdminClientKnows() {
        SecuritySettings all = SecuritySettings.sasl(Protocol.SASL_SSL, SaslMechanism.SCRAM_SHA_256, "u", "p")
                .withTruststore("/t.p12", StoreType.PKCS12, "t")
                .withKeystore("/k.p12", StoreType.PKCS12, "k");
        ConfigDef admin = AdminClientConfig.configDef();
        assertThat(ClientSecurity.properties(all).keySet())
                .allSatisfy(k -> assertThat(admin.names()).contains(k));
    }

    @Test
    void missingSaslCredentialsAreNamedBeforeConnecting() {
        assertThat(SecuritySettings.sasl(Protocol.SASL_SSL, SaslMechanism.PLAIN, "", "")
                        .problem())
                .isEqualTo("Enter the SASL user name.");
        assertThat(SecuritySettings.sasl(Protocol.SASL_SSL, SaslMechanism.PLAIN, "alice", "")
                        .problem())
                .isEqualTo("Enter the password for alice.");
        assertThat(SecuritySettings.sasl(Protocol.SASL_SSL, SaslMechanism.PLAIN, "alice", "s")
                        .problem())
                .isEmpty();
        assertThat(SecuritySettings.sasl(Protocol.SASL_SSL, SaslMechanism.PLAIN, "alice", "secret")
                        .toString())
                .doesNotContain("secret");
    }
}
