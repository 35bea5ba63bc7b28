package io.partita.app.cluster;

import io.partita.app.PartitaApp;
import io.partita.app.WorkspaceViewModel;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Launches Partita on the cluster ScreenshotSeed left, chooses a partition on the map so that its log shows, stops
 * one of its followers and writes more records, for the "partition-log" screenshot: a replica down, the high
 * watermark gone on without it, and a group behind.
 *
 * <p>{@code java -Dpartita.home=H -Dpartita.prefs=NODE -cp 'app/target/partita.jar:app/target/lib/*:app/target/test-classes'
 * io.partita.app.cluster.PartitionLogScreenshot TOPIC PARTITION FOLLOWER RECORDS}
 */
public final class PartitionLogScreenshot {
    private PartitionLogScreenshot() {}

    public static void main(String[] args) {
        String topic = args[0];
        int partition = Integer.parseInt(args[1]);
        int follower = Integer.parseInt(args[2]);
        int records = Integer.parseInt(args[3]);
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
                workspace.map().stopNode(follower).thenRunAsync(() -> produce(bootstrap, topic, partition, records));
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
