package io.partita.app.bench;

import static org.awaitility.Awaitility.await;

import io.partita.app.AppFiles;
import io.partita.app.AppPreferences;
import io.partita.app.PartitaApp;
import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.BrokerInfo;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.ClusterOverview;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.cluster.ClusterMapView;
import io.partita.app.cluster.ClusterMapViewModel;
import io.partita.app.cluster.PartitionLogViewModel;
import io.partita.app.timeline.TimelineView;
import io.partita.app.timeline.TimelineViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
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
    private static final int NODE_DEATHS = 100;

    @Test
    void fxThreadTimePerUpdateWithAThousandPartitions() throws Exception {
        FxToolkit.registerPrimaryStage();
        ClusterGateway gateway = new ClusterGateway(Runnable::run);
        ClusterMapViewModel model = new ClusterMapViewModel(gateway.cluster());
        Random random = new Random(42);
        List<PartitionRow> rows = initialRows();
        ClusterOverview overview = new ClusterOverview(
                "bench",
                List.of(
                        new BrokerInfo(0, "127.0.0.1", 9092, null, true),
                        new BrokerInfo(1, "127.0.0.1", 9093, null, false),
                        new BrokerInfo(2, "127.0.0.1", 9094, null, false)));
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(
                    new ClusterMapView(
                            model,
                            new PartitionLogViewModel(gateway.cluster(), gateway.groups()),
                            new TimelineView(new TimelineViewModel(gateway.timeline()))),
                    1200,
                    760));
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
                rows.set(
                        i,
                        new PartitionRow(
                                r.topic(),
                                r.partition(),
                                r.replicas(),
                                leader,
                                random.nextBoolean() ? r.replicas() : List.of(leader),
                                List.of(),
                                false));
            }
            // The app builds the map on the admin client's thread; only apply() and the pulse run on the FX thread.
            ClusterMap next = ClusterMap.of(overview, List.copyOf(rows), Map.of());
            long took = onFx(() -> model.apply(next), stage);
            if (u >= 0) {
                nanos[u] = took;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%nCluster map, %d partitions x %d brokers, %d updates of 10 changed partitions each (after %d to warm up):%n",
                rows.size(), BROKERS, UPDATES, WARM_UP);
        System.out.printf(
                "  FX-thread time per update (apply + CSS + layout): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                ms(nanos[UPDATES / 2]), ms(nanos[UPDATES * 99 / 100]), ms(nanos[UPDATES - 1]));

        // The largest update the cluster makes: a broker dies (its column goes down, every replica on it goes
        // offline, the partitions it led get new leaders, its replicas leave every ISR), then it returns.
        ClusterMap healthy = ClusterMap.of(overview, initialRows(), Map.of());
        ClusterMap brokerDown = brokerDown(overview, initialRows(), 2);
        long[] deaths = new long[NODE_DEATHS];
        for (int d = -NODE_DEATHS; d < NODE_DEATHS; d++) {
            long died = onFx(() -> model.apply(brokerDown), stage);
            onFx(() -> model.apply(healthy), stage);
            if (d >= 0) {
                deaths[d] = died;
            }
        }
        Arrays.sort(deaths);
        System.out.printf(
                "  a broker dies (every partition changes, the broker's column goes down), %d times after %d to warm up:%n"
                        + "    p50 %.2f ms, p99 %.2f ms, max %.2f ms%n%n",
                NODE_DEATHS,
                NODE_DEATHS,
                ms(deaths[NODE_DEATHS / 2]),
                ms(deaths[NODE_DEATHS * 99 / 100]),
                ms(deaths[NODE_DEATHS - 1]));
        FxToolkit.cleanupStages();
    }

    private static ClusterMap brokerDown(ClusterOverview overview, List<PartitionRow> rows, int dead) {
        List<PartitionRow> after = new ArrayList<>();
        for (PartitionRow r : rows) {
            List<Integer> isr = r.isr().stream().filter(b -> b != dead).toList();
            after.add(new PartitionRow(
                    r.topic(),
                    r.partition(),
                    r.replicas(),
                    r.leader() == dead ? isr.get(0) : r.leader(),
                    isr,
                    List.of(dead),
                    false));
        }
        List<BrokerInfo> live =
                overview.brokers().stream().filter(b -> b.id() != dead).toList();
        return ClusterMap.of(
                new ClusterOverview(overview.clusterId(), live), after, Map.of(dead, "127.0.0.1:" + (9092 + dead)));
    }

    /**
     * The user's wait: the app launched with fresh settings (its welcome screen), one click on Start local
     * cluster, until the map shows three live brokers. The JVM and JavaFX toolkit start before the clock (the
     * same for every JavaFX app, about a second here).
     */
    @Test
    void launchToAMapOfAFreshThreeNodeCluster() throws Exception {
        Path home = Files.createTempDirectory("partita-bench-");
        String prefsNode = "io/partita/bench/" + UUID.randomUUID();
        System.setProperty(AppFiles.HOME_PROPERTY, home.toString());
        System.setProperty(AppPreferences.PREFS_PROPERTY, prefsNode);
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        FxRobot robot = new FxRobot();
        long launched = System.nanoTime();
        PartitaApp app = (PartitaApp) FxToolkit.setupApplication(PartitaApp.class);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> onFx(() -> robot.lookup("#start-local")
                        .tryQuery()
                        .map(Node::isVisible)
                        .orElse(false)));
        long welcome = System.nanoTime();
        robot.clickOn("#start-local");
        long clicked = System.nanoTime();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> onFx(() -> robot.lookup(".broker-up").queryAll().size() == 3));
        long usable = System.nanoTime();
        System.out.printf(
                "%nLaunch to a usable map of a fresh local 3-node cluster: %.1f s "
                        + "(app launch to welcome screen %.2f s; click to a map with 3 live brokers %.1f s)%n%n",
                (usable - launched - (clicked - welcome)) / 1e9, (welcome - launched) / 1e9, (usable - clicked) / 1e9);
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        Preferences.userRoot().node(prefsNode).removeNode();
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static List<PartitionRow> initialRows() {
        List<PartitionRow> rows = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            for (int p = 0; p < PARTITIONS_PER_TOPIC; p++) {
                List<Integer> replicas = List.of(p % BROKERS, (p + 1) % BROKERS, (p + 2) % BROKERS);
                rows.add(new PartitionRow(
                        String.format("topic-%02d", t), p, replicas, replicas.get(0), replicas, List.of(), false));
            }
        }
        return rows;
    }

    /**
     * Runs {@code change} on the FX thread and returns its time plus that of the CSS and layout passes of the
     * next pulse, the work the change causes there. The passes are timed by the scene's pulse listeners, so
     * they do what the app's pulses do: style and lay out the nodes the change made dirty. (Calling
     * {@code applyCss()} on the root instead would restyle every node in the scene, which no pulse does.)
     */
    private static long onFx(Runnable change, Stage stage) throws Exception {
        CompletableFuture<Long> passes = new CompletableFuture<>();
        long applied = WaitForAsyncUtils.asyncFx(() -> {
                    long t0 = System.nanoTime();
                    change.run();
                    long took = System.nanoTime() - t0;
                    PulseTimer.of(stage.getScene()).timeNext(passes);
                    return took;
                })
                .get(30, TimeUnit.SECONDS);
        return applied + passes.get(10, TimeUnit.SECONDS);
    }

    /** The time between a scene's pre- and post-layout pulse listeners: its CSS and layout passes. */
    private static final class PulseTimer {
        private final AtomicReference<CompletableFuture<Long>> next = new AtomicReference<>();
        private long started;

        /** Call on the FX thread. */
        static PulseTimer of(Scene scene) {
            return (PulseTimer) scene.getProperties().computeIfAbsent(PulseTimer.class, k -> {
                PulseTimer timer = new PulseTimer();
                scene.addPreLayoutPulseListener(() -> timer.started = System.nanoTime());
                scene.addPostLayoutPulseListener(() -> {
                    CompletableFuture<Long> waiting = timer.next.getAndSet(null);
                    if (waiting != null) {
                        waiting.complete(System.nanoTime() - timer.started);
                    }
                });
                return timer;
            });
        }

        /** Call on the FX thread: the next pulse's passes complete {@code passes} with their nanos. */
        void timeNext(CompletableFuture<Long> passes) {
            next.set(passes);
            Platform.requestNextPulse();
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
