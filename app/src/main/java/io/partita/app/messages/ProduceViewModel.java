package io.partita.app.messages;

import io.partita.app.common.Fx;
import io.partita.app.connection.ClusterGateway;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The produce form: topic, partition (explicit, or chosen by the key as the default partitioner would), key,
 * value (text or checked JSON), headers and timestamp. Every record sent is listed with where it landed.
 */
public final class ProduceViewModel {
    /** The partition choice meaning "let the partitioner choose". */
    public static final String BY_KEY = "By key (default partitioner)";

    private final ClusterGateway gateway;
    private final ZoneId zone;
    private final ToIntFunction<String> partitionsOf;
    private final ObservableList<String> topics;
    private final StringProperty topic = new SimpleStringProperty(this, "topic");
    private final ObservableList<String> partitionChoices = FXCollections.observableArrayList(BY_KEY);
    private final StringProperty partition = new SimpleStringProperty(this, "partition", BY_KEY);
    private final StringProperty key = new SimpleStringProperty(this, "key", "");
    private final StringProperty value = new SimpleStringProperty(this, "value", "");
    private final ObjectProperty<ProduceInput.ValueKind> valueKind =
            new SimpleObjectProperty<>(this, "valueKind", ProduceInput.ValueKind.TEXT);
    private final StringProperty headers = new SimpleStringProperty(this, "headers", "");
    private final StringProperty timestamp = new SimpleStringProperty(this, "timestamp", "");
    private final ObservableList<Delivery> sent = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper(this, "sending", false);
    private final StringBinding partitionPreview;

    /**
     * @param topics       the topics to offer (kept up to date by the workspace)
     * @param partitionsOf a topic's partition count, from the latest topic list
     */
    public ProduceViewModel(ClusterGateway gateway, ObservableList<String> topics, ToIntFunction<String> partitionsOf,
                            ZoneId zone) {
        this.gateway = gateway;
        this.topics = topics;
        this.partitionsOf = partitionsOf;
        this.zone = zone;
        topic.addListener((o, was, name) -> {
            partitionChoices.setAll(BY_KEY);
            for (int p = 0; name != null && p < partitionsOf.applyAsInt(name); p++) {
                partitionChoices.add(Integer.toString(p));
            }
            partition.set(BY_KEY);
        });
        partitionPreview = Bindings.createStringBinding(this::preview, topic, partition, key);
    }

    private String preview() {
        if (!BY_KEY.equals(partition.get()) || topic.get() == null) {
            return "";
        }
        int partitions = partitionsOf.applyAsInt(topic.get());
        if (partitions < 1) {
            return "";
        }
        if (key.get() == null || key.get().isEmpty()) {
            return "No key: the producer spreads such records over the partitions.";
        }
        int p = ClusterGateway.partitionForKey(key.get().getBytes(StandardCharsets.UTF_8), partitions);
        return "This key goes to partition " + p + " (of " + partitions + ").";
    }

    /** Checks the form and sends one record; nothing is sent when the form is wrong. */
    public CompletableFuture<Delivery> send() {
        ProduceRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        sending.set(true);
        return gateway.send(request).handle((delivery, failure) -> {
            sending.set(false);
            if (failure != null) {
                error.set(Fx.problem("Not sent", failure));
                return null;
            }
            sent.add(0, delivery);
            return delivery;
        });
    }

    private ProduceRequest request() {
        if (topic.get() == null || topic.get().isEmpty()) {
            throw new IllegalArgumentException("Choose a topic to send to.");
        }
        Integer chosen = BY_KEY.equals(partition.get()) || partition.get() == null ? null
                : Integer.valueOf(partition.get());
        return new ProduceRequest(topic.get(), chosen, ProduceInput.key(key.get()),
                ProduceInput.value(value.get(), valueKind.get()), ProduceInput.headers(headers.get()),
                ProduceInput.timestamp(timestamp.get(), zone));
    }

    public ObservableList<String> topics() {
        return topics;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public ObservableList<String> partitionChoices() {
        return partitionChoices;
    }

    public StringProperty partitionProperty() {
        return partition;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public ObjectProperty<ProduceInput.ValueKind> valueKindProperty() {
        return valueKind;
    }

    public StringProperty headersProperty() {
        return headers;
    }

    public StringProperty timestampProperty() {
        return timestamp;
    }

    /** Records sent from this form, newest first. */
    public ObservableList<Delivery> sent() {
        return sent;
    }

    public StringBinding partitionPreviewProperty() {
        return partitionPreview;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.getReadOnlyProperty();
    }
}
