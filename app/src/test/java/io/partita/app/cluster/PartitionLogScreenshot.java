package io.partita.app.cluster;

import io.partita.app.PartitaApp;
import io.partita.app.WorkspaceViewModel;
import io.partita.app.timeline.ClusterEvent;
import io.partita.app.timeline.EventKind;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Launches Partita on the cluster ScreenshotSeed left, chooses a partition on the map so that its log shows, stops
 * one of its followers and writes more records, for the "partition-log" screenshot: that replica down, the high
 * watermark gone on without it, a group behind. With "timeline", it then starts the follower again, opens the
 * timeline and goes back to the moment the follower left the ISR, for the "timeline" screenshot.
 *
 * <p>{@code java -Dpartita.home=H -Dpartita.prefs=NODE -cp 'app/target/partita.jar:app/target/lib/*:app/target/test-classes'
 * io.partita.app.cluster.PartitionLogScreenshot TOPIC PARTITION FOLLOWER RECORDS [timeline]}
 */
public final class PartitionLogScreenshot {
    private PartitionLogScreenshot() {}

    @SuppressWarnings("unchecked") // the timeline's list, looked up by id
    public static void main(String[] args) {
        String topic = args[0];
        int partition = Integer.parseInt(args[1]);
        int follower = Integer.parseInt(args[2]);
        int records = Integer.parseInt(args[3]);
        boolean timelineToo = args.length > 4 && args[4].equals("timeline");
        Platform.startup(() -> {
            Stage stage = new Stage();
            PartitaApp app = new PartitaApp();
            app.start(stage);
            after(8, () -> {
                TableView<?> map = (TableView<?>) stage.getScene().lookup("#map-table");
                for (int i = 0; i < map.getItems().size(); i++) {
                    MapRow row = (MapRow) map.getItems().get(i);
                    if (row.get().topic().equals(topic) && row.get().partition() == partition) {
                        map.getSelectionModel().select(i);
                    }
                }
                WorkspaceViewModel workspace = app.model().workspaceProperty().get();
                String bootstrap = workspace.connection().bootstrapServers();
                workspace
                        .map()
                        .stopNode(follower)
                        .thenRunAsync(() -> produce(bootstrap, topic, partition, records))
                        .thenRunAsync(
                                () -> Platform.runLater(() -> workspace.map().startNode(follower)));
            });
            // Then back in the timeline to the moment the follower left the ISR: the map and the log as they were.
            after(24, () -> {
                TitledPane timeline = (TitledPane) stage.getScene().lookup("#timeline");
                timeline.setExpanded(true);
                ListView<ClusterEvent> events =
                        (ListView<ClusterEvent>) stage.getScene().lookup("#timeline-events");
                events.getItems().stream()
                        .filter(e ->
                                e.kind() == EventKind.ISR_SHRINK && e.subject().equals(topic + "-" + partition))
                        .findFirst()
                        .ifPresent(e -> {
                            events.getSelectionModel().select(e);
                            events.scrollTo(e);
                        });
            });
        });
    }

    private static void after(double seconds, Runnable action) {
        PauseTransition wait = new PauseTransition(Duration.seconds(seconds));
        wait.setOnFinished(e -> action.run());
        wait.play();
    }

    private static void produce(String bootstrap, String topic, int partition, int records) {
        try (var producer = new KafkaProducer<String, String>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }
}
