package io.partita.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.transfer.ImportPlan;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImportViewModelTest {
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void needsAFileAndAnExistingTopicAndKeepsPartitionsAndTimestampsAtFirst() {
        ImportViewModel form = new ImportViewModel(
                gateway.transfer(), FXCollections.observableArrayList("a", "b"), new SimpleStringProperty(""));
        form.start();
        assertThat(form.errorProperty().get()).isEqualTo("Choose the file to import (Browse… or type a path).");
        assertThat(form.runningProperty().get()).isFalse();

        form.fileProperty().set("/tmp/a.jsonl");
        assertThatThrownBy(form::plan)
                .hasMessage("Choose the topic to import into (it must exist: an import never creates one).");
        form.topicProperty().set("gone");
        assertThatThrownBy(form::plan).hasMessage("Topic gone does not exist. Nothing was sent.");
        form.topicProperty().set("b");
        assertThat(form.plan()).isEqualTo(new ImportPlan("b", true, true));
        form.keepPartitionsProperty().set(false);
        form.keepTimestampsProperty().set(false);
        assertThat(form.plan()).isEqualTo(new ImportPlan("b", false, false));
    }

    @Test
    void notConnectedIsAClearMessageNotACrash() {
        ImportViewModel form = new ImportViewModel(
                gateway.transfer(), FXCollections.observableArrayList("b"), new SimpleStringProperty(""));
        form.fileProperty().set("/tmp/a.jsonl");
        form.topicProperty().set("b");
        form.start();
        assertThat(form.errorProperty().get()).isEqualTo("Could not import: Not connected to a cluster");
        assertThat(form.runningProperty().get()).isFalse();
    }
}
