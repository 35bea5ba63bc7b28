package io.partita.app.welcome;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.core.Connection;
import io.partita.app.client.core.ConnectionProfile;
import io.partita.app.client.core.Failures;
import io.partita.app.client.core.LocalClusterInUseException;
import io.partita.app.client.core.ProfileStore;
import io.partita.broker.local.LocalCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The welcome screen: start a local cluster (the primary action) or connect to an existing one, securely, with the
 * Connect form, a test of it, and saved connection profiles.
 */
public final class WelcomeViewModel {
    public static final int MAX_NODES = 9;
    /** Three nodes, so a new topic can have replication factor 3 with min.insync.replicas=2 from the start. */
    public static final int DEFAULT_NODES = 3;

    private final ClusterGateway gateway;
    private final Path localClusterDirectory;
    private final Consumer<Connection> onConnected;

    private final ObjectProperty<Integer> nodeCount = new SimpleObjectProperty<>(this, "nodeCount", DEFAULT_NODES);
    private final ConnectForm form = new ConnectForm();
    private final StringProperty bootstrapServers = form.bootstrapServersProperty();
    private final ProfileStore store;
    private final ObservableList<ConnectionProfile> savedProfiles = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper(this, "info", "");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing", false);
    private CompletableFuture<ClusterGateway.ClusterCheck> test;
    private final ReadOnlyBooleanWrapper passwordNeeded = new ReadOnlyBooleanWrapper(this, "passwordNeeded", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper runningElsewhere = new ReadOnlyStringWrapper(this, "runningElsewhere", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final BooleanBinding canConnect;

    public WelcomeViewModel(ClusterGateway gateway, Path localClusterDirectory, Consumer<Connection> onConnected) {
        this(gateway, localClusterDirectory, onConnected, null);
    }

    /** @param store the saved profiles; null where nothing is saved (saving is then refused with a message) */
    public WelcomeViewModel(
            ClusterGateway gateway, Path localClusterDirectory, Consumer<Connection> onConnected, ProfileStore store) {
        this.gateway = gateway;
        this.store = store;
        reloadProfiles();
        this.localClusterDirectory = localClusterDirectory;
        this.onConnected = onConnected;
        canConnect = busy.not()
                .and(Bindings.createBooleanBinding(() -> !bootstrapServers.get().isBlank(), bootstrapServers));
    }

    /** Starts (or restarts, with its data) the local cluster and connects to it. */
    public CompletableFuture<Boolean> startLocalCluster() {
        if (busy.get()) {
            return CompletableFuture.completedFuture(false);
        }
        int nodes = nodeCount.get() == null ? DEFAULT_NODES : nodeCount.get();
        begin(nodes == 1 ? "Starting a local cluster…" : "Starting a local cluster of " + nodes + " nodes…");
        return finish(
                gateway.startLocalCluster(nodes, localClusterDirectory, progress::set),
                "Could not start the local cluster");
    }

    /**
     * Connects to the local cluster that another Partita runs (see {@link #runningElsewhereProperty()}), as to any
     * cluster: this window can browse and produce but not stop its nodes, which belong to the other one.
     */
    public CompletableFuture<Boolean> connectToRunningLocalCluster() {
        String servers = runningElsewhere.get();
        if (servers.isEmpty() || busy.get()) {
            return CompletableFuture.completedFuture(false);
        }
        begin("Connecting to " + servers + "…");
        return finish(gateway.connect(servers, progress::set), "Could not connect to " + servers);
    }

    /** Connects with the Connect form's settings. */
    public CompletableFuture<Boolean> connect() {
        String problem = formProblem();
        passwordNeeded.set(!busy.get()
                && form.security().protocol().usesSasl()
                && !form.usernameProperty().get().isBlank()
                && form.passwordProperty().get().isEmpty());
        if (!problem.isEmpty()) {
            if (!busy.get()) {
                error.set(problem);
                info.set("");
            }
            return CompletableFuture.completedFuture(false);
        }
        ConnectionProfile profile = form.profile();
        begin("Connecting to " + profile.bootstrapServers() + "…");
        return finish(gateway.connect(profile, progress::set), "Could not connect to " + profile.bootstrapServers());
    }

    /** Reopens a remembered connection (at launch), or a saved profile (double-click, Enter). */
    public CompletableFuture<Boolean> open(ConnectionProfile profile) {
        if (profile.isLocal()) {
            nodeCount.set(Math.min(MAX_NODES, profile.nodes()));
            return startLocalCluster();
        }
        form.load(profile, store != null && profile.isNamed() && store.remembersPasswords(profile.name()));
        return connect();
    }

    // ---- Secure connections, saved profiles, Test connection (issue 6, item 1) ----

    /** Why the form cannot be used yet, in words for the user, or "". */
    private String formProblem() {
        if (busy.get()) {
            return "Wait for the current attempt to finish.";
        }
        String servers =
                bootstrapServers.get() == null ? "" : bootstrapServers.get().strip();
        String problem = bootstrapProblem(servers);
        if (problem.isEmpty()) {
            problem = form.security().problem();
        }
        if (problem.isEmpty() && form.nameProperty().get().strip().length() > ConnectionProfile.MAX_NAME_LENGTH) {
            problem = "A connection name has at most " + ConnectionProfile.MAX_NAME_LENGTH + " characters.";
        }
        return problem;
    }

    /**
     * Connects with the form's settings without opening the workspace, and says what answered: "Connected: cluster
     * id …, N brokers" or why not. Bounded by the gateway's short timeout; {@link #cancelTest()} stops waiting.
     */
    public CompletableFuture<Boolean> testConnection() {
        String problem = formProblem();
        if (!problem.isEmpty()) {
            error.set(problem);
            info.set("");
            return CompletableFuture.completedFuture(false);
        }
        ConnectionProfile profile = form.profile();
        begin("Testing the connection to " + profile.bootstrapServers() + "…");
        testing.set(true);
        CompletableFuture<ClusterGateway.ClusterCheck> attempt = gateway.testConnection(profile);
        test = attempt;
        return attempt.handle((check, failure) -> {
            if (test != attempt) {
                return false; // cancelled, or a newer test runs
            }
            test = null;
            testing.set(false);
            busy.set(false);
            progress.set("");
            if (failure != null) {
                error.set("Test failed: " + Failures.describe(failure));
                return false;
            }
            info.set("Connected: cluster id " + check.clusterId() + ", "
                    + (check.brokers() == 1 ? "1 broker" : check.brokers() + " brokers") + ".");
            return true;
        });
    }

    /** Stops waiting for a running test; the form is usable at once. */
    public void cancelTest() {
        CompletableFuture<ClusterGateway.ClusterCheck> running = test;
        if (running != null) {
            test = null;
            running.cancel(false);
            testing.set(false);
            busy.set(false);
            progress.set("");
            info.set("Test cancelled.");
        }
    }

    /** Saves the form as a named profile (passwords only with "Remember passwords"); it is listed at once. */
    public boolean saveProfile() {
        String name = form.nameProperty().get() == null
                ? ""
                : form.nameProperty().get().strip();
        String problem = name.isEmpty() ? "Enter a name for this connection to save it." : formProblemForSaving();
        if (store == null) {
            problem = "Connections cannot be saved here.";
        }
        if (!problem.isEmpty()) {
            error.set(problem);
            info.set("");
            return false;
        }
        ConnectionProfile profile = form.profile();
        boolean remember = form.rememberPasswordsProperty().get();
        try {
            store.save(profile, remember);
        } catch (IOException | RuntimeException e) {
            error.set("Could not save " + name + ": " + Failures.describe(e));
            return false;
        }
        reloadProfiles();
        error.set("");
        info.set("Saved \"" + name + "\""
                + (remember && !profile.security().secrets().isEmpty()
                        ? " with its passwords, in " + store.credentialsFile() + " (readable only by you)."
                        : "; passwords are asked for when you connect."));
        return true;
    }

    /** Saving needs a well-formed address, but not the passwords (they may be asked for at connect time). */
    private String formProblemForSaving() {
        String problem = bootstrapProblem(bootstrapServers.get());
        if (problem.isEmpty() && form.nameProperty().get().strip().length() > ConnectionProfile.MAX_NAME_LENGTH) {
            problem = "A connection name has at most " + ConnectionProfile.MAX_NAME_LENGTH + " characters.";
        }
        if (problem.isEmpty()
                && form.protocolProperty().get().usesSasl()
                && form.usernameProperty().get().isBlank()) {
            problem = "Enter the SASL user name.";
        }
        return problem;
    }

    /** Fills the form with a saved profile, to edit it or connect. */
    public void edit(ConnectionProfile profile) {
        if (profile == null || busy.get()) {
            return;
        }
        form.load(profile, store != null && store.remembersPasswords(profile.name()));
        error.set("");
        info.set("");
    }

    /** Connects to a saved profile; asks for its passwords first when they were not remembered. */
    public CompletableFuture<Boolean> connectTo(ConnectionProfile profile) {
        if (profile == null || busy.get()) {
            return CompletableFuture.completedFuture(false);
        }
        edit(profile);
        return connect();
    }

    /** Forgets a saved profile and its remembered passwords. */
    public void deleteProfile(ConnectionProfile profile) {
        if (profile == null || store == null) {
            return;
        }
        try {
            store.delete(profile.name());
            reloadProfiles();
            error.set("");
            info.set("Deleted \"" + profile.name() + "\".");
        } catch (IOException e) {
            error.set(Failures.describe(e));
        }
    }

    private void reloadProfiles() {
        savedProfiles.setAll(store == null ? List.of() : store.list());
    }

    public ObservableList<ConnectionProfile> savedProfiles() {
        return savedProfiles;
    }

    public ConnectForm form() {
        return form;
    }

    /** Where remembered passwords are kept, for the form's note; "" without a store. */
    public String credentialsFileText() {
        if (store == null) {
            return "";
        }
        String home = System.getProperty("user.home");
        String file = store.credentialsFile().toString();
        return home != null && !home.isEmpty() && file.startsWith(home + "/")
                ? "~" + file.substring(home.length())
                : file;
    }

    /** A good outcome to report (test passed, profile saved). */
    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    /** True while the form lacks only the SASL password (the view puts the cursor there). */
    public ReadOnlyBooleanProperty passwordNeededProperty() {
        return passwordNeeded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    // ---- end of secure connections ----

    /**
     * Why {@code servers} is not a bootstrap list ({@code host:port[,host:port…]}), or "" when it is. Checked
     * before connecting, so a typo gets a plain answer instead of a client library's exception.
     */
    public static String bootstrapProblem(String servers) {
        if (servers == null || servers.isBlank()) {
            return "Enter the bootstrap servers, for example localhost:9092.";
        }
        for (String entry : servers.split(",")) {
            String server = entry.strip();
            int colon = server.lastIndexOf(':');
            String port = colon < 0 ? "" : server.substring(colon + 1);
            boolean ok = colon > 0
                    && port.matches("[0-9]{1,5}")
                    && Integer.parseInt(port) > 0
                    && Integer.parseInt(port) < 65536
                    && !server.substring(0, colon).isBlank()
                    && server.substring(0, colon).chars().noneMatch(Character::isWhitespace);
            if (!ok) {
                return "\"" + server + "\" is not host:port. Bootstrap servers look like localhost:9092, "
                        + "several separated by commas.";
            }
        }
        return "";
    }

    private void begin(String message) {
        runningElsewhere.set("");
        notice.set("");
        busy.set(true);
        error.set("");
        info.set("");
        progress.set(message);
    }

    private CompletableFuture<Boolean> finish(CompletableFuture<Connection> attempt, String failurePrefix) {
        return attempt.handle((connection, failure) -> {
            busy.set(false);
            progress.set("");
            if (failure != null) {
                if (Failures.rootCause(failure) instanceof LocalClusterInUseException inUse) {
                    // Not a failure to report but a choice to offer: the cluster is there, in another window.
                    runningElsewhere.set(inUse.bootstrapServers());
                    String where = "The local cluster in " + localClusterDirectoryText()
                            + " is already running in another Partita";
                    notice.set(
                            inUse.bootstrapServers().isEmpty()
                                    ? where + ". Close it there to start it here."
                                    : where + ", at " + inUse.bootstrapServers()
                                            + ". Connect to it here, or close it there and start it again.");
                    return false;
                }
                error.set(failurePrefix + ": " + Failures.describe(failure));
                return false;
            }
            onConnected.accept(connection);
            return true;
        });
    }

    /** Shows a message from elsewhere (e.g. why the workspace closed). */
    public void showError(String message) {
        error.set(message);
    }

    public String localClusterDirectoryText() {
        String home = System.getProperty("user.home");
        String dir = localClusterDirectory.toString();
        return home != null && !home.isEmpty() && dir.startsWith(home + "/") ? "~" + dir.substring(home.length()) : dir;
    }

    /** The first node's port when it is free (the gateway falls back to free ports otherwise). */
    public int localClusterPort() {
        return LocalCluster.DEFAULT_BASE_PORT;
    }

    public ObjectProperty<Integer> nodeCountProperty() {
        return nodeCount;
    }

    public StringProperty bootstrapServersProperty() {
        return bootstrapServers;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /**
     * Where the local cluster listens when starting it found it already running in another Partita; "" otherwise.
     * The view offers to connect to it.
     */
    public ReadOnlyStringProperty runningElsewhereProperty() {
        return runningElsewhere.getReadOnlyProperty();
    }

    /** Not an error but a situation to act on (the local cluster runs in another Partita); "" otherwise. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding canConnectProperty() {
        return canConnect;
    }
}
