package io.partita.app.cluster;

import io.partita.app.client.cluster.BrokerInfo;
import io.partita.app.client.cluster.ClusterClient;
import io.partita.app.client.cluster.ClusterOverview;
import io.partita.app.client.core.Failures;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The cluster's live brokers, controller marked. */
public final class BrokersViewModel {
    private final ClusterClient client;
    private final ObservableList<BrokerInfo> brokers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper clusterId = new ReadOnlyStringWrapper(this, "clusterId", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public BrokersViewModel(ClusterClient client) {
        this.client = client;
    }

    public CompletableFuture<Void> refresh() {
        return client.describeCluster().handle((overview, failure) -> {
            if (failure != null) {
                failed(failure);
            } else {
                setOverview(overview);
            }
            return null;
        });
    }

    public void failed(Throwable failure) {
        error.set(Failures.problem("Could not describe the cluster", failure));
    }

    public void setOverview(ClusterOverview overview) {
        error.set("");
        clusterId.set(overview.clusterId());
        if (!brokers.equals(overview.brokers())) {
            brokers.setAll(overview.brokers());
        }
    }

    public ObservableList<BrokerInfo> brokers() {
        return brokers;
    }

    public ReadOnlyStringProperty clusterIdProperty() {
        return clusterId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
