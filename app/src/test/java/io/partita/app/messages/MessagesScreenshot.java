package io.partita.app.messages;

import io.partita.app.PartitaApp;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Launches Partita for a screenshot of the message browser (after ScreenshotSeed): as the app, then, once the
 * topic is offered, opens the Messages tab, searches all of TOPIC's partitions from OFFSET for "refunded" in the value and
 * selects the third match, as a user's clicks would.
 *
 * With {@code replay OUT.png} it reads partition 0 from OFFSET instead, then opens the replay window, replays that
 * partition from OFFSET into the app at 5
 * records a second, pauses after a few, and saves the window as JavaFX draws it.
 *
 * <p>{@code java -Duser.home=H -Dpartita.prefs=NODE -cp 'app/target/partita.jar:app/target/lib/*:app/target/test-classes'
 * io.partita.app.messages.MessagesScreenshot TOPIC OFFSET [replay OUT.png]}
 */
public final class MessagesScreenshot {
    private MessagesScreenshot() {
    }

    private static void replay(MessagesView view, String offset, String out) {
        view.openReplayDialog();
        javafx.stage.Window dialog = javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getOwner() != null).findFirst().orElseThrow();
        javafx.scene.Parent root = dialog.getScene().getRoot();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<StartChoice> from =
                (javafx.scene.control.ChoiceBox<StartChoice>) root.lookup("#replay-from");
        from.setValue(StartChoice.OFFSET);
        ((javafx.scene.control.TextField) root.lookup("#replay-from-value")).setText(offset);
        ((javafx.scene.control.TextField) root.lookup("#replay-filter")).setText("refunded");
        ((javafx.scene.control.TextField) root.lookup("#replay-speed-value")).setText("5");
        ((Button) root.lookup("#replay-start")).fire();
        javafx.animation.PauseTransition pause = new javafx.animation.PauseTransition(Duration.seconds(2.5));
        pause.setOnFinished(e -> ((Button) root.lookup("#replay-pause")).fire());
        pause.play();
        io.partita.app.testing.DialogSnapshot.saveLater(java.nio.file.Path.of(out), Duration.seconds(4));
    }

    /** All partitions of the topic, searched for refunded payments: the Partition column and the search bar at work. */
    private static void search(Stage stage) {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Integer> partition =
                (javafx.scene.control.ComboBox<Integer>) stage.getScene().lookup("#browse-partition");
        partition.setValue(MessagesViewModel.ALL_PARTITIONS);
        ((javafx.scene.control.TextField) stage.getScene().lookup("#search-text")).setText("refunded");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<MessageFilter.Field> field =
                (javafx.scene.control.ChoiceBox<MessageFilter.Field>) stage.getScene().lookup("#search-field");
        field.setValue(MessageFilter.Field.VALUE);
        ((Button) stage.getScene().lookup("#search-go")).fire();
    }

    public static void main(String[] args) {
        String topic = args[0];
        String offset = args[1];
        Platform.startup(() -> {
            Stage stage = new Stage();
            new PartitaApp().start(stage);
            Timeline poll = new Timeline();
            // The view model is reached through the controls, as a user's clicks would.
            poll.getKeyFrames().add(new KeyFrame(Duration.millis(300), e -> {
                if (!(stage.getScene().lookup("#messages-panel") instanceof MessagesView)
                        || !(stage.getScene().lookup("#workspace-tabs") instanceof TabPane tabs)) {
                    return;
                }
                @SuppressWarnings("unchecked")
                javafx.scene.control.ComboBox<String> topics =
                        (javafx.scene.control.ComboBox<String>) stage.getScene().lookup("#browse-topic");
                if (!topics.getItems().contains(topic)) {
                    return;
                }
                tabs.getTabs().stream().filter(t -> "messages-tab".equals(t.getId())).findFirst()
                        .ifPresent(t -> tabs.getSelectionModel().select(t));
                TableView<?> table = (TableView<?>) stage.getScene().lookup("#messages");
                boolean replay = args.length > 3 && args[2].equals("replay");
                if (table.getItems().isEmpty()) {
                    topics.setValue(topic);
                    @SuppressWarnings("unchecked")
                    javafx.scene.control.ChoiceBox<StartChoice> start =
                            (javafx.scene.control.ChoiceBox<StartChoice>) stage.getScene().lookup("#browse-start");
                    start.setValue(StartChoice.OFFSET);
                    ((javafx.scene.control.TextField) stage.getScene().lookup("#browse-start-value")).setText(offset);
                    if (replay) {
                        ((Button) stage.getScene().lookup("#browse-go")).fire();
                    } else {
                        search(stage);
                    }
                    return;
                }
                if (!replay && stage.getScene().lookup("#search-cancel").isVisible()) {
                    return; // the search is still running: the shot shows it done
                }
                table.getSelectionModel().select(2);
                table.requestFocus();
                poll.stop();
                if (replay) {
                    replay((MessagesView) stage.getScene().lookup("#messages-panel"), offset, args[3]);
                }
            }));
            poll.setCycleCount(Animation.INDEFINITE);
            poll.play();
        });
    }
}
