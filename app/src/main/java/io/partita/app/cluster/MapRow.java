package io.partita.app.cluster;

import io.partita.app.client.cluster.PartitionRow;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One row of the cluster map: a partition whose state changes in place. The map's list of rows stays the
 * same across refreshes; a changed partition sets its row's value, and only the cells showing that row
 * redraw. (Replacing list elements instead makes the table re-lay out every visible cell on each change.)
 */
public final class MapRow {
    private final String key;
    private final ReadOnlyObjectWrapper<PartitionRow> partition;

    MapRow(PartitionRow initial) {
        this.key = initial.key();
        this.partition = new ReadOnlyObjectWrapper<>(this, "partition", initial);
    }

    public String key() {
        return key;
    }

    public PartitionRow get() {
        return partition.get();
    }

    void set(PartitionRow row) {
        partition.set(row);
    }

    public ReadOnlyObjectProperty<PartitionRow> partitionProperty() {
        return partition.getReadOnlyProperty();
    }
}
