package io.partita.app.topics;

import io.partita.app.client.topics.TopicsClient;
import io.partita.app.common.FormRequest;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/** The "Add partitions" form: a new total that must exceed the current count (Kafka never removes partitions). */
public final class AddPartitionsViewModel {
    private final TopicsClient client;
    private final String topic;
    private final int current;
    private final ObjectProperty<Integer> newTotal;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final StringBinding validationMessage;
    private final BooleanBinding canApply;

    public AddPartitionsViewModel(TopicsClient client, String topic, int current) {
        this.client = client;
        this.topic = topic;
        this.current = current;
        this.newTotal =
                new SimpleObjectProperty<>(this, "newTotal", Math.min(current + 1, NewTopicViewModel.MAX_PARTITIONS));
        validationMessage = Bindings.createStringBinding(this::validate, newTotal);
        canApply = Bindings.createBooleanBinding(() -> validate().isEmpty() && !busy.get(), newTotal, busy);
        newTotal.addListener((obs, o, n) -> error.set(""));
    }

    private String validate() {
        Integer total = newTotal.get();
        if (total == null) {
            return "Enter the new number of partitions.";
        }
        if (total <= current) {
            return "The new total must be more than the current " + current
                    + ": Kafka can add partitions to a topic but never remove them.";
        }
        if (total > NewTopicViewModel.MAX_PARTITIONS) {
            return "At most " + NewTopicViewModel.MAX_PARTITIONS + " partitions.";
        }
        return "";
    }

    /** Asks the cluster; completes with true once it has the partitions, false otherwise (reason in error). */
    public CompletableFuture<Boolean> apply() {
        if (!canApply.get()) {
            return CompletableFuture.completedFuture(false);
        }
        return FormRequest.run(busy, error, "The cluster refused", () -> client.addPartitions(topic, newTotal.get()));
    }

    public String topic() {
        return topic;
    }

    public int current() {
        return current;
    }

    public ObjectProperty<Integer> newTotalProperty() {
        return newTotal;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public StringBinding validationMessageProperty() {
        return validationMessage;
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }
}
