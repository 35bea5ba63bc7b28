package io.partita.app.welcome;

import atlantafx.base.theme.Styles;
import io.partita.app.client.core.ClientSecurity;
import io.partita.app.client.core.ConnectionProfile;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The saved connections: selecting one fills the Connect form (to edit it and Save again); Enter or a double-click
 * connects; Delete forgets it.
 */
final class SavedProfilesView extends VBox {

    SavedProfilesView(WelcomeViewModel model) {
        super(10);
        getStyleClass().addAll("card-panel", "saved-profiles");

        Label title = new Label("Saved connections");
        title.getStyleClass().add(Styles.TITLE_4);

        ListView<ConnectionProfile> list = new ListView<>(model.savedProfiles());
        list.setId("saved-profiles");
        list.getStyleClass().add(Styles.DENSE);
        list.setPrefHeight(150);
        list.setMinHeight(100);
        list.setCellFactory(v -> new ProfileCell());
        Label empty = new Label("None yet. Give a connection a name in the form and press Save.");
        empty.getStyleClass().addAll(Styles.TEXT_MUTED, "list-placeholder");
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        list.disableProperty().bind(model.busyProperty());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, selected) -> model.edit(selected));
        list.setOnKeyPressed(e -> {
            ConnectionProfile selected = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                e.consume();
                model.connectTo(selected);
            } else if (e.getCode() == KeyCode.DELETE && selected != null) {
                e.consume();
                model.deleteProfile(selected);
            }
        });
        list.setOnMouseClicked(e -> {
            ConnectionProfile selected = list.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && selected != null) {
                model.connectTo(selected);
            }
        });
        // The one in the form is selected: at launch the one used last (so Enter reopens it), after Save the saved one.
        selectTheFormsProfile(model, list);
        model.savedProfiles()
                .addListener((ListChangeListener<ConnectionProfile>) c -> selectTheFormsProfile(model, list));

        Button connect = new Button("Connect");
        connect.setId("profile-connect");
        connect.disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        connect.setOnAction(e -> model.connectTo(list.getSelectionModel().getSelectedItem()));
        Button delete = new Button("Delete");
        delete.setId("profile-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.disableProperty().bind(connect.disableProperty());
        delete.setOnAction(e -> model.deleteProfile(list.getSelectionModel().getSelectedItem()));
        Label hint = new Label("Select to edit · Enter connects");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, hint, gap, delete, connect);
        buttons.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(title, list, buttons);
        VBox.setVgrow(list, Priority.ALWAYS);
    }

    private static void selectTheFormsProfile(WelcomeViewModel model, ListView<ConnectionProfile> list) {
        String name = model.form().nameProperty().get();
        model.savedProfiles().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .ifPresentOrElse(
                        p -> list.getSelectionModel().select(p),
                        () -> list.getSelectionModel().clearSelection());
    }

    /** Name, then address and security in muted text. */
    private static final class ProfileCell extends ListCell<ConnectionProfile> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(2, name, detail);

        ProfileCell() {
            setPrefWidth(0); // long addresses are cut with an ellipsis instead of scrolling the list sideways
            name.getStyleClass().add("saved-profile-name");
            detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "saved-profile-detail");
        }

        @Override
        protected void updateItem(ConnectionProfile p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(p.name());
            String security = ClientSecurity.summary(p.security());
            detail.setText(p.bootstrapServers() + (security.isEmpty() ? "" : " · " + security));
            setText(null);
            setGraphic(box);
        }
    }
}
