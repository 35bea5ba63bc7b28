package io.partita.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.SoftwareVersions;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: one window that opens on the welcome screen (or reopens the last connection) and
 * stops a local cluster cleanly on the way out.
 */
public class PartitaApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PartitaApp.class);
    public static final String STYLESHEET = "/io/partita/ui/partita.css";
    private static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};
    private static final double DEFAULT_WIDTH = 1180;
    private static final double DEFAULT_HEIGHT = 760;

    private AppPreferences preferences;
    private ClusterGateway gateway;
    private AppViewModel model;
    private Stage stage;
    private boolean quitting;
    private Thread shutdownHook;

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        preferences = AppPreferences.fromSystemProperties();
        gateway = new ClusterGateway(Platform::runLater);
        // Also on SIGTERM (log-out, kill): stop the local cluster cleanly rather than leave it to the OS.
        ClusterGateway shutdownGateway = gateway;
        shutdownHook = new Thread(shutdownGateway::close, "partita-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        model = new AppViewModel(gateway, preferences);

        AppView view =
                new AppView(model, this::quit, folder -> getHostServices().showDocument(folder.toString()));
        Scene scene = new Scene(view, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        URL css = Objects.requireNonNull(PartitaApp.class.getResource(STYLESHEET), STYLESHEET + " is missing");
        scene.getStylesheets().add(css.toExternalForm());
        applyTheme(view, model.darkThemeProperty().get());
        model.darkThemeProperty().addListener((o, was, dark) -> applyTheme(view, dark));

        stage.setTitle("Partita");
        for (int size : ICON_SIZES) {
            URL icon = PartitaApp.class.getResource("/io/partita/ui/icons/partita-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
        stage.setMinWidth(760);
        stage.setMinHeight(520);
        stage.setScene(scene);
        restoreBounds();
        stage.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        stage.show();
        LOG.info(
                "Partita {} showed its window {} ms after the JVM started",
                SoftwareVersions.partita(),
                System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime());
        model.reopenLastConnection();
    }

    /** Remembers the window, stops the cluster off the FX thread, then closes the window (and so the app). */
    public void quit() {
        if (quitting) {
            return;
        }
        quitting = true;
        saveBounds();
        model.quit().whenComplete((v, e) -> {
            LOG.info("Partita closed");
            stage.close();
        });
    }

    @Override
    public void stop() {
        // Normally quit() has stopped everything already; this covers other ways out (Platform.exit).
        if (gateway != null) {
            gateway.close();
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run: nothing left to do
            }
        }
    }

    public AppViewModel model() {
        return model;
    }

    /**
     * AtlantaFX's Primer light or dark as the base; our stylesheet uses its colour variables, and the root's
     * {@code dark} class covers the few places that need a colour of their own (translucent overlays).
     */
    private static void applyTheme(AppView root, boolean dark) {
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        root.getStyleClass().remove("dark");
        if (dark) {
            root.getStyleClass().add("dark");
        }
    }

    private void restoreBounds() {
        preferences
                .windowBounds()
                .ifPresentOrElse(
                        b -> {
                            Rectangle2D wanted = new Rectangle2D(b.x(), b.y(), b.width(), b.height());
                            boolean onScreen = !Screen.getScreensForRectangle(b.x() + 40, b.y() + 10, 100, 20)
                                    .isEmpty();
                            if (onScreen) {
                                stage.setX(wanted.getMinX());
                                stage.setY(wanted.getMinY());
                            } else {
                                stage.centerOnScreen();
                            }
                            stage.setWidth(Math.max(stage.getMinWidth(), b.width()));
                            stage.setHeight(Math.max(stage.getMinHeight(), b.height()));
                            stage.setMaximized(b.maximized());
                        },
                        () -> {
                            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
                            stage.setWidth(Math.min(DEFAULT_WIDTH, screen.getWidth()));
                            stage.setHeight(Math.min(DEFAULT_HEIGHT, screen.getHeight()));
                            stage.centerOnScreen();
                        });
    }

    private void saveBounds() {
        if (stage.isIconified()) {
            return;
        }
        preferences.saveWindowBounds(new AppPreferences.WindowBounds(
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized()));
    }
}
