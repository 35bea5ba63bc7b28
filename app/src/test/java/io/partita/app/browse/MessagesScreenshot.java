package io.partita.app.browse;

import io.partita.app.PartitaApp;
import io.partita.app.client.produce.ProduceInput;
import io.partita.app.client.records.MessageFilter;
import io.partita.app.common.StartChoice;
import io.partita.app.replay.ReplayViewModel;
import io.partita.app.testing.DialogSnapshot;
import io.partita.app.transfer.ExportViewModel;
import java.nio.file.Path;
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
 * partition from OFFSET into the app at 5 records a second, pauses after a few, and saves the window as JavaFX draws
 * it; {@code replay OUT.png all} replays all the topic's partitions (interleaved by time, an axis each).
 *
 * With {@code export OUT.png FILE} it opens the export window instead, exports every partition of TOPIC to FILE
 * (which must not exist: the question before replacing would block the launcher) and saves the window with its
 * summary; with {@code import OUT.png FILE TARGET} the import window sends FILE to TARGET, partitions by key.
 *
 * With {@code produce OUT.png} it opens the produce window on TOPIC and starts a generated batch of 200 JSON records
 * at 20 a second: OUT-form.png is the window as it opens; OUT.png mid-batch; OUT-done.png after it, the value kind
 * switched to File.
 *
 * <p>{@code java -Duser.home=H -Dpartita.prefs=NODE -cp 'app/target/partita.jar:app/target/lib/*:app/target/test-classes'
 * io.partita.app.browse.MessagesScreenshot TOPIC OFFSET [replay|produce|export|import OUT.png …]}
 */
public final class MessagesScreenshot {
    private MessagesScreenshot() {}

    private static void replay(MessagesView view, String offset, String out, boolean all) {
        view.openReplayDialog();
        javafx.stage.Window dialog = javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getOwner() != null)
                .findFirst()
                .orElseThrow();
        javafx.scene.Parent root = dialog.getScene().getRoot();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<StartChoice> from =
                (javafx.scene.control.ChoiceBox<StartChoice>) root.lookup("#replay-from");
        from.setValue(StartChoice.OFFSET);
        if (all) {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ChoiceBox<String> partition =
                    (javafx.scene.control.ChoiceBox<String>) root.lookup("#replay-partition");
            partition.setValue(ReplayViewModel.ALL_PARTITIONS);
        }
        ((javafx.scene.control.TextField) root.lookup("#replay-from-value")).setText(offset);
        ((javafx.scene.control.TextField) root.lookup("#replay-filter")).setText("EUR");
        ((javafx.scene.control.TextField) root.lookup("#replay-speed-value")).setText("5");
        ((Button) root.lookup("#replay-start")).fire();
        javafx.animation.PauseTransition pause = new javafx.animation.PauseTransition(Duration.seconds(2.5));
        pause.setOnFinished(e -> ((Button) root.lookup("#replay-pause")).fire());
        pause.play();
        DialogSnapshot.saveLater(Path.of(out), Duration.seconds(4));
    }

    private static void export(MessagesView view, String file, String out) {
        view.openExportDialog();
        javafx.scene.Parent root = ownedWindowRoot();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<String> partition =
                (javafx.scene.control.ChoiceBox<String>) root.lookup("#export-partition");
        partition.setValue(ExportViewModel.ALL_PARTITIONS);
        ((javafx.scene.control.TextField) root.lookup("#export-file")).setText(file);
        ((Button) root.lookup("#export-start")).fire();
        DialogSnapshot.saveLater(Path.of(out), Duration.seconds(4));
    }

    private static void importFile(MessagesView view, String file, String target, String out) {
        view.openImportDialog();
        javafx.scene.Parent root = ownedWindowRoot();
        ((javafx.scene.control.TextField) root.lookup("#import-file")).setText(file);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> topic =
                (javafx.scene.control.ComboBox<String>) root.lookup("#import-topic");
        topic.setValue(target);
        ((javafx.scene.control.CheckBox) root.lookup("#import-keep-partitions")).setSelected(false);
        ((Button) root.lookup("#import-start")).fire();
        DialogSnapshot.saveLater(Path.of(out), Duration.seconds(6));
    }

    private static javafx.scene.Parent ownedWindowRoot() {
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getOwner() != null)
                .findFirst()
                .orElseThrow()
                .getScene()
                .getRoot();
    }

    private static void produce(MessagesView view, String topic, String out) {
        view.openProduceDialog();
        javafx.scene.Parent root = ownedWindowRoot();
        DialogSnapshot.saveLater(Path.of(out.replace(".png", "-form.png")), Duration.seconds(1));
        javafx.animation.PauseTransition fill = new javafx.animation.PauseTransition(Duration.seconds(2));
        fill.setOnFinished(e -> startBatch(root, topic, out));
        fill.play();
    }

    private static void startBatch(javafx.scene.Parent root, String topic, String out) {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> topics =
                (javafx.scene.control.ComboBox<String>) root.lookup("#produce-topic");
        topics.setValue(topic);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<ProduceInput.ValueKind> kind =
                (javafx.scene.control.ChoiceBox<ProduceInput.ValueKind>) root.lookup("#produce-value-kind");
        kind.setValue(ProduceInput.ValueKind.JSON);
        ((javafx.scene.control.TextField) root.lookup("#produce-key")).setText("customer-{{random:1-17}}");
        ((javafx.scene.control.TextArea) root.lookup("#produce-value"))
                .setText("{\"payment\": \"pay-{{seq}}\", \"amount\": {{random:5-400}}, \"at\": \"{{now}}\"}");
        ((javafx.scene.control.TextArea) root.lookup("#produce-headers")).setText("trace-id: {{uuid}}");
        ((javafx.scene.control.CheckBox) root.lookup("#produce-batch")).setSelected(true);
        ((javafx.scene.control.TextField) root.lookup("#produce-batch-count")).setText("200");
        ((javafx.scene.control.TextField) root.lookup("#produce-batch-rate")).setText("20");
        ((javafx.scene.control.TextField) root.lookup("#produce-batch-first-seq")).setText("20000");
        ((Button) root.lookup("#produce-send")).fire();
        DialogSnapshot.saveLater(Path.of(out), Duration.seconds(5));
        javafx.animation.PauseTransition after = new javafx.animation.PauseTransition(Duration.seconds(13));
        after.setOnFinished(e -> {
            kind.setValue(ProduceInput.ValueKind.FILE);
            ((javafx.scene.control.TextField) root.lookup("#produce-file")).setText("/home/me/samples/invoice-7.pdf");
        });
        after.play();
        DialogSnapshot.saveLater(Path.of(out.replace(".png", "-done.png")), Duration.seconds(14));
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
                (javafx.scene.control.ChoiceBox<MessageFilter.Field>)
                        stage.getScene().lookup("#search-field");
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
                tabs.getTabs().stream()
                        .filter(t -> "messages-tab".equals(t.getId()))
                        .findFirst()
                        .ifPresent(t -> tabs.getSelectionModel().select(t));
                TableView<?> table = (TableView<?>) stage.getScene().lookup("#messages");
                boolean window = args.length > 3; // replay, export, import, produce: a plain read first
                if (table.getItems().isEmpty()) {
                    topics.setValue(topic);
                    @SuppressWarnings("unchecked")
                    javafx.scene.control.ChoiceBox<StartChoice> start = (javafx.scene.control.ChoiceBox<StartChoice>)
                            stage.getScene().lookup("#browse-start");
                    start.setValue(StartChoice.OFFSET);
                    ((javafx.scene.control.TextField) stage.getScene().lookup("#browse-start-value")).setText(offset);
                    if (window) {
                        ((Button) stage.getScene().lookup("#browse-go")).fire();
                    } else {
                        search(stage);
                    }
                    return;
                }
                if (!window && stage.getScene().lookup("#search-cancel").isVisible()) {
                    return; // the search is still running: the shot shows it done
                }
                table.getSelectionModel().select(2);
                table.requestFocus();
                poll.stop();
                MessagesView view = (MessagesView) stage.getScene().lookup("#messages-panel");
                if (args.length > 3 && args[2].equals("replay")) {
                    replay(view, offset, args[3], args.length > 4 && args[4].equals("all"));
                } else if (args.length > 4 && args[2].equals("export")) {
                    export(view, args[4], args[3]);
                } else if (args.length > 5 && args[2].equals("import")) {
                    importFile(view, args[4], args[5], args[3]);
                } else if (args.length > 3 && args[2].equals("produce")) {
                    produce(view, topic, args[3]);
                }
            }));
            poll.setCycleCount(Animation.INDEFINITE);
            poll.play();
        });
    }
}
