package io.partita.app.connection;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The first screen: Start local cluster (default button, so Enter starts it) or connect to a cluster. */
public final class WelcomeView extends StackPane {
    private final WelcomeViewModel model;
    private final Button startButton;

    public WelcomeView(WelcomeViewModel model) {
        this.model = model;
        getStyleClass().add("welcome");
        setId("welcome");

        Label title = new Label("Partita");
        title.getStyleClass().addAll(Styles.TITLE_1, "welcome-title");
        Label tagline = new Label("A workbench for Kafka-style streaming, with its own broker inside.");
        tagline.getStyleClass().addAll(Styles.TEXT_MUTED, "welcome-tagline");

        // Primary: a local cluster.
        Label localTitle = new Label("Start a local cluster");
        localTitle.getStyleClass().add(Styles.TITLE_4);
        Label localText = new Label("Runs ZooKeeper and broker nodes inside Partita, on this machine. Topics and "
                + "messages are kept in " + model.localClusterDirectoryText() + " for next time.");
        localText.getStyleClass().add(Styles.TEXT_MUTED);
        localText.setWrapText(true);

        Spinner<Integer> nodes = new Spinner<>();
        nodes.setId("node-count");
        SpinnerValueFactory.IntegerSpinnerValueFactory nodeValues =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, WelcomeViewModel.MAX_NODES,
                        WelcomeViewModel.DEFAULT_NODES);
        nodeValues.valueProperty().bindBidirectional(model.nodeCountProperty());
        nodes.setValueFactory(nodeValues);
        nodes.setEditable(true);
        nodes.getStyleClass().add(Spinner.STYLE_CLASS_SPLIT_ARROWS_HORIZONTAL);
        nodes.setPrefWidth(120);
        nodes.disableProperty().bind(model.busyProperty());
        Label nodesLabel = new Label("Nodes");
        nodesLabel.setLabelFor(nodes);

        startButton = new Button("Start local cluster");
        startButton.setId("start-local");
        startButton.getStyleClass().addAll(Styles.ACCENT, Styles.LARGE);
        startButton.setDefaultButton(true);
        startButton.setMaxWidth(Double.MAX_VALUE);
        startButton.disableProperty().bind(model.busyProperty());
        startButton.setOnAction(e -> model.startLocalCluster());

        HBox localRow = new HBox(12, nodesLabel, nodes, spacer(), startButton);
        localRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(startButton, Priority.NEVER);
        VBox localCard = card(localTitle, localText, localRow);

        // Secondary: an existing cluster.
        Label remoteTitle = new Label("Connect to a cluster");
        remoteTitle.getStyleClass().add(Styles.TITLE_4);
        Label remoteText = new Label("Any Kafka-protocol cluster: Partita, Apache Kafka, Redpanda…");
        remoteText.getStyleClass().add(Styles.TEXT_MUTED);
        remoteText.setWrapText(true);
        TextField servers = new TextField();
        servers.setId("bootstrap-servers");
        servers.setPromptText("Bootstrap servers, e.g. localhost:9092");
        servers.textProperty().bindBidirectional(model.bootstrapServersProperty());
        servers.disableProperty().bind(model.busyProperty());
        // Enter in this field connects (and does not start a local cluster).
        servers.setOnAction(e -> {
            e.consume();
            model.connect();
        });
        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.disableProperty().bind(model.canConnectProperty().not());
        connect.setOnAction(e -> model.connect());
        HBox remoteRow = new HBox(12, servers, connect);
        remoteRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(servers, Priority.ALWAYS);
        VBox remoteCard = card(remoteTitle, remoteText, remoteRow);

        // Feedback: progress while working, a clear message when something failed.
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("small-progress");
        Label progress = new Label();
        progress.setId("welcome-progress");
        progress.textProperty().bind(model.progressProperty());
        HBox progressRow = new HBox(10, spinner, progress);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(model.busyProperty());
        progressRow.managedProperty().bind(progressRow.visibleProperty());

        Label error = new Label();
        error.setId("welcome-error");
        error.getStyleClass().addAll(Styles.DANGER, "message", "message-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label or = new Label("or");
        or.getStyleClass().addAll(Styles.TEXT_MUTED, "welcome-or");

        VBox column = new VBox(16, title, tagline, localCard, or, remoteCard, progressRow, error);
        column.getStyleClass().add("welcome-column");
        column.setMaxWidth(560);
        column.setMaxHeight(Region.USE_PREF_SIZE);
        column.setAlignment(Pos.TOP_CENTER);
        getChildren().add(column);
        setAlignment(Pos.CENTER);

        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                startButton.requestFocus();
            }
        });
    }

    private static VBox card(javafx.scene.Node... children) {
        VBox card = new VBox(10, children);
        card.getStyleClass().add("card-panel");
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public WelcomeViewModel model() {
        return model;
    }
}
