package io.partita.app.groups;

import atlantafx.base.theme.Styles;
import io.partita.app.client.groups.GroupInfo;
import io.partita.app.client.groups.GroupMember;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** The selected group's live members, each with its colour: the key to the partition bars' colours. */
final class MemberLegend extends FlowPane {
    private final GroupsViewModel model;

    MemberLegend(GroupsViewModel model) {
        super(8, 6);
        this.model = model;
        setId("member-legend");
        getStyleClass().add("member-legend");
        setAlignment(Pos.CENTER_LEFT);
        model.members().addListener((ListChangeListener<GroupMember>) c -> rebuild());
        model.ownerSlots().addListener((MapChangeListener<String, Integer>) c -> rebuild());
        model.selectedGroupProperty().addListener((o, was, is) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        GroupInfo group = model.selectedGroupProperty().get();
        if (group == null) {
            return;
        }
        Label title = new Label("Members");
        title.getStyleClass().add("member-legend-title");
        getChildren().add(title);
        if (model.members().isEmpty()) {
            Label none = new Label("none: the group is " + group.state() + " (no consumer is running)");
            none.setId("member-legend-empty");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            getChildren().add(none);
            return;
        }
        for (GroupMember m : model.members()) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("owner-swatch", OwnerPalette.styleClass(model.ownerSlot(m.memberId())));
            Label name = new Label(m.label());
            HBox chip = new HBox(6, swatch, name);
            chip.setAlignment(Pos.CENTER_LEFT);
            chip.getStyleClass().add("member-chip");
            chip.setUserData(m.memberId());
            chip.setAccessibleText(m.label() + ", " + m.identity());
            Tooltip.install(chip, new Tooltip(m.label() + "\n" + m.identity()));
            getChildren().add(chip);
        }
    }
}
