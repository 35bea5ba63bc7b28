package io.partita.app.cluster;

import io.partita.app.client.cluster.BrokerColumn;
import io.partita.app.client.cluster.ClusterClient;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.core.Failures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cluster map: brokers as columns, partitions as rows, each replica a tile. Refreshes update only the
 * rows that changed, in place ({@link MapRow}), so the table redraws the cells of those rows and nothing else; the broker columns are
 * replaced only when a broker appears, disappears or changes (up/down, controller, address).
 */
public final class ClusterMapViewModel {
    public static final int NO_NODE = -1;
    private final ClusterClient client;
    private final ObservableList<BrokerColumn> brokers = FXCollections.observableArrayList();
    private final ObservableList<MapRow> rows = FXCollections.observableArrayList();
    private final BooleanProperty showInternal = new SimpleBooleanProperty(this, "showInternal", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyIntegerWrapper unreadableNode = new ReadOnlyIntegerWrapper(this, "unreadableNode", NO_NODE);
    private final ReadOnlyStringWrapper unreadableReason = new ReadOnlyStringWrapper(this, "unreadableReason", "");
    private final ReadOnlyStringWrapper unreadableRisk = new ReadOnlyStringWrapper(this, "unreadableRisk", "");
    private ClusterMap latest = ClusterMap.EMPTY;
    private Supplier<CompletableFuture<Void>> refresher = this::refresh;

    public ClusterMapViewModel(ClusterClient client) {
        this.client = client;
        showInternal.addListener((o, was, is) -> showMap(latest));
    }

    public CompletableFuture<Void> refresh() {
        return client.clusterMap().handle((map, failure) -> {
            if (failure != null) {
                failed(failure);
            } else {
                apply(map);
            }
            return null;
        });
    }

    /** The cluster did not answer: say so, and mark down the nodes the app knows it stopped. FX thread. */
    public void failed(Throwable failure) {
        error.set(Failures.problem("Could not read the cluster map", failure));
        // The cluster cannot say which nodes are down, but the app knows the ones it stopped itself.
        showMap(latest.withStopped(client.stoppedLocalNodes()).withUnreadable(client.unreadableLocalNodes()));
    }

    /** Shows {@code map}, the cluster's answer, touching only what changed. Call on the FX thread. */
    public void apply(ClusterMap map) {
        error.set("");
        showMap(map);
    }

    private void showMap(ClusterMap map) {
        latest = map;
        var firstUnreadable = map.unreadable().entrySet().stream().findFirst();
        unreadableNode.set(firstUnreadable.map(Map.Entry::getKey).orElse(NO_NODE));
        unreadableReason.set(firstUnreadable.map(Map.Entry::getValue).orElse(""));
        unreadableRisk.set(
                firstUnreadable.map(e -> emptyStartRisk(e.getKey(), map.rows())).orElse(""));
        if (!brokers.equals(map.brokers())) {
            brokers.setAll(map.brokers());
        }
        List<PartitionRow> wanted = showInternal.get()
                ? map.rows()
                : map.rows().stream().filter(r -> !r.internal()).toList();
        updateRows(wanted);
    }

    /**
     * Rows keep their place when the set of partitions is the same (the usual refresh): each changed partition
     * updates its row in place. A partition added or removed rebuilds the list.
     */
    private void updateRows(List<PartitionRow> wanted) {
        if (rows.size() != wanted.size() || !sameKeys(wanted)) {
            rows.setAll(wanted.stream().map(MapRow::new).toList());
            return;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (!rows.get(i).get().equals(wanted.get(i))) {
                rows.get(i).set(wanted.get(i));
            }
        }
    }

    private boolean sameKeys(List<PartitionRow> wanted) {
        for (int i = 0; i < wanted.size(); i++) {
            if (!rows.get(i).key().equals(wanted.get(i).key())) {
                return false;
            }
        }
        return true;
    }

    /**
     * What starting node {@code id} empty would lose: the partitions whose only in-sync replica it is. Kafka
     * elects an in-sync replica, so the empty node would lead them and the others would cut their copies back to
     * match. "" when every partition has another in-sync copy.
     */
    static String emptyStartRisk(int id, List<PartitionRow> rows) {
        List<String> lonely = rows.stream()
                .filter(r -> r.isr().equals(List.of(id)))
                .map(r -> r.topic() + " " + r.partition())
                .toList();
        if (lonely.isEmpty()) {
            return "";
        }
        String named = String.join(", ", lonely.subList(0, Math.min(3, lonely.size())))
                + (lonely.size() > 3 ? " and " + (lonely.size() - 3) + " more" : "");
        return (lonely.size() == 1 ? "Partition " + named + " has" : lonely.size() + " partitions (" + named + ") have")
                + " no in-sync copy but broker " + id + "'s: started empty, it leads "
                + (lonely.size() == 1 ? "it" : "them") + " with no records, and the copies that were behind are cut"
                + " back to match.";
    }

    public boolean controlsNodes() {
        return client.controlsNodes();
    }

    public CompletableFuture<Void> stopNode(int id) {
        return nodeAction("Stopping broker " + id + " (moving its leaderships first)…", client.stopNode(id));
    }

    public CompletableFuture<Void> killNode(int id) {
        return nodeAction("Killing broker " + id + "…", client.killNode(id));
    }

    public CompletableFuture<Void> startNode(int id) {
        return nodeAction("Starting broker " + id + "…", client.startNode(id));
    }

    /** Starts the node whose data did not open ({@link #unreadableNodeProperty()}) with none. */
    public CompletableFuture<Void> startUnreadableNodeEmpty() {
        int id = unreadableNode.get();
        if (id == NO_NODE) {
            return CompletableFuture.completedFuture(null);
        }
        return nodeAction("Starting broker " + id + " with no data…", client.startNodeEmpty(id));
    }

    /**
     * A local node that is down because its data did not open, or {@link #NO_NODE}: the view offers to start it
     * empty (the first such node when there are several; the next shows once it runs).
     */
    public ReadOnlyIntegerProperty unreadableNodeProperty() {
        return unreadableNode.getReadOnlyProperty();
    }

    /** What starting {@link #unreadableNodeProperty()} empty loses ({@link #emptyStartRisk}); "" when nothing. */
    public ReadOnlyStringProperty unreadableRiskProperty() {
        return unreadableRisk.getReadOnlyProperty();
    }

    /** Why {@link #unreadableNodeProperty()}'s data did not open (the store's own one line); "" when none. */
    public ReadOnlyStringProperty unreadableReasonProperty() {
        return unreadableReason.getReadOnlyProperty();
    }

    private CompletableFuture<Void> nodeAction(String what, CompletableFuture<Void> action) {
        busy.set(true);
        activity.set(what);
        return action.handle((v, failure) -> {
                    busy.set(false);
                    activity.set("");
                    if (failure != null) {
                        error.set(Failures.describe(failure));
                    }
                    return null;
                })
                .thenCompose(v -> refresher.get());
    }

    /**
     * What reads the cluster again after a node was stopped, killed or started: by default {@link #refresh()}; the
     * workspace gives its own, which also records the map in the timeline and leaves a moment scrubbed to alone.
     */
    public void setRefresher(Supplier<CompletableFuture<Void>> refresher) {
        this.refresher = refresher;
    }

    public ObservableList<BrokerColumn> brokers() {
        return brokers;
    }

    public ObservableList<MapRow> rows() {
        return rows;
    }

    /** The partitions as shown, in order. */
    public List<PartitionRow> partitions() {
        return rows.stream().map(MapRow::get).toList();
    }

    public BooleanProperty showInternalProperty() {
        return showInternal;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
