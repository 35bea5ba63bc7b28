package io.partita.app.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.core.SecuritySettings.Protocol;
import io.partita.app.client.core.SecuritySettings.SaslMechanism;
import io.partita.app.client.core.SecuritySettings.StoreType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path home;

    private final Preferences node = Preferences.userRoot().node("io/partita/test/" + UUID.randomUUID());

    @AfterEach
    void removeNode() throws Exception {
        node.removeNode();
    }

    private ProfileStore store() {
        return new ProfileStore(node, home.resolve("credentials.properties"));
    }

    private static ConnectionProfile prod(String password) {
        return ConnectionProfile.remote(
                "prod / eu",
                "b1:9096,b2:9096",
                SecuritySettings.sasl(Protocol.SASL_SSL, SaslMechanism.SCRAM_SHA_512, "alice", password)
                        .withTruststore("/certs/ca.p12", StoreType.PKCS12, "trust-pw")
                        .withVerifyHostname(false));
    }

    @Test
    void withoutRememberPasswordsNoPasswordIsWrittenAnywhere() throws Exception {
        store().save(prod("s3cret"), false);

        ConnectionProfile read = store().find("prod / eu").orElseThrow();
        assertThat(read.bootstrapServers()).isEqualTo("b1:9096,b2:9096");
        assertThat(read.security()).isEqualTo(prod("s3cret").security().withoutSecrets());
        assertThat(store().remembersPasswords("prod / eu")).isFalse();
        assertThat(home.resolve("credentials.properties")).doesNotExist();
        for (String child : node.childrenNames()) {
            Preferences p = node.node(child);
            assertThat(Arrays.stream(p.keys()).map(k -> p.get(k, ""))).doesNotContain("s3cret", "trust-pw");
        }
    }

    @Test
    void rememberedPasswordsLiveInAnOwnerOnlyFileAndGoWhenNoLongerRemembered() throws Exception {
        store().save(prod("s3cret"), true);

        Path file = home.resolve("credentials.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("s3cret", "trust-pw");
        assertThat(store().find("prod / eu").orElseThrow().security())
                .isEqualTo(prod("s3cret").security());
        assertThat(store().remembersPasswords("prod / eu")).isTrue();

        store().save(prod("s3cret"), false);
        assertThat(Files.readString(file)).doesNotContain("s3cret", "trust-pw");
        assertThat(store().find("prod / eu").orElseThrow().security().password())
                .isEmpty();
    }

    @Test
    void listsByNameAndDeletesWithThePasswords() throws Exception {
        store().save(ConnectionProfile.remote("zeta", "z:9092", SecuritySettings.NONE), false);
        store().save(prod("s3cret"), true);
        store().save(ConnectionProfile.remote("Alpha", "a:9092", SecuritySettings.NONE), false);
        assertThat(store().list()).extracting(ConnectionProfile::name).containsExactly("Alpha", "prod / eu", "zeta");

        store().delete("prod / eu");
        assertThat(store().list()).extracting(ConnectionProfile::name).containsExactly("Alpha", "zeta");
        assertThat(Files.readString(home.resolve("credentials.properties"))).doesNotContain("s3cret");
    }
}
