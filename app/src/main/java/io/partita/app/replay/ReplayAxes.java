package io.partita.app.replay;

import io.partita.app.client.records.ReplayRange;
import io.partita.app.client.replay.ReplayPosition;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The replay's source partitions, one {@link ReplayAxis} each with its name and where its cursor is; slim when
 * there are several, and "+N more" below when the view model draws only the first ones. Rows are reused as the
 * positions move, so a running replay only moves cursors.
 */
final class ReplayAxes extends VBox {
    private static final PseudoClass MANY = PseudoClass.getPseudoClass("many");

    private final ObservableList<ReplayPosition> positions;
    private final List<Row> rows = new ArrayList<>();
    private final Label more = new Label();

    ReplayAxes(ObservableList<ReplayPosition> positions, ReadOnlyIntegerProperty hidden) {
        this.positions = positions;
        setId("replay-axes");
        getStyleClass().add("replay-axes");
        more.setId("replay-axes-more");
        more.getStyleClass().add("replay-axes-more");
        more.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "+" + hidden.get() + " more partition" + (hidden.get() == 1 ? "" : "s") + " (not drawn)",
                        hidden));
        more.visibleProperty().bind(hidden.greaterThan(0));
        more.managedProperty().bind(more.visibleProperty());
        getChildren().add(more);
        visibleProperty().bind(Bindings.isNotEmpty(positions));
        managedProperty().bind(visibleProperty());
        positions.addListener((ListChangeListener<ReplayPosition>) c -> sync());
        sync();
    }

    private void sync() {
        while (rows.size() > positions.size()) {
            getChildren().remove(rows.remove(rows.size() - 1).box);
        }
        while (rows.size() < positions.size()) {
            Row row = new Row();
            rows.add(row);
            getChildren().add(getChildren().size() - 1, row.box); // "+N more" stays last
        }
        for (int i = 0; i < positions.size(); i++) {
            rows.get(i).show(positions.get(i));
        }
        pseudoClassStateChanged(MANY, positions.size() > 1);
    }

    /** One partition: "P3", its axis, "at 120 · 100–199 · log 0–499". */
    private static final class Row {
        private final Label name = new Label();
        private final ReplayAxis axis = new ReplayAxis();
        private final Label caption = new Label();
        private final HBox box = new HBox(8, name, axis, caption);

        Row() {
            box.getStyleClass().add("replay-axis-row");
            box.setAlignment(Pos.CENTER_LEFT);
            name.getStyleClass().add("replay-axis-name");
            caption.getStyleClass().add("replay-axis-caption");
            HBox.setHgrow(axis, Priority.ALWAYS);
        }

        void show(ReplayPosition p) {
            axis.setId("replay-axis-" + p.partition());
            name.setText("P" + p.partition());
            ReplayRange r = p.range();
            String span = r.isEmpty() ? "nothing in range" : r.from() + "–" + (r.until() - 1);
            caption.setText((p.started() ? "at " + p.at() : "not yet") + " · " + span + " · " + p.log());
            axis.show(p);
        }
    }
}
