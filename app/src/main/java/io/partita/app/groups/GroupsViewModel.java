package io.partita.app.groups;

import io.partita.app.common.Fx;
import io.partita.app.connection.ClusterGateway;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The consumer groups of the cluster, and for the selected one where it stands on each partition. */
public final class GroupsViewModel {
    private final ClusterGateway gateway;
    private final ObservableList<GroupInfo> groups = FXCollections.observableArrayList();
    private final ObservableList<PartitionLag> partitions = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public GroupsViewModel(ClusterGateway gateway) {
        this.gateway = gateway;
        selected.addListener((o, was, is) -> showSelected());
    }

    public CompletableFuture<Void> refresh() {
        return gateway.consumerGroups().handle((list, failure) -> {
            if (failure != null) {
                error.set(Fx.problem("Could not read the consumer groups", failure));
            } else {
                error.set("");
                apply(list);
            }
            return null;
        });
    }

    /** Shows {@code list}; rows are replaced only where they changed, and the selection is kept. */
    public void apply(List<GroupInfo> list) {
        if (!groups.equals(list)) {
            String keep = selected.get();
            groups.setAll(list);
            if (keep != null && list.stream().noneMatch(g -> g.id().equals(keep))) {
                selected.set(null);
            }
            if (selected.get() == null && !list.isEmpty()) {
                selected.set(list.get(0).id()); // something to look at, rather than an empty detail
            }
        }
        showSelected();
    }

    private void showSelected() {
        List<PartitionLag> wanted = groups.stream().filter(g -> g.id().equals(selected.get())).findFirst()
                .map(GroupInfo::partitions).orElse(List.of());
        if (!partitions.equals(wanted)) {
            partitions.setAll(wanted);
        }
    }

    public ObservableList<GroupInfo> groups() {
        return groups;
    }

    /** The partitions of the selected group. */
    public ObservableList<PartitionLag> partitions() {
        return partitions;
    }

    /** The id of the selected group, or null. */
    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
