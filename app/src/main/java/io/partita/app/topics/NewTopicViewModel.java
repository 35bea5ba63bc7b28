package io.partita.app.topics;

import io.partita.app.client.topics.TopicsClient;
import io.partita.app.common.FormRequest;
import java.util.List;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The "New topic" form: name, partitions and replication factor, validated as the user types. */
public final class NewTopicViewModel {
    public static final int MAX_PARTITIONS = 10_000;

    private final TopicsClient client;
    private final List<String> existingTopics;
    private final int brokerCount;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<Integer> partitions = new SimpleObjectProperty<>(this, "partitions", 1);
    private final ObjectProperty<Integer> replicationFactor = new SimpleObjectProperty<>(this, "replicationFactor", 1);
    /** Optional config overrides, one key=value a line. */
    private final StringProperty configs = new SimpleStringProperty(this, "configs", "");

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final StringBinding validationMessage;
    private final BooleanBinding valid;
    private final BooleanBinding canCreate;

    /**
     * @param existingTopics the topics the cluster has now (to refuse duplicates before asking)
     * @param brokerCount    live brokers, the largest possible replication factor
     */
    public NewTopicViewModel(TopicsClient client, List<String> existingTopics, int brokerCount) {
        this.client = client;
        this.existingTopics = List.copyOf(existingTopics);
        this.brokerCount = brokerCount;
        validationMessage = Bindings.createStringBinding(this::validate, name, partitions, replicationFactor, configs);
        // Through validationMessage.get(), so that binding stays valid and keeps telling us when it changes.
        valid = Bindings.createBooleanBinding(() -> validationMessage.get().isEmpty(), validationMessage);
        canCreate = valid.and(busy.not());
        // A new edit makes an old server error stale.
        name.addListener((obs, o, n) -> error.set(""));
        partitions.addListener((obs, o, n) -> error.set(""));
        replicationFactor.addListener((obs, o, n) -> error.set(""));
        configs.addListener((obs, o, n) -> error.set(""));
    }

    /** Why the form cannot be submitted, or "" when it can. */
    private String validate() {
        String problem = TopicNameValidator.problem(name.get(), existingTopics).orElse("");
        if (!problem.isEmpty()) {
            return problem;
        }
        Integer p = partitions.get();
        if (p == null || p < 1 || p > MAX_PARTITIONS) {
            return "Partitions must be between 1 and " + MAX_PARTITIONS + ".";
        }
        Integer rf = replicationFactor.get();
        if (rf == null || rf < 1) {
            return "The replication factor must be at least 1.";
        }
        if (brokerCount > 0 && rf > brokerCount) {
            return "A replication factor of " + rf + " needs " + rf + " brokers; the cluster has "
                    + (brokerCount == 1 ? "1 broker." : brokerCount + " brokers.");
        }
        return ConfigLines.parse(configs.get()).problem();
    }

    /**
     * Creates the topic if the form is valid. Completes with true once the cluster has it, false when nothing
     * was created (the reason is in {@link #errorProperty()} or {@link #validationMessageProperty()}).
     */
    public CompletableFuture<Boolean> create() {
        if (!canCreate.get()) {
            return CompletableFuture.completedFuture(false);
        }
        return FormRequest.run(
                busy,
                error,
                "The cluster refused the topic",
                () -> client.createTopic(
                        name.get(),
                        partitions.get(),
                        replicationFactor.get().shortValue(),
                        ConfigLines.parse(configs.get()).configs()));
    }

    public int brokerCount() {
        return brokerCount;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Integer> partitionsProperty() {
        return partitions;
    }

    public ObjectProperty<Integer> replicationFactorProperty() {
        return replicationFactor;
    }

    public StringProperty configsProperty() {
        return configs;
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

    public BooleanBinding validProperty() {
        return valid;
    }

    public BooleanBinding canCreateProperty() {
        return canCreate;
    }
}
