package io.partita.app.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AddPartitionsViewModelTest {
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void startsOneAboveTheCurrentCountAndRefusesFewer() {
        AddPartitionsViewModel form = new AddPartitionsViewModel(gateway.topics(), "orders", 3);
        assertThat(form.newTotalProperty().get()).isEqualTo(4);
        assertThat(form.canApplyProperty().get()).isTrue();

        form.newTotalProperty().set(3);
        assertThat(form.canApplyProperty().get()).isFalse();
        assertThat(form.validationMessageProperty().get()).startsWith("The new total must be more than the current 3");
        form.newTotalProperty().set(1);
        assertThat(form.canApplyProperty().get()).isFalse();
        form.newTotalProperty().set(null);
        assertThat(form.validationMessageProperty().get()).isEqualTo("Enter the new number of partitions.");
        form.newTotalProperty().set(NewTopicViewModel.MAX_PARTITIONS + 1);
        assertThat(form.canApplyProperty().get()).isFalse();
    }

    @Test
    void anInvalidFormSendsNothing() {
        AddPartitionsViewModel form = new AddPartitionsViewModel(gateway.topics(), "orders", 3);
        form.newTotalProperty().set(2);
        assertThat(form.apply().join()).isFalse();
        assertThat(form.errorProperty().get()).isEmpty();
    }

    @Test
    void aFailureFromTheGatewayIsShownAndTheFormStaysUsable() {
        AddPartitionsViewModel form = new AddPartitionsViewModel(gateway.topics(), "orders", 3);
        assertThat(form.apply().join()).isFalse();
        assertThat(form.errorProperty().get()).isEqualTo("The cluster refused: Not connected to a cluster");
        assertThat(form.busyProperty().get()).isFalse();
        form.newTotalProperty().set(6);
        assertThat(form.errorProperty().get())
                .as("a new edit clears the stale error")
                .isEmpty();
    }
}
