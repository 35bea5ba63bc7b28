package io.partita.app.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NewTopicViewModelTest {
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void validatesAsTheUserTypes() {
        NewTopicViewModel form = new NewTopicViewModel(gateway.topics(), List.of("orders"), 1);
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.validationMessageProperty().get()).isEqualTo("Enter a topic name.");

        form.nameProperty().set("bad name");
        assertThat(form.canCreateProperty().get()).isFalse();
        assertThat(form.validationMessageProperty().get()).contains("Not allowed: space");

        form.nameProperty().set("orders");
        assertThat(form.validationMessageProperty().get()).contains("already exists");

        form.nameProperty().set("payments");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.validationMessageProperty().get()).isEmpty();
    }

    @Test
    void replicationFactorCannotExceedTheBrokers() {
        NewTopicViewModel form = new NewTopicViewModel(gateway.topics(), List.of(), 1);
        form.nameProperty().set("payments");
        form.replicationFactorProperty().set(3);
        assertThat(form.validationMessageProperty().get())
                .isEqualTo("A replication factor of 3 needs 3 brokers; the cluster has 1 broker.");
        form.replicationFactorProperty().set(1);
        form.partitionsProperty().set(0);
        assertThat(form.validationMessageProperty().get()).startsWith("Partitions must be between 1 and");
    }

    @Test
    void anInvalidFormSendsNothing() {
        NewTopicViewModel form = new NewTopicViewModel(gateway.topics(), List.of(), 1);
        form.nameProperty().set("no/slashes");
        assertThat(form.create().join()).isFalse();
        // Not even an attempt: a request would have failed with "Not connected" here.
        assertThat(form.errorProperty().get()).isEmpty();
    }

    @Test
    void aClusterRefusalIsShownInTheForm() {
        NewTopicViewModel form = new NewTopicViewModel(gateway.topics(), List.of(), 1);
        form.nameProperty().set("payments");
        assertThat(form.create().join()).isFalse();
        assertThat(form.errorProperty().get()).isEqualTo("The cluster refused the topic: Not connected to a cluster");
        assertThat(form.busyProperty().get()).isFalse();
        form.nameProperty().set("payments2");
        assertThat(form.errorProperty().get()).isEmpty();
    }

    @Test
    void optionalConfigsMustBeKeyValueLines() {
        NewTopicViewModel form = new NewTopicViewModel(gateway.topics(), List.of(), 1);
        form.nameProperty().set("payments");
        form.configsProperty().set("retention.ms=86400000");
        assertThat(form.validProperty().get()).isTrue();
        form.configsProperty().set("retention.ms");
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.validationMessageProperty().get()).contains("needs the form key=value");
    }
}
