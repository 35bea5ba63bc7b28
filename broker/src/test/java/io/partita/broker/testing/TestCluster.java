package io.partita.broker.testing;

import io.partita.broker.local.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Time;

/** A local cluster in a temporary directory, removed again on close. */
public final class TestCluster implements AutoCloseable {
    private final Path directory;
    private final LocalCluster cluster;

    private TestCluster(Path directory, LocalCluster cluster) {
        this.directory = directory;
        this.cluster = cluster;
    }

    public static TestCluster start(int nodes, Map<String, String> overrides) throws Exception {
        return start(nodes, overrides, Time.SYSTEM);
    }

    /** In-process nodes on {@code time} (a {@link ManualTime}, for a test that moves time instead of waiting). */
    public static TestCluster start(int nodes, Map<String, String> overrides, Time time) throws Exception {
        Path dir = Files.createTempDirectory("partita-test-");
        LocalCluster cluster = new LocalCluster(
                LocalCluster.Settings.of(nodes, dir).withOverrides(overrides).withTime(time));
        return new TestCluster(dir, cluster.start());
    }

    public static TestCluster startChildJvms(int nodes, Map<String, String> overrides) throws Exception {
        return startChildJvms(nodes, overrides, LocalCluster.Settings.DEFAULT_CHILD_JVM_OPTIONS);
    }

    public static TestCluster startChildJvms(int nodes, Map<String, String> overrides, List<String> jvmOptions)
            throws Exception {
        Path dir = Files.createTempDirectory("partita-test-");
        LocalCluster cluster = new LocalCluster(LocalCluster.Settings.of(nodes, dir)
                .withOverrides(overrides)
                .withChildJvms(true)
                .withChildJvmOptions(jvmOptions));
        return new TestCluster(dir, cluster.start());
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public String bootstrap() {
        return cluster.bootstrapServers();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
