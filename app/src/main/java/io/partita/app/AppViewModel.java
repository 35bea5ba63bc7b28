package io.partita.app;

import io.partita.app.about.AboutViewModel;
import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.Connection;
import io.partita.app.client.core.ConnectionProfile;
import io.partita.app.client.core.Failures;
import io.partita.app.client.core.ProfileStore;
import io.partita.app.client.core.SoftwareVersions;
import io.partita.app.timeline.RecordedTimelineViewModel;
import io.partita.app.welcome.WelcomeViewModel;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The window's state: the welcome screen or a connected workspace, and the way out. */
public final class AppViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(AppViewModel.class);

    private final ClusterGateway gateway;
    private final AppPreferences preferences;
    private final WelcomeViewModel welcome;
    private final ProfileStore profiles;
    private final ReadOnlyObjectWrapper<WorkspaceViewModel> workspace = new ReadOnlyObjectWrapper<>(this, "workspace");
    private final ReadOnlyBooleanWrapper stopping = new ReadOnlyBooleanWrapper(this, "stopping", false);
    private final ReadOnlyStringWrapper stoppingMessage = new ReadOnlyStringWrapper(this, "stoppingMessage", "");
    private final BooleanBinding connected;
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme");

    public AppViewModel(ClusterGateway gateway, AppPreferences preferences) {
        this.gateway = gateway;
        this.preferences = preferences;
        this.profiles = preferences.profiles();
        this.welcome = new WelcomeViewModel(gateway, preferences.localClusterDirectory(), this::connected, profiles);
        welcome.bootstrapServersProperty().set(preferences.lastBootstrapServers());
        preferences
                .lastConnection()
                .filter(p -> p.isLocal())
                .ifPresent(p -> welcome.nodeCountProperty().set(Math.min(WelcomeViewModel.MAX_NODES, p.nodes())));
        connected = Bindings.isNotNull(workspace).and(stopping.not());
        darkTheme.set(preferences.darkTheme());
        darkTheme.addListener((o, was, dark) -> preferences.saveDarkTheme(dark));
        // The saved connection used last fills the form (and is selected in the list), ready for Enter.
        if (!preferences.lastProfileName().isEmpty()) {
            profiles.find(preferences.lastProfileName()).ifPresent(welcome::edit);
        }
    }

    /** Light or dark theme (View → Dark theme), remembered across launches. */
    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    /** At launch: reopens the connection that was open when the app was last quit. */
    public void reopenLastConnection() {
        if (preferences.reopenLastConnection()) {
            preferences.lastConnection().map(this::savedVersion).ifPresent(profile -> {
                LOG.info("Reopening the last connection: {}", profile);
                welcome.open(profile);
            });
        }
    }

    /** The last connection as saved, with its security settings, when it was made with a saved profile. */
    private ConnectionProfile savedVersion(ConnectionProfile last) {
        String name = preferences.lastProfileName();
        return last.isLocal() || name.isEmpty() ? last : profiles.find(name).orElse(last);
    }

    private void connected(Connection connection) {
        preferences.saveConnection(connection.profile());
        preferences.saveLastProfileName(
                connection.profile().isNamed()
                                && profiles.exists(connection.profile().name())
                        ? connection.profile().name()
                        : "");
        preferences.setReopenLastConnection(true);
        WorkspaceViewModel ws = new WorkspaceViewModel(gateway, connection);
        ws.selectedTabProperty().set(preferences.lastTab());
        ws.selectedTabProperty().addListener((o, was, tab) -> preferences.saveLastTab(tab));
        ws.messages().forms().fileFolderProperty().set(preferences.fileFolder());
        ws.messages().forms().fileFolderProperty().addListener((o, was, folder) -> preferences.saveFileFolder(folder));
        workspace.set(ws);
        ws.startAutoRefresh();
    }

    /** Back to the welcome screen; a local cluster stops. The next launch opens on the welcome screen. */
    public CompletableFuture<Void> disconnect() {
        WorkspaceViewModel ws = workspace.get();
        if (ws == null || stopping.get()) {
            return CompletableFuture.completedFuture(null);
        }
        ws.stopAutoRefresh();
        preferences.setReopenLastConnection(false);
        stopping.set(true);
        stoppingMessage.set(ws.connection().profile().isLocal() ? "Stopping the local cluster…" : "Disconnecting…");
        return gateway.disconnect().handle((v, failure) -> {
            stopping.set(false);
            stoppingMessage.set("");
            workspace.set(null);
            if (failure != null) {
                welcome.showError("Disconnecting did not go cleanly: " + Failures.describe(failure));
            }
            return null;
        });
    }

    /**
     * Stops everything cleanly (a local cluster included) and completes, on the FX thread, when it is safe to
     * close the window. The connection is remembered for the next launch.
     */
    public CompletableFuture<Void> quit() {
        WorkspaceViewModel ws = workspace.get();
        if (ws != null) {
            ws.stopAutoRefresh();
        }
        stopping.set(true);
        stoppingMessage.set(
                ws != null && ws.connection().profile().isLocal()
                                || welcome.busyProperty().get()
                        ? "Stopping the local cluster…"
                        : "Closing…");
        return gateway.shutdown().exceptionally(failure -> {
            LOG.warn("Shutdown did not go cleanly", failure);
            return null;
        });
    }

    /**
     * Opens a timeline file for a window of its own; no cluster is needed. Fails with the file's problem in a
     * sentence (the line and what was expected there) for a file that is not a timeline, or is broken or cut short.
     */
    public CompletableFuture<RecordedTimelineViewModel> openTimeline(Path file) {
        return gateway.timeline().open(file).handle((recording, failure) -> {
            if (failure != null) {
                throw new CompletionException(new IllegalArgumentException(
                        "Could not open " + file.getFileName() + ". " + Failures.describe(failure), failure));
            }
            return new RecordedTimelineViewModel(recording, file);
        });
    }

    public WelcomeViewModel welcome() {
        return welcome;
    }

    public ReadOnlyObjectProperty<WorkspaceViewModel> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    public BooleanBinding connectedProperty() {
        return connected;
    }

    public ReadOnlyBooleanProperty stoppingProperty() {
        return stopping.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stoppingMessageProperty() {
        return stoppingMessage.getReadOnlyProperty();
    }

    /** Help → About; {@code openFolder} shows a folder in the desktop's file manager. */
    public AboutViewModel about(Consumer<URI> openFolder) {
        return new AboutViewModel(
                SoftwareVersions.partita(),
                SoftwareVersions.kafkaClients(),
                preferences.home(),
                preferences.logDirectory(),
                openFolder);
    }
}
