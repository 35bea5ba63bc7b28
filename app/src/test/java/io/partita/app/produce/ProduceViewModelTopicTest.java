package io.partita.app.produce;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import java.time.ZoneOffset;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProduceViewModelTopicTest {
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run); // not connected: nothing can be sent
    private final ObservableList<String> topics = FXCollections.observableArrayList("orders", "payments");
    private final ProduceViewModel form = new ProduceViewModel(gateway.produce(), topics, name -> 3, ZoneOffset.UTC);

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void aTopicDeletedUnderTheFormIsNamedWhenSendIsPressed() {
        form.topicProperty().set("orders");
        form.valueProperty().set("hello");
        // The background refresh drops the topic; the choice box empties its value, as a ComboBox does.
        topics.setAll("payments");
        form.topicProperty().set(null);

        form.send();

        assertThat(form.errorProperty().get())
                .isEqualTo("Not sent: Topic orders does not exist (was it deleted?). Nothing was sent.");
    }

    @Test
    void aFormThatNeverHadATopicAsksForOne() {
        form.valueProperty().set("hello");
        form.send();
        assertThat(form.errorProperty().get()).isEqualTo("Choose a topic to send to.");
    }
}
