package io.partita.app.welcome;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import io.partita.app.client.core.SecuritySettings.Protocol;
import io.partita.app.client.core.SecuritySettings.SaslMechanism;
import io.partita.app.client.core.SecuritySettings.StoreType;
import java.io.File;
import javafx.application.Platform;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Connect card: name, bootstrap servers, security protocol; SASL and TLS fields only when the protocol uses them;
 * Test connection, Save and Connect. Enter in any field connects.
 */
final class ConnectFormView extends VBox {
    private static final double LABEL_WIDTH = 130;
    private final WelcomeViewModel model;
    private final ConnectForm form;
    /** One grid per section, so a hidden section leaves no gaps; a fixed label width keeps them aligned. */
    private final VBox sections = new VBox(6);

    private GridPane grid;
    private TextField saslPassword;
    private int row;

    ConnectFormView(WelcomeViewModel model) {
        super(10);
        this.model = model;
        this.form = model.form();
        getStyleClass().addAll("card-panel", "connect-form");
        setId("connect-form");

        Label title = new Label("Connect to a cluster");
        title.getStyleClass().add(Styles.TITLE_4);
        Label text = new Label("Any Kafka-protocol cluster: Partita, Apache Kafka, Redpanda…");
        text.getStyleClass().add(Styles.TEXT_MUTED);
        text.setWrapText(true);

        section(null);
        TextField servers = text("bootstrap-servers", "host:9092, host2:9092", form.bootstrapServersProperty());
        add("Bootstrap servers", servers);
        add("Name", text("profile-name", "Optional — name it to save it", form.nameProperty()));
        ComboBox<Protocol> protocol = combo("security-protocol", Protocol.values(), form.protocolProperty());
        add("Security", protocol);

        BooleanExpression sasl = form.usesSaslProperty();
        section(sasl);
        add("SASL mechanism", combo("sasl-mechanism", SaslMechanism.values(), form.saslMechanismProperty()));
        add("User name", text("sasl-username", "", form.usernameProperty()));
        saslPassword = password("sasl-password", form.passwordProperty());
        add("Password", saslPassword);

        BooleanExpression tls = form.usesTlsProperty();
        section(tls);
        add(
                "Truststore",
                file(
                        "truststore",
                        "Empty: the system's trusted CAs",
                        form.truststorePathProperty(),
                        "Choose a truststore"));
        add(
                "Type, password",
                storeRow("truststore", form.truststoreTypeProperty(), form.truststorePasswordProperty(), true));
        ToggleSwitch verify = new ToggleSwitch("Verify the server's host name");
        verify.setId("verify-hostname");
        verify.selectedProperty().bindBidirectional(form.verifyHostnameProperty());
        add("", verify);
        CheckBox mutual = new CheckBox("Client certificate (mutual TLS)");
        mutual.setId("client-certificate");
        mutual.selectedProperty().bindBidirectional(form.clientCertificateProperty());
        add("", mutual);
        BooleanExpression keystore = tls.and(form.clientCertificateProperty());
        section(keystore);
        add(
                "Keystore",
                file("keystore", "The client's key and certificate", form.keystorePathProperty(), "Choose a keystore"));
        add(
                "Type, password",
                storeRow("keystore", form.keystoreTypeProperty(), form.keystorePasswordProperty(), false));

        CheckBox remember = new CheckBox("Remember passwords");
        remember.setId("remember-passwords");
        remember.selectedProperty().bindBidirectional(form.rememberPasswordsProperty());
        String where = model.credentialsFileText();
        Label rememberNote = new Label(
                where.isEmpty()
                        ? ""
                        : "Only if ticked, in " + where
                                + " (only you can read it); otherwise asked for when you connect.");
        rememberNote.setMinHeight(Region.USE_PREF_SIZE);
        rememberNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        rememberNote.setWrapText(true);
        VBox rememberBox = new VBox(4, remember, rememberNote);
        section(sasl.or(tls)); // PLAINTEXT has no passwords to remember
        add("", rememberBox);
        Button test = new Button("Test connection");
        test.setId("test-connection");
        test.setTooltip(new Tooltip("Connect with these settings and report what answers, without opening it"));
        test.disableProperty().bind(model.busyProperty());
        test.setOnAction(e -> model.testConnection());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-test");
        cancel.visibleProperty().bind(model.testingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancelTest());
        Button save = new Button("Save");
        save.setId("save-profile");
        save.setTooltip(new Tooltip("Save these settings under their name (Ctrl+S)"));
        save.disableProperty().bind(model.busyProperty().or(form.nameProperty().isEmpty()));
        save.setOnAction(e -> model.saveProfile());
        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.getStyleClass().add(Styles.ACCENT);
        connect.disableProperty().bind(model.canConnectProperty().not());
        connect.setOnAction(e -> model.connect());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, test, cancel, gap, save, connect);
        buttons.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(title, text, sections, buttons);
        setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.S) {
                e.consume();
                model.saveProfile();
            } else if (e.getCode() == KeyCode.ESCAPE && model.testingProperty().get()) {
                e.consume();
                model.cancelTest();
            }
        });
        // When the password is what is missing (a saved connection whose password was not remembered), type it here.
        model.passwordNeededProperty().addListener((o, was, needed) -> {
            if (needed) {
                Platform.runLater(saslPassword::requestFocus);
            }
        });
    }

    /** Starts a new section of rows, shown only while {@code shown} (null: always). */
    private void section(BooleanExpression shown) {
        grid = new GridPane();
        grid.getStyleClass().add("connect-grid");
        grid.setHgap(10);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints(LABEL_WIDTH);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        if (shown != null) {
            grid.visibleProperty().bind(shown);
            grid.managedProperty().bind(shown);
        }
        row = 0;
        sections.getChildren().add(grid);
    }

    /** A labelled row in the current section. */
    private void add(String label, Node field) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        l.setLabelFor(field);
        if (field instanceof Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        grid.addRow(row++, l, field);
    }

    /** A text field bound to {@code value}; Enter connects rather than starting a local cluster. */
    private TextField text(String id, String prompt, StringProperty value) {
        TextField field = new TextField();
        return configure(field, id, prompt, value);
    }

    private TextField password(String id, StringProperty value) {
        return configure(new PasswordField(), id, "", value);
    }

    private TextField configure(TextField field, String id, String prompt, StringProperty value) {
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        field.disableProperty().bind(model.busyProperty());
        field.setOnAction(e -> {
            e.consume();
            model.connect();
        });
        return field;
    }

    private <T> ComboBox<T> combo(String id, T[] values, ObjectProperty<T> value) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.valueProperty().bindBidirectional(value);
        box.disableProperty().bind(model.busyProperty());
        return box;
    }

    /** A path field with a Browse… button that opens a file chooser. */
    private Node file(String id, String prompt, StringProperty path, String chooserTitle) {
        TextField field = text(id + "-path", prompt, path);
        Button browse = new Button("Browse…");
        browse.setId(id + "-browse");
        browse.disableProperty().bind(model.busyProperty());
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(chooserTitle);
            chooser.getExtensionFilters()
                    .addAll(
                            new FileChooser.ExtensionFilter(
                                    "Key and trust stores",
                                    "*.jks",
                                    "*.p12",
                                    "*.pfx",
                                    "*.pem",
                                    "*.crt",
                                    "*.cer",
                                    "*.key"),
                            new FileChooser.ExtensionFilter("All files", "*"));
            File current = path.get().isBlank() ? null : new File(path.get()).getParentFile();
            if (current != null && current.isDirectory()) {
                chooser.setInitialDirectory(current);
            }
            File chosen = chooser.showOpenDialog(
                    getScene() == null ? null : getScene().getWindow());
            if (chosen != null) {
                path.set(chosen.getAbsolutePath());
            }
        });
        HBox box = new HBox(8, field, browse);
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(field, Priority.ALWAYS);
        return box;
    }

    /**
     * The store's type and its password on one row. {@code pemHasNoPassword}: a PEM truststore has none (a PEM
     * keystore's password is its key's).
     */
    private Node storeRow(
            String id, ObjectProperty<StoreType> type, StringProperty password, boolean pemHasNoPassword) {
        ComboBox<StoreType> types = combo(id + "-type", StoreType.values(), type);
        types.setPrefWidth(110);
        TextField secret = password(id + "-password", password);
        secret.setPromptText("Password");
        if (pemHasNoPassword) {
            secret.disableProperty().unbind();
            secret.disableProperty().bind(model.busyProperty().or(type.isEqualTo(StoreType.PEM)));
        }
        HBox box = new HBox(8, types, secret);
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(secret, Priority.ALWAYS);
        return box;
    }
}
