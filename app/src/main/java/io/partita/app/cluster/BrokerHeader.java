package io.partita.app.cluster;

import atlantafx.base.theme.Styles;
import io.partita.app.client.cluster.BrokerColumn;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The header of one broker's column on the cluster map: its name, up or down, the controller badge, its rack
 * and address, and (for a local cluster) the menu that stops, kills or starts it. Built once per column and
 * updated in place when the broker changes, since that happens exactly when the map is busiest: a broker
 * dying changes every partition it holds in the same refresh.
 */
final class BrokerHeader extends VBox {
    private final ClusterMapViewModel model;
    private final int id;
    private final Label state = new Label();
    private final Label controller = new Label("controller");
    private final Label rack = new Label();
    private final Label address = new Label();
    private final MenuItem stop;
    private final MenuItem kill;
    private final MenuItem start;
    private BrokerColumn shown;

    BrokerHeader(ClusterMapViewModel model, BrokerColumn broker) {
        super(2);
        this.model = model;
        this.id = broker.id();
        getStyleClass().add("broker-header");
        Label name = new Label("Broker " + id);
        name.getStyleClass().add("broker-name");
        // The broker's colour, as its replicas' marks have it in the partition log view.
        Region swatch = new Region();
        swatch.getStyleClass().addAll("broker-swatch", BrokerColors.styleClass(id));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox title = new HBox(6, swatch, name, spacer);
        title.setAlignment(Pos.CENTER_LEFT);

        stop = new MenuItem("Stop broker " + id);
        stop.setOnAction(e -> model.stopNode(id));
        kill = new MenuItem("Kill broker " + id);
        kill.setOnAction(e -> model.killNode(id));
        start = new MenuItem();
        start.setOnAction(e -> startOrRestart());
        if (model.controlsNodes()) {
            MenuButton menu = new MenuButton("", null, stop, kill, start);
            menu.setId("node-menu-" + id);
            menu.getStyleClass().addAll(Styles.FLAT, "node-menu");
            menu.disableProperty().bind(model.busyProperty());
            title.getChildren().add(menu);
        }

        state.setId("broker-state-" + id);
        state.getStyleClass().add("broker-state");
        controller.getStyleClass().add("badge");
        rack.getStyleClass().add("badge-muted");
        for (Label badge : new Label[] {controller, rack}) {
            badge.managedProperty().bind(badge.visibleProperty());
        }
        HBox badges = new HBox(6, state, controller, rack);
        badges.setAlignment(Pos.CENTER_LEFT);
        address.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "broker-header-address");
        getChildren().addAll(title, badges, address);
        show(broker);
    }

    /** Shows {@code broker}, touching only what changed. */
    void show(BrokerColumn broker) {
        if (broker.equals(shown)) {
            return;
        }
        if (shown == null || shown.up() != broker.up()) {
            state.setText(broker.up() ? "up" : "down");
            state.getStyleClass().removeAll("broker-up", "broker-down");
            state.getStyleClass().add(broker.up() ? "broker-up" : "broker-down");
            stop.setDisable(!broker.up());
            kill.setDisable(!broker.up());
            start.setText((broker.up() ? "Restart broker " : "Start broker ") + id);
        }
        controller.setVisible(broker.controller());
        boolean hasRack = broker.rack() != null && !broker.rack().isEmpty();
        rack.setVisible(hasRack);
        rack.setText(hasRack ? "rack " + broker.rack() : "");
        address.setText(broker.address());
        shown = broker;
    }

    private void startOrRestart() {
        if (shown.up()) {
            model.stopNode(id).thenCompose(v -> model.startNode(id));
        } else {
            model.startNode(id);
        }
    }
}
