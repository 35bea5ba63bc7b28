package io.partita.app.testing;

import io.partita.app.AppFiles;
import io.partita.app.AppPreferences;
import io.partita.app.PartitaApp;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Partita launched headless for a GUI test, with settings of its own: a home directory (clusters, credentials)
 * and a throw-away preferences node, so no test sees another's (or a user's) last connection. Open it in a
 * {@code @BeforeEach}, seed {@link #preferences()} if the test needs a remembered state, {@link #launch()},
 * and {@link #close()} it in an {@code @AfterEach}.
 */
@Tag("integration")
public final class PartitaUnderTest implements AutoCloseable {
    private final String prefsNode = "io/partita/test/" + UUID.randomUUID();
    private PartitaApp app;
    private Stage stage;

    public PartitaUnderTest(Path home) {
        System.setProperty(AppFiles.HOME_PROPERTY, home.toString());
        System.setProperty(AppPreferences.PREFS_PROPERTY, prefsNode);
    }

    /** The app's preferences node, to seed before {@link #launch()} or to read what the app saved. */
    public Preferences preferences() {
        return Preferences.userRoot().node(prefsNode);
    }

    /** Makes the next launch reopen a local cluster of {@code nodes} nodes, as if it had been open at the last quit. */
    public PartitaUnderTest reopeningLocalCluster(int nodes) throws BackingStoreException {
        offeringLocalCluster(nodes);
        preferences().putBoolean("connection.reopen", true);
        preferences().flush();
        return this;
    }

    /** Makes the welcome screen offer a local cluster of {@code nodes} nodes (the count used last). */
    public PartitaUnderTest offeringLocalCluster(int nodes) throws BackingStoreException {
        preferences().put("connection.kind", "LOCAL");
        preferences().putInt("connection.nodes", nodes);
        preferences().flush();
        return this;
    }

    /** Launches the app (again, after {@link #quit()}); the toolkit stays up between tests. */
    public PartitaApp launch() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        // The app closes its window on Quit; keep the toolkit alive for the next launch and test.
        Platform.setImplicitExit(false);
        app = (PartitaApp) FxToolkit.setupApplication(PartitaApp.class);
        WaitForAsyncUtils.waitForFxEvents();
        return app;
    }

    public PartitaApp app() {
        return app;
    }

    public Stage stage() {
        return stage;
    }

    /** Stops the app as a test ends (its local cluster included); a later {@link #launch()} starts it afresh. */
    public void quit() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
            app = null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            quit();
        } finally {
            preferences().removeNode();
            System.clearProperty(AppFiles.HOME_PROPERTY);
            System.clearProperty(AppPreferences.PREFS_PROPERTY);
        }
    }

    /** Reads JavaFX state on the FX thread. */
    public static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** The text of the labelled node {@code query} finds ("" for none or another kind); call on the FX thread. */
    public static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().orElse(null) instanceof Labeled labeled ? labeled.getText() : "";
    }
}
