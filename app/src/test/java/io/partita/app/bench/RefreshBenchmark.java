package io.partita.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partita.app.WorkspaceView;
import io.partita.app.WorkspaceViewModel;
import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.core.AdminTraffic;
import io.partita.app.client.core.Connection;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Figures for the README (not a test): what one background refresh of the workspace costs on a local
 * three-node cluster with 500 partitions and then with 5,000: the requests and bytes the app's admin client
 * exchanges, the time until every view has its answer, and the FX Application Thread's CPU time (the view
 * models applying the answers plus the CSS, layout and rendering they cause), per visible tab.
 *
 * <pre>mvn -B -Pbench -pl app -am verify -Dtest=RefreshBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
class RefreshBenchmark {
    private static final int WARM_UP = 3;
    private static final int REFRESHES = 10;
    private static final List<String> TABS = List.of("map", "topics", "groups");

    @Test
    void oneRefreshWithFiveHundredAndWithFiveThousandPartitions() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path dir = Files.createTempDirectory("partita-refresh-bench-");
        ClusterGateway gateway = new ClusterGateway(Platform::runLater);
        try {
            Connection connection =
                    gateway.startLocalCluster(3, dir, line -> {}).get(3, TimeUnit.MINUTES);
            try (Admin admin = Admin.create(adminProperties(connection.bootstrapServers()))) {
                createTopics(gateway, 0, 10, 50);
                committedGroup(admin, "bench-group", 10, 50);
                awaitLeaders(gateway, 500);
                measure(gateway, connection, 500);

                createTopics(gateway, 10, 55, 100);
                awaitLeaders(gateway, 5_000);
                measure(gateway, connection, 5_000);
            }
        } finally {
            gateway.close();
        }
    }

    private static void measure(ClusterGateway gateway, Connection connection, int partitions) throws Exception {
        WorkspaceViewModel workspace = onFx(() -> new WorkspaceViewModel(gateway, connection));
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new WorkspaceView(workspace, () -> {}), 1280, 800));
            stage.show();
        });
        long fxThread = onFx(() -> Thread.currentThread().getId());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(
                "%nOne workspace refresh, local 3-node cluster, %,d partitions (+50 of __consumer_offsets),"
                        + " one group committed on 500 partitions; %d refreshes after %d to warm up:%n",
                partitions, REFRESHES, WARM_UP);
        for (String tab : TABS) {
            onFx(() -> {
                workspace.selectedTabProperty().set(tab);
                return null;
            });
            long[] requests = new long[REFRESHES];
            long[] received = new long[REFRESHES];
            long[] wall = new long[REFRESHES];
            long[] fxCpu = new long[REFRESHES];
            for (int i = -WARM_UP; i < REFRESHES; i++) {
                AdminTraffic before = gateway.adminTraffic();
                long cpuBefore = threads.getThreadCpuTime(fxThread);
                long t0 = System.nanoTime();
                onFx(workspace::refresh).get(60, TimeUnit.SECONDS);
                long took = System.nanoTime() - t0;
                WaitForAsyncUtils.waitForFxEvents(); // the pulse that styles, lays out and draws the answer
                long cpu = threads.getThreadCpuTime(fxThread) - cpuBefore;
                AdminTraffic traffic = gateway.adminTraffic().since(before);
                assertThat(onFx(() -> workspace.problemProperty().get())).isEmpty();
                if (i >= 0) {
                    requests[i] = traffic.requests();
                    received[i] = traffic.bytesReceived();
                    wall[i] = took;
                    fxCpu[i] = cpu;
                }
            }
            System.out.printf(
                    "  %-7s requests %s, received %s KB, answered in p50 %s ms, FX-thread CPU p50 %s ms (max %s ms)%n",
                    tab,
                    median(requests),
                    median(received) / 1024,
                    median(wall) / 1_000_000,
                    String.format("%.1f", median(fxCpu) / 1e6),
                    String.format("%.1f", max(fxCpu) / 1e6));
        }
        FxToolkit.cleanupStages();
    }

    private static void createTopics(ClusterGateway gateway, int from, int to, int partitions) throws Exception {
        for (int t = from; t < to; t++) {
            gateway.topics()
                    .createTopic(String.format("topic-%02d", t), partitions, (short) 3)
                    .get(2, TimeUnit.MINUTES);
        }
    }

    /** A group with no members that committed offsets on the first {@code topics} topics' partitions. */
    private static void committedGroup(Admin admin, String group, int topics, int partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (int t = 0; t < topics; t++) {
            for (int p = 0; p < partitions; p++) {
                offsets.put(new TopicPartition(String.format("topic-%02d", t), p), new OffsetAndMetadata(0));
            }
        }
        admin.alterConsumerGroupOffsets(group, offsets).all().get(2, TimeUnit.MINUTES);
    }

    private static void awaitLeaders(ClusterGateway gateway, int partitions) {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    List<PartitionRow> rows = gateway.cluster()
                            .clusterMap()
                            .get(30, TimeUnit.SECONDS)
                            .rows();
                    return rows.stream()
                                    .filter(r -> !r.internal()
                                            && r.leader() != PartitionRow.NO_LEADER
                                            && r.isr().size() == 3)
                                    .count()
                            == partitions;
                });
    }

    private static Properties adminProperties(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return props;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static <T> T onFx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
    }
}
