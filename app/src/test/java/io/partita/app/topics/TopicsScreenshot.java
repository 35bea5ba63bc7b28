package io.partita.app.topics;

import io.partita.app.PartitaApp;
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
 * <p>{@code java -Duser.home=H -Dpartita.prefs=NODE -cp 'app/target/partita.jar:app/target/lib/*'
 * app/src/test/java/io/partita/app/topics/TopicsScreenshot.java TOPIC [configs|edit|delete|partitions]}
 */
public final class TopicsScreenshot {
    private TopicsScreenshot() {
    }

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
                    topics.getItems().stream().filter(t -> t.name().equals(topic)).findFirst().ifPresent(t -> {
                        topics.getSelectionModel().select(t);
                        topics.requestFocus();
                        if (configs) {
                            stage.getScene().getRoot().lookupAll(".tab-pane").stream()
                                    .map(n -> (javafx.scene.control.TabPane) n)
                                    .forEach(p -> p.getTabs().stream().filter(x -> "detail-configs-tab".equals(x.getId()))
                                            .forEach(x -> p.getSelectionModel().select(x)));
                        }
                        TopicsView panel = (TopicsView) stage.getScene().lookup(".topics-panel");
                        switch (view) {
                            case "edit" -> panel.showEditConfig(topic, "retention.ms");
                            case "delete" -> panel.confirmDelete(t);
                            case "partitions" -> panel.showAddPartitions(t);
                            default -> { }
                        }
                        poll.stop();
                    });
                }
            }));
            poll.setCycleCount(Animation.INDEFINITE);
            poll.play();
        });
    }
}
