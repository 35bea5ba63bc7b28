package io.partita.app.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The header's title names the cluster; its second line lists the servers, so the title does not repeat them. */
@Tag("integration")
class ConnectionTest {
    @Test
    void aLocalClusterIsNamedByItsSize() {
        assertThat(new Connection(ConnectionProfile.local(3), "127.0.0.1:9092", "id").title())
                .isEqualTo("Local cluster (3 nodes)");
        assertThat(new Connection(ConnectionProfile.local(1), "127.0.0.1:9092", "id").title())
                .isEqualTo("Local cluster (1 node)");
    }

    @Test
    void aSavedConnectionIsNamedByItsName() {
        ConnectionProfile saved = ConnectionProfile.remote("staging", "k1:9092,k2:9092", SecuritySettings.NONE);
        assertThat(new Connection(saved, "k1:9092,k2:9092", "id").title()).isEqualTo("staging");
    }

    @Test
    void anUnnamedConnectionIsNamedByItsFirstServer() {
        assertThat(new Connection(ConnectionProfile.remote("k1:9092"), "k1:9092", "id").title())
                .isEqualTo("Cluster at k1:9092");
        assertThat(new Connection(
                                ConnectionProfile.remote("k1:9092, k2:9092,k3:9092"), "k1:9092, k2:9092,k3:9092", "id")
                        .title())
                .isEqualTo("Cluster at k1:9092 and 2 more");
    }
}
