package io.partita.app.bench;

import static org.awaitility.Awaitility.await;

import io.partita.app.AppPreferences;
import io.partita.app.PartitaApp;
import io.partita.app.cluster.BrokerInfo;
import io.partita.app.cluster.ClusterMap;
import io.partita.app.cluster.ClusterMapView;
import io.partita.app.cluster.ClusterMapViewModel;
import io.partita.app.cluster.ClusterOverview;
import io.partita.app.cluster.PartitionRow;
import io.partita.app.connection.ClusterGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Figures for the README (not a test): FX-thread time per cluster-map update with 1,000 partitions, and the
 * time from "start a local three-node cluster" to a map with its three brokers.
 *
 * <pre>mvn -B -Pbench -pl app -am verify -Dtest=ClusterMapBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
class ClusterMapBenchmark {
    private static final int BROKERS = 3;
    private static final int TOPICS = 20;
    private static final int PARTITIONS_PER_TOPIC = 50;
    private static final int UPDATES = 300;
    private static final int WARM_UP = 300;

    @Test
    void fxThreadTimePerUpdateWithAThousandPartitions() throws Exception {
        FxToolkit.registerPrimaryStage();
        ClusterMapViewModel model = new ClusterMapViewModel(new ClusterGateway(Runnable::run));
        Random random = new Random(42);
        List<PartitionRow> rows = initialRows();
        ClusterOverview overview = new ClusterOverview("bench", List.of(new BrokerInfo(0, "127.0.0.1", 9092, null, true),
                new BrokerInfo(1, "127.0.0.1", 9093, null, false), new BrokerInfo(2, "127.0.0.1", 9094, null, false)));
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new ClusterMapView(model), 1200, 760));
            stage.show();
        });
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        onFx(() -> model.apply(ClusterMap.of(overview, rows, Map.of())), stage);

        // A typical refresh: a broker died or returned, so a handful of partitions changed leader and ISR.
        // The first WARM_UP updates let the JIT compile the path; the rest are measured.
        long[] nanos = new long[UPDATES];
        for (int u = -WARM_UP; u < UPDATES; u++) {
            for (int k = 0; k < 10; k++) {
                int i = random.nextInt(rows.size());
                PartitionRow r = rows.get(i);
                int leader = r.replicas().get(random.nextInt(BROKERS));
                rows.set(i, new PartitionRow(r.topic(), r.partition(), r.replicas(), leader,
                        random.nextBoolean() ? r.replicas() : List.of(leader), List.of(), false));
            }
            // The app builds the map on the admin client's thread; only apply() and the pulse run on the FX thread.
            ClusterMap next = ClusterMap.of(overview, List.copyOf(rows), Map.of());
            long took = onFx(() -> model.apply(next), stage);
            if (u >= 0) {
                nanos[u] = took;
            }
        }
        // The worst case: every partition changed at once.
        List<PartitionRow> moved = new ArrayList<>();
        for (PartitionRow r : rows) {
            moved.add(new PartitionRow(r.topic(), r.partition(), r.replicas(), r.replicas().get(2), List.of(r.replicas().get(2)),
                    List.of(), false));
        }
        ClusterMap allMoved = ClusterMap.of(overview, moved, Map.of());
        long all = onFx(() -> model.apply(allMoved), stage);
        Arrays.sort(nanos);
        System.out.printf("%nCluster map, %d partitions x %d brokers, %d updates of 10 changed partitions each (after %d to warm up):%n",
                rows.size(), BROKERS, UPDATES, WARM_UP);
        System.out.printf("  FX-thread time per update (apply + CSS + layout): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                ms(nanos[UPDATES / 2]), ms(nanos[UPDATES * 99 / 100]), ms(nanos[UPDATES - 1]));
        System.out.printf("  every partition changed at once: %.2f ms%n%n", ms(all));
        FxToolkit.cleanupStages();
    }

    /**
     * The user's wait: the app launched with fresh settings (its welcome screen), one click on Start local
     * cluster, until the map shows three live brokers. The JVM and JavaFX toolkit start before the clock (the
     * same for every JavaFX app, about a second here).
     */
    @Test
    void launchToAMapOfAFreshThreeNodeCluster() throws Exception {
        Path home = Files.createTempDirectory("partita-bench-");
        String prefsNode = "io/partita/bench/" + java.util.UUID.randomUUID();
        System.setProperty(AppPreferences.HOME_PROPERTY, home.toString());
        System.setProperty(AppPreferences.PREFS_PROPERTY, prefsNode);
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        FxRobot robot = new FxRobot();
        long launched = System.nanoTime();
        PartitaApp app = (PartitaApp) FxToolkit.setupApplication(PartitaApp.class);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> onFx(() -> robot.lookup("#start-local").tryQuery().map(Node::isVisible).orElse(false)));
        long welcome = System.nanoTime();
        robot.clickOn("#start-local");
        long clicked = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> onFx(() ->
                robot.lookup(".broker-up").queryAll().size() == 3));
        long usable = System.nanoTime();
        System.out.printf("%nLaunch to a usable map of a fresh local 3-node cluster: %.1f s "
                        + "(app launch to welcome screen %.2f s; click to a map with 3 live brokers %.1f s)%n%n",
                (usable - launched - (clicked - welcome)) / 1e9, (welcome - launched) / 1e9, (usable - clicked) / 1e9);
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        java.util.prefs.Preferences.userRoot().node(prefsNode).removeNode();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static List<PartitionRow> initialRows() {
        List<PartitionRow> rows = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            for (int p = 0; p < PARTITIONS_PER_TOPIC; p++) {
                List<Integer> replicas = List.of(p % BROKERS, (p + 1) % BROKERS, (p + 2) % BROKERS);
                rows.add(new PartitionRow(String.format("topic-%02d", t), p, replicas, replicas.get(0), replicas,
                        List.of(), false));
            }
        }
        return rows;
    }

    /** Runs {@code change} on the FX thread followed by the CSS and layout pass it causes; returns the nanos. */
    private static long onFx(Runnable change, Stage stage) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            long t0 = System.nanoTime();
            change.run();
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return System.nanoTime() - t0;
        }).get(30, TimeUnit.SECONDS);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
