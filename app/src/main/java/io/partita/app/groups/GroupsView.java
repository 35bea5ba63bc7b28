package io.partita.app.groups;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Consumer groups: a list with state, member count and total lag; below it, for the selected group, each
 * partition with its committed offset, log end, lag and owning member.
 */
public final class GroupsView extends VBox {

    public GroupsView(GroupsViewModel model) {
        getStyleClass().add("groups-panel");
        setId("groups-panel");

        TableView<GroupInfo> groups = new TableView<>(model.groups());
        groups.setId("groups");
        groups.getStyleClass().add(Styles.DENSE);
        groups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        groups.getColumns().setAll(java.util.List.of(
                text("Group", GroupInfo::id, 260),
                text("State", GroupInfo::state, 140),
                number("Members", g -> (long) g.members()),
                number("Lag", GroupInfo::totalLag)));
        Label noGroups = new Label("No consumer groups yet. A consumer with a group.id appears here once it joins.");
        noGroups.setId("groups-empty");
        noGroups.getStyleClass().add("empty-state");
        groups.setPlaceholder(noGroups);
        groups.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null) {
                model.selectedProperty().set(is.id());
            }
        });
        // Refreshes replace the list, and the model may choose a group itself: show its choice.
        Runnable showSelection = () -> model.groups().stream()
                .filter(g -> g.id().equals(model.selectedProperty().get())).findFirst()
                .ifPresent(g -> groups.getSelectionModel().select(g));
        model.groups().addListener((javafx.collections.ListChangeListener<GroupInfo>) c -> showSelection.run());
        model.selectedProperty().addListener((o, was, is) -> showSelection.run());

        TableView<PartitionLag> partitions = new TableView<>(model.partitions());
        partitions.setId("group-partitions");
        partitions.getStyleClass().add(Styles.DENSE);
        partitions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        partitions.getColumns().setAll(java.util.List.of(
                this.<PartitionLag>text("Topic", PartitionLag::topic, 200),
                number("Partition", p -> (long) p.partition()),
                optional("Committed", p -> p.committed() == PartitionLag.NO_COMMIT ? "–" : Long.toString(p.committed())),
                number("Log end", PartitionLag::logEnd),
                optional("Lag", p -> p.lag().isPresent() ? Long.toString(p.lag().getAsLong()) : "–"),
                text("Owner", p -> p.owner().isEmpty() ? "none" : p.owner(), 220)));
        Label pick = new Label("Select a group to see where it stands on each partition.");
        pick.getStyleClass().add("empty-state");
        partitions.setPlaceholder(pick);

        SplitPane split = new SplitPane(groups, partitions);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().add(split);
    }

    private <T> TableColumn<T, String> text(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    private <T> TableColumn<T, String> optional(String title, Function<T, String> value) {
        TableColumn<T, String> column = text(title, value, 100);
        column.getStyleClass().add("number-column");
        return column;
    }

    private <T> TableColumn<T, Long> number(String title, Function<T, Long> value) {
        TableColumn<T, Long> column = new TableColumn<>(title);
        column.setPrefWidth(100);
        column.getStyleClass().add("number-column");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }
}
