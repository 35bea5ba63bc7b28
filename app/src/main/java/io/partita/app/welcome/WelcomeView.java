package io.partita.app.welcome;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The first screen: Start local cluster (default button, so Enter starts it), or connect to a cluster with the
 * Connect form (Enter in a field connects) or a saved connection.
 */
public final class WelcomeView extends StackPane {
    /** Below this width the two columns no longer fit side by side. */
    private static final double NARROW = 1010;

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
        Label localText = new Label("Runs ZooKeeper and broker nodes inside Partita on this machine, from port "
                + model.localClusterPort() + " when it is free. Topics and messages are kept in "
                + model.localClusterDirectoryText() + " for next time.");
        localText.getStyleClass().add(Styles.TEXT_MUTED);
        localText.setWrapText(true);
        localText.setMinHeight(Region.USE_PREF_SIZE);

        Spinner<Integer> nodes = new Spinner<>();
        nodes.setId("node-count");
        SpinnerValueFactory.IntegerSpinnerValueFactory nodeValues = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                1, WelcomeViewModel.MAX_NODES, WelcomeViewModel.DEFAULT_NODES);
        nodeValues.valueProperty().bindBidirectional(model.nodeCountProperty());
        nodes.setValueFactory(nodeValues);
        nodes.setEditable(true);
        nodes.getStyleClass().add(Spinner.STYLE_CLASS_SPLIT_ARROWS_HORIZONTAL);
        nodes.setPrefWidth(120);
        nodes.disableProperty().bind(model.busyProperty());
        Label nodesLabel = new Label("Nodes");
        nodesLabel.setLabelFor(nodes);
        nodesLabel.setMinWidth(Region.USE_PREF_SIZE);

        startButton = new Button("Start local cluster");
        startButton.setId("start-local");
        startButton.getStyleClass().addAll(Styles.ACCENT, Styles.LARGE);
        startButton.setDefaultButton(true);
        startButton.setMaxWidth(Double.MAX_VALUE);
        startButton.setMinWidth(Region.USE_PREF_SIZE);
        startButton.disableProperty().bind(model.busyProperty());
        startButton.setOnAction(e -> model.startLocalCluster());

        HBox localRow = new HBox(12, nodesLabel, nodes, spacer(), startButton);
        localRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(startButton, Priority.NEVER);
        VBox localCard = card(localTitle, localText, localRow);

        // Secondary: an existing cluster, with its security settings, and the connections saved before.
        ConnectFormView connectForm = new ConnectFormView(model);
        SavedProfilesView saved = new SavedProfilesView(model);

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

        // Starting the local cluster found it running in another Partita: say so and offer it, not an error.
        Label noticeText = new Label();
        noticeText.setId("welcome-notice");
        noticeText.setWrapText(true);
        noticeText.setMaxWidth(Double.MAX_VALUE);
        noticeText.textProperty().bind(model.noticeProperty());
        Button connectElsewhere = new Button("Connect to the running cluster");
        connectElsewhere.setId("connect-running-local");
        connectElsewhere.getStyleClass().add(Styles.ACCENT);
        connectElsewhere.disableProperty().bind(model.busyProperty());
        connectElsewhere.visibleProperty().bind(model.runningElsewhereProperty().isNotEmpty());
        connectElsewhere.managedProperty().bind(connectElsewhere.visibleProperty());
        connectElsewhere.setOnAction(e -> model.connectToRunningLocalCluster());
        VBox notice = new VBox(10, noticeText, connectElsewhere);
        notice.getStyleClass().addAll("message", "message-warning");
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        Label info = new Label();
        info.setId("welcome-info");
        info.getStyleClass().addAll("message", "message-success");
        info.setWrapText(true);
        info.setMaxWidth(Double.MAX_VALUE);
        info.textProperty().bind(model.infoProperty());
        info.visibleProperty()
                .bind(model.infoProperty()
                        .isNotEmpty()
                        .and(model.errorProperty().isEmpty()));
        info.managedProperty().bind(info.visibleProperty());

        VBox left = new VBox(16, localCard, saved);
        left.setPrefWidth(430);
        left.setMinWidth(400);
        VBox.setVgrow(saved, Priority.ALWAYS);
        VBox right = new VBox(12, connectForm, progressRow, error, notice, info);
        right.setPrefWidth(530);
        right.setMinWidth(460);
        HBox columns = new HBox(20, left, right);
        columns.getStyleClass().add("welcome-columns");
        HBox.setHgrow(right, Priority.ALWAYS);
        VBox stacked = new VBox(16);
        stacked.getStyleClass().add("welcome-columns");

        VBox column = new VBox(6, title, tagline, columns);
        column.getStyleClass().add("welcome-column");
        column.setMaxWidth(980);
        column.setMaxHeight(Region.USE_PREF_SIZE);
        column.setAlignment(Pos.TOP_CENTER);
        // A small window scrolls rather than squeezing the form.
        StackPane centred = new StackPane(column);
        centred.setAlignment(Pos.CENTER);
        ScrollPane scroll = new ScrollPane(centred);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("welcome-scroll");
        getChildren().add(scroll);
        // A narrow window stacks the form under the local cluster and saved connections instead of scrolling sideways.
        widthProperty().addListener((o, was, width) -> {
            boolean narrow = width.doubleValue() < NARROW;
            if (narrow == (left.getParent() == stacked)) {
                return;
            }
            (narrow ? columns : stacked).getChildren().clear();
            (narrow ? stacked : columns).getChildren().setAll(left, right);
            column.getChildren().set(2, narrow ? stacked : columns);
            if (!model.errorProperty().get().isEmpty()
                    || !model.infoProperty().get().isEmpty()) {
                Platform.runLater(() -> reveal(scroll));
            }
        });
        // Feedback appears under the form: in a window too small for both, scroll it into view.
        for (ObservableStringValue feedback : List.of(
                model.errorProperty(), model.infoProperty(), model.progressProperty(), model.noticeProperty())) {
            feedback.addListener((o, was, is) -> {
                if (is != null && !is.isEmpty()) {
                    Platform.runLater(() -> reveal(scroll));
                }
            });
        }
        setAlignment(Pos.CENTER);

        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                startButton.requestFocus();
            }
        });
    }

    /** Scrolls to the bottom, where the feedback is, once the new message has been laid out. */
    private static void reveal(ScrollPane scroll) {
        scroll.applyCss();
        scroll.layout();
        scroll.setVvalue(scroll.getVmax());
    }

    static VBox card(Node... children) {
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
