package io.partita.app.groups;

import atlantafx.base.theme.Styles;
import io.partita.app.client.groups.GroupInfo;
import io.partita.app.client.groups.PartitionLag;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Consumer groups: the list (state, members, total lag) beside the selected group's lag over time; below, the
 * group's members in their colours and, per partition, its offset axis with the committed offset and the lag
 * drawn, tinted by the owning member. Reset offsets and Delete group act on the selected group.
 */
public final class GroupsView extends VBox {
    private final GroupsViewModel model;
    private TableView<PartitionLag> partitions;

    public GroupsView(GroupsViewModel model) {
        this.model = model;
        getStyleClass().add("groups-panel");
        setId("groups-panel");

        Button reset = new Button("_Reset offsets…");
        reset.setId("reset-offsets");
        reset.setTooltip(new Tooltip("Move where the selected group resumes reading (Alt+R)"));
        reset.setOnAction(e -> showResetDialog());
        Button delete = new Button("_Delete group…");
        delete.setId("delete-group");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setTooltip(
                new Tooltip("Delete the selected group and its committed offsets (Alt+D, or Delete in the list)"));
        delete.setOnAction(e -> confirmDelete());
        for (Button b : List.of(reset, delete)) {
            b.getStyleClass().add(Styles.SMALL);
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.disableProperty().bind(model.selectedGroupProperty().isNull());
        }
        Label message = new Label();
        message.setId("groups-message");
        message.getStyleClass().add(Styles.TEXT_MUTED);
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        model.messageIsProblemProperty().addListener((o, was, problem) -> {
            message.getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.DANGER);
            message.getStyleClass().add(problem ? Styles.DANGER : Styles.TEXT_MUTED);
        });
        Label title = new Label("Consumer groups");
        title.getStyleClass().addAll(Styles.TITLE_4, "panel-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, message, spacer, reset, delete);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("groups-header");

        TableView<GroupInfo> groups = groupsTable(reset, delete);
        LagChart chart = new LagChart(model);
        SplitPane top = new SplitPane(groups, chart);
        top.setDividerPositions(0.5);

        Label detailTitle = new Label();
        detailTitle.setId("group-detail-title");
        detailTitle.getStyleClass().add(Styles.TEXT_BOLD);
        detailTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            GroupInfo g = model.selectedGroupProperty().get();
                            return g == null ? "" : g.id() + "  ·  " + g.state();
                        },
                        model.selectedGroupProperty()));
        Region detailSpacer = new Region();
        HBox.setHgrow(detailSpacer, Priority.ALWAYS);
        HBox detailHeader = new HBox(10, detailTitle, detailSpacer, barKey());
        detailHeader.setAlignment(Pos.CENTER_LEFT);
        partitions = partitionsTable();
        VBox.setVgrow(partitions, Priority.ALWAYS);
        VBox detail = new VBox(8, detailHeader, new MemberLegend(model), partitions);
        detail.getStyleClass().add("group-detail");
        detail.visibleProperty().bind(model.selectedGroupProperty().isNotNull());

        SplitPane split = new SplitPane(top, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(header, split);
    }

    /** How to read the offset bars: the same parts, drawn small, with their names. */
    private static HBox barKey() {
        HBox key = new HBox(6);
        key.setId("offset-bar-key");
        key.getStyleClass().add("offset-bar-key");
        key.setAlignment(Pos.CENTER_LEFT);
        String[][] parts = {
            {"offset-consumed owner-none", "read (owner's colour)"},
            {"offset-lag", "lag"},
            {"offset-marker", "committed offset"}
        };
        key.getChildren().add(new Label("Bars run from log start to log end:"));
        for (String[] part : parts) {
            Region sample = new Region();
            sample.getStyleClass().addAll(part[0].split(" "));
            sample.getStyleClass().add("offset-key-sample");
            key.getChildren().addAll(sample, new Label(part[1]));
        }
        key.getChildren()
                .filtered(n -> n instanceof Label)
                .forEach(n -> n.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED));
        return key;
    }

    private TableView<GroupInfo> groupsTable(Button reset, Button delete) {
        TableView<GroupInfo> groups = new TableView<>(model.groups());
        groups.setId("groups");
        groups.getStyleClass().add(Styles.DENSE);
        groups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        groups.getColumns()
                .setAll(List.of(
                        text("Group", GroupInfo::id, 150),
                        text("State", GroupInfo::state, 100),
                        number("Members", g -> (long) g.memberCount()),
                        number("Lag", GroupInfo::totalLag)));
        groups.getColumns().forEach(c -> c.setMinWidth(c.getText().length() * 9 + 30));
        Label noGroups =
                new Label("No consumer groups yet. A consumer with a group.id appears here once it joins or commits.");
        noGroups.setId("groups-empty");
        noGroups.setWrapText(true);
        noGroups.getStyleClass().add("empty-state");
        groups.setPlaceholder(noGroups);
        groups.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null) {
                model.selectedProperty().set(is.id());
            }
        });
        // Refreshes replace the list, and the model may choose a group itself: show its choice.
        Runnable showSelection = () -> model.groups().stream()
                .filter(g -> g.id().equals(model.selectedProperty().get()))
                .findFirst()
                .ifPresent(g -> groups.getSelectionModel().select(g));
        model.groups().addListener((ListChangeListener<GroupInfo>) c -> showSelection.run());
        model.selectedProperty().addListener((o, was, is) -> showSelection.run());
        groups.setOnKeyPressed(e -> {
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && !delete.isDisabled()) {
                e.consume();
                confirmDelete();
            }
        });
        MenuItem resetItem = new MenuItem("Reset offsets…");
        resetItem.setOnAction(e -> showResetDialog());
        MenuItem deleteItem = new MenuItem("Delete group…");
        deleteItem.setOnAction(e -> confirmDelete());
        resetItem.disableProperty().bind(reset.disableProperty());
        deleteItem.disableProperty().bind(delete.disableProperty());
        groups.setContextMenu(new ContextMenu(resetItem, deleteItem));
        return groups;
    }

    private TableView<PartitionLag> partitionsTable() {
        TableView<PartitionLag> table = new TableView<>(model.partitions());
        table.setId("group-partitions");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<PartitionLag, PartitionLag> axis = new TableColumn<>("Offsets");
        axis.setId("offset-axis-column");
        axis.setPrefWidth(210);
        axis.setMinWidth(120);
        axis.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        axis.setCellFactory(c -> new PartitionCells.OffsetBarCell(model));
        axis.setSortable(false);
        TableColumn<PartitionLag, PartitionLag> owner = new TableColumn<>("Owner");
        owner.setPrefWidth(160);
        owner.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        owner.setCellFactory(c -> new PartitionCells.OwnerCell(model));
        owner.setSortable(false);
        table.getColumns()
                .setAll(List.of(
                        this.<PartitionLag>text("Topic", PartitionLag::topic, 100),
                        number("Partition", p -> (long) p.partition()),
                        optional("Committed", p -> p.hasCommit() ? Long.toString(p.committed()) : "–"),
                        number("Log end", PartitionLag::logEnd),
                        optional(
                                "Lag",
                                p -> p.lag().isPresent() ? Long.toString(p.lag().getAsLong()) : "–"),
                        axis,
                        owner));
        table.getColumns().subList(1, 5).forEach(c -> c.setMinWidth(c.getText().length() * 9 + 30));
        Label pick = new Label("Select a group to see where it stands on each partition.");
        pick.getStyleClass().add("empty-state");
        table.setPlaceholder(pick);
        // A member joining or leaving recolours rows whose data did not change.
        model.ownerSlots().addListener((MapChangeListener<String, Integer>) c -> table.refresh());
        return table;
    }

    /** Opens Reset offsets for the selected group; the dialog explains itself when the group is active. */
    private void showResetDialog() {
        ResetOffsetsViewModel form = model.resetOffsets();
        if (form != null) {
            // A partition picked in the table narrows the reset to its topic; the dialog can widen it again.
            PartitionLag picked = partitions.getSelectionModel().getSelectedItem();
            if (picked != null) {
                form.topicProperty().set(picked.topic());
            }
            new ResetOffsetsDialog(window(), form).show();
        }
    }

    /** Asks before deleting; an active group cannot be deleted, so the question becomes an explanation. */
    private void confirmDelete() {
        GroupInfo group = model.selectedGroupProperty().get();
        if (group == null) {
            return;
        }
        Alert alert;
        if (group.isEmpty()) {
            ButtonType deleteButton = new ButtonType("Delete group", ButtonBar.ButtonData.OK_DONE);
            alert = new Alert(
                    Alert.AlertType.CONFIRMATION,
                    "Delete group " + group.id() + " and its committed offsets"
                            + " on " + group.partitions().size()
                            + " partition(s)? Its consumers would start again from their"
                            + " auto.offset.reset position.",
                    deleteButton,
                    ButtonType.CANCEL);
            alert.setHeaderText("Delete consumer group " + group.id() + "?");
            alert.getDialogPane().lookupButton(deleteButton).getStyleClass().add(Styles.DANGER);
            alert.getDialogPane().lookupButton(deleteButton).setId("confirm-delete-group");
            // Enter must not delete: the safe answer is the default one.
            ((Button) alert.getDialogPane().lookupButton(deleteButton)).setDefaultButton(false);
            ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
            alert.setOnHidden(e -> {
                if (alert.getResult() == deleteButton) {
                    model.deleteSelected();
                }
            });
        } else {
            alert = new Alert(
                    Alert.AlertType.INFORMATION,
                    "Group " + group.id() + " has live members (state " + group.state()
                            + "). Kafka deletes a group only while it is Empty: stop its consumers first.");
            alert.setHeaderText("Group " + group.id() + " is in use");
        }
        alert.initOwner(window());
        alert.getDialogPane().setId("delete-group-dialog");
        if (getScene() != null) {
            alert.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        }
        alert.show();
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private <T> TableColumn<T, String> text(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    private <T> TableColumn<T, String> optional(String title, Function<T, String> value) {
        TableColumn<T, String> column = text(title, value, 85);
        column.getStyleClass().add("number-column");
        return column;
    }

    private <T> TableColumn<T, Long> number(String title, Function<T, Long> value) {
        TableColumn<T, Long> column = new TableColumn<>(title);
        column.setPrefWidth(80);
        column.getStyleClass().add("number-column");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }
}
