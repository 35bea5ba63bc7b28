package io.partita.app.connection;

import io.partita.app.common.Fx;
import java.nio.file.Path;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The welcome screen: start a local cluster (the primary action) or connect to an existing one. */
public final class WelcomeViewModel {
    public static final int MAX_NODES = 9;
    /** Three nodes, so a new topic can have replication factor 3 with min.insync.replicas=2 from the start. */
    public static final int DEFAULT_NODES = 3;

    private final ClusterGateway gateway;
    private final Path localClusterDirectory;
    private final Consumer<Connection> onConnected;

    private final ObjectProperty<Integer> nodeCount = new SimpleObjectProperty<>(this, "nodeCount", DEFAULT_NODES);
    private final StringProperty bootstrapServers = new SimpleStringProperty(this, "bootstrapServers", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final BooleanBinding canConnect;

    public WelcomeViewModel(ClusterGateway gateway, Path localClusterDirectory, Consumer<Connection> onConnected) {
        this.gateway = gateway;
        this.localClusterDirectory = localClusterDirectory;
        this.onConnected = onConnected;
        canConnect = busy.not().and(Bindings.createBooleanBinding(
                () -> !bootstrapServers.get().isBlank(), bootstrapServers));
    }

    /** Starts (or restarts, with its data) the local cluster and connects to it. */
    public CompletableFuture<Boolean> startLocalCluster() {
        if (busy.get()) {
            return CompletableFuture.completedFuture(false);
        }
        int nodes = nodeCount.get() == null ? DEFAULT_NODES : nodeCount.get();
        begin(nodes == 1 ? "Starting a local cluster…" : "Starting a local cluster of " + nodes + " nodes…");
        return finish(gateway.startLocalCluster(nodes, localClusterDirectory, progress::set),
                "Could not start the local cluster");
    }

    /** Connects to the cluster at {@link #bootstrapServersProperty()}. */
    public CompletableFuture<Boolean> connect() {
        if (!canConnect.get()) {
            if (!busy.get()) {
                error.set("Enter the bootstrap servers, for example localhost:9092.");
            }
            return CompletableFuture.completedFuture(false);
        }
        String servers = bootstrapServers.get().strip();
        String problem = bootstrapProblem(servers);
        if (!problem.isEmpty()) {
            error.set(problem);
            return CompletableFuture.completedFuture(false);
        }
        begin("Connecting to " + servers + "…");
        return finish(gateway.connect(servers, progress::set), "Could not connect to " + servers);
    }

    /** Reopens a remembered connection (at launch). */
    public CompletableFuture<Boolean> open(ConnectionProfile profile) {
        if (profile.isLocal()) {
            nodeCount.set(Math.min(MAX_NODES, profile.nodes()));
            return startLocalCluster();
        }
        bootstrapServers.set(profile.bootstrapServers());
        return connect();
    }

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
            boolean ok = colon > 0 && port.matches("[0-9]{1,5}") && Integer.parseInt(port) > 0
                    && Integer.parseInt(port) < 65536 && !server.substring(0, colon).isBlank()
                    && server.substring(0, colon).chars().noneMatch(Character::isWhitespace);
            if (!ok) {
                return "\"" + server + "\" is not host:port. Bootstrap servers look like localhost:9092, "
                        + "several separated by commas.";
            }
        }
        return "";
    }

    private void begin(String message) {
        busy.set(true);
        error.set("");
        progress.set(message);
    }

    private CompletableFuture<Boolean> finish(CompletableFuture<Connection> attempt, String failurePrefix) {
        return attempt.handle((connection, failure) -> {
            busy.set(false);
            progress.set("");
            if (failure != null) {
                error.set(failurePrefix + ": " + Fx.describe(failure));
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

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding canConnectProperty() {
        return canConnect;
    }
}
