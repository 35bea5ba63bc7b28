package io.partita.app.topics;

import io.partita.app.PartitaApp;
import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.testing.DialogSnapshot;
import java.nio.file.Path;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Launches Partita for a screenshot of the Topics tab with a topic selected (after ScreenshotSeed and its
 * {@code --tab topics}): as the app, then, once the topic is listed, selects it as a click would.
 *
 * <p>{@code java -Duser.home=H -Dpartita.prefs=NODE -cp 'app/target/partita.jar:app/target/lib/*:app/target/test-classes'
 * io.partita.app.topics.TopicsScreenshot TOPIC [configs|edit|delete|partitions|new|degraded] [DIALOG.png]}
 */
public final class TopicsScreenshot {
    private TopicsScreenshot() {}

    public static void main(String[] args) {
        String topic = args[0];
        String view = args.length > 1 ? args[1] : "";
        boolean configs = view.equals("configs") || view.equals("edit");
        Platform.startup(() -> {
            Stage stage = new Stage();
            new PartitaApp().start(stage);
            Timeline poll = new Timeline();
            poll.getKeyFrames().add(new KeyFrame(Duration.millis(300), e -> {
                if (stage.getScene().lookup("#topics") instanceof TableView<?> table) {
                    @SuppressWarnings("unchecked")
                    TableView<TopicInfo> topics = (TableView<TopicInfo>) table;
                    topics.getItems().stream()
                            .filter(t -> t.name().equals(topic))
                            .findFirst()
                            .ifPresent(t -> {
                                topics.getSelectionModel().select(t);
                                topics.requestFocus();
                                if (configs) {
                                    stage.getScene().getRoot().lookupAll(".tab-pane").stream()
                                            .map(n -> (javafx.scene.control.TabPane) n)
                                            .forEach(p -> p.getTabs().stream()
                                                    .filter(x -> "detail-configs-tab".equals(x.getId()))
                                                    .forEach(x -> p.getSelectionModel()
                                                            .select(x)));
                                }
                                // Dialogs start from the loaded detail (the current config values), as after a user's
                                // click.
                                if (!(stage.getScene().lookup("#config-table") instanceof TableView<?> loaded)
                                        || loaded.getItems().isEmpty()) {
                                    return;
                                }
                                if (view.equals("degraded")
                                        && stage.getScene().lookup("#node-menu-2")
                                                instanceof javafx.scene.control.MenuButton node
                                        && !node.isDisabled()) {
                                    // Kill broker 2 from the cluster map's node menu, as a user would, to show
                                    // out-of-sync replicas.
                                    node.getItems().stream()
                                            .filter(i -> "Kill broker 2".equals(i.getText()))
                                            .findFirst()
                                            .ifPresent(javafx.scene.control.MenuItem::fire);
                                    node.setDisable(true);
                                }
                                TopicsView panel = (TopicsView) stage.getScene().lookup(".topics-panel");
                                switch (view) {
                                    case "edit" -> panel.actions().editConfig(topic, "retention.ms");
                                    case "delete" -> panel.actions().confirmDelete(t);
                                    case "partitions" -> panel.actions().addPartitions(t);
                                    case "new" ->
                                        ((javafx.scene.control.Button)
                                                        stage.getScene().lookup("#new-topic"))
                                                .fire();
                                    default -> {}
                                }
                                poll.stop();
                                if (args.length > 2) {
                                    DialogSnapshot.saveLater(Path.of(args[2]), Duration.seconds(3));
                                }
                            });
                }
            }));
            poll.setCycleCount(Animation.INDEFINITE);
            poll.play();
        });
    }
}
