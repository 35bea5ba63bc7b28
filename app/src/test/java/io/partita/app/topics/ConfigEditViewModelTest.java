package io.partita.app.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.topics.TopicConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigEditViewModelTest {
    private static final Map<String, TopicConfig> CONFIGS = Map.of(
            "retention.ms", new TopicConfig("retention.ms", "3600000", true, "topic override", false, false, ""),
            "cleanup.policy", new TopicConfig("cleanup.policy", "delete", false, "default", false, false, ""),
            "message.format.version",
                    new TopicConfig("message.format.version", "3.0", false, "default", true, false, ""));

    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);

    @AfterEach
    void close() {
        gateway.close();
    }

    private ConfigEditViewModel form(String initial) {
        return new ConfigEditViewModel(
                gateway.topics(), "orders", List.of("cleanup.policy", "retention.ms"), CONFIGS::get, initial);
    }

    @Test
    void startsOnTheChosenConfigWithItsCurrentValue() {
        ConfigEditViewModel form = form("retention.ms");
        assertThat(form.valueProperty().get()).isEqualTo("3600000");
        assertThat(form.currentDescriptionProperty().get()).isEqualTo("Now 3600000 (topic override)");
        assertThat(form.canSaveProperty().get()).as("unchanged").isFalse();
        assertThat(form.validationMessageProperty().get()).isEmpty();
        assertThat(form.canResetProperty().get()).as("an override can be reset").isTrue();

        form.valueProperty().set("7200000");
        assertThat(form.canSaveProperty().get()).isTrue();
    }

    @Test
    void choosingAnotherConfigShowsItsValueAndOnlyOverridesCanBeReset() {
        ConfigEditViewModel form = form("");
        assertThat(form.canSaveProperty().get()).isFalse();
        assertThat(form.validationMessageProperty().get())
                .as("not an error, just not done")
                .isEmpty();
        form.nameProperty().set("cleanup.policy");
        assertThat(form.valueProperty().get()).isEqualTo("delete");
        assertThat(form.canResetProperty().get()).as("already the default").isFalse();
        assertThat(form.canSaveProperty().get())
                .as("pinning the default value is allowed")
                .isTrue();

        form.valueProperty().set("   ");
        assertThat(form.validationMessageProperty().get()).startsWith("Enter a value");
        form.nameProperty().set("message.format.version");
        assertThat(form.validationMessageProperty().get()).isEqualTo("message.format.version is read-only.");
    }

    @Test
    void anUnknownNameIsLeftToTheClusterToJudge() {
        ConfigEditViewModel form = form("");
        form.nameProperty().set("no.such.config");
        form.valueProperty().set("1");
        assertThat(form.canSaveProperty().get()).isTrue();
        assertThat(form.currentDescriptionProperty().get()).contains("may refuse it");
    }

    @Test
    void aRefusalIsShownAndTheFormStaysOpenForAnotherTry() {
        ConfigEditViewModel form = form("retention.ms");
        form.valueProperty().set("-5");
        assertThat(form.save().join()).isFalse();
        assertThat(form.errorProperty().get()).isEqualTo("The cluster refused: Not connected to a cluster");
        assertThat(form.busyProperty().get()).isFalse();
        assertThat(form.canSaveProperty().get()).isTrue();
    }
}
