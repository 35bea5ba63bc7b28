package io.partita.broker.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.kafka.common.errors.InconsistentClusterIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeMetadataTest {

    @Test
    void aDataDirectoryKeepsTheClusterAndNodeItBelongsTo(@TempDir Path dir) throws Exception {
        NodeMetadata.checkOrWrite(dir, "cluster-a", 1);
        assertThatCode(() -> NodeMetadata.checkOrWrite(dir, "cluster-a", 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> NodeMetadata.checkOrWrite(dir, "cluster-b", 1))
                .isInstanceOf(InconsistentClusterIdException.class)
                .hasMessageContaining("cluster-a");
        assertThatThrownBy(() -> NodeMetadata.checkOrWrite(dir, "cluster-a", 2))
                .isInstanceOf(IllegalStateException.class);
    }
}
