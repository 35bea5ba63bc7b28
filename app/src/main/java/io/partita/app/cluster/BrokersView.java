package io.partita.app.cluster;

import atlantafx.base.theme.Styles;
import io.partita.app.client.cluster.BrokerInfo;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The brokers panel: one row per live broker, the controller marked. */
public final class BrokersView extends VBox {

    public BrokersView(BrokersViewModel model) {
        getStyleClass().add("brokers-panel");
        Label title = new Label("Brokers");
        title.getStyleClass().addAll(Styles.TITLE_4, "panel-title");
        Label count = new Label();
        count.setId("brokers-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.size(model.brokers()).asString("%d live"));
        HBox header = new HBox(8, title, spacer(), count);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add("panel-header");

        ListView<BrokerInfo> list = new ListView<>(model.brokers());
        list.setId("brokers");
        list.getStyleClass().addAll(Styles.DENSE, "brokers-list");
        list.setCellFactory(v -> new BrokerCell());
        Label empty = new Label("No brokers answered yet.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);

        getChildren().addAll(header, list);
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private static final class BrokerCell extends ListCell<BrokerInfo> {
        private final Label name = new Label();
        private final Label address = new Label();
        private final Label controller = new Label("controller");
        private final HBox row;

        BrokerCell() {
            name.getStyleClass().add("broker-name");
            address.getStyleClass().addAll(Styles.TEXT_MUTED, "broker-address");
            controller.getStyleClass().add("badge");
            VBox text = new VBox(2, name, address);
            row = new HBox(8, text, spacer(), controller);
            row.setAlignment(Pos.CENTER_LEFT);
            getStyleClass().add("broker-cell");
        }

        @Override
        protected void updateItem(BrokerInfo broker, boolean empty) {
            super.updateItem(broker, empty);
            if (empty || broker == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText("Broker " + broker.id());
            address.setText(broker.address() + (broker.rack() == null ? "" : "  ·  rack " + broker.rack()));
            controller.setVisible(broker.controller());
            controller.setManaged(broker.controller());
            setText(null);
            setGraphic(row);
        }
    }
}
