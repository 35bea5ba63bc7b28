package io.partita.app.topics;

import io.partita.app.client.core.Failures;
import io.partita.app.client.topics.PartitionDetail;
import io.partita.app.client.topics.TopicConfig;
import io.partita.app.client.topics.TopicDetail;
import io.partita.app.client.topics.TopicsClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The selected topic's partitions and configs, reloaded when the selection changes and on every refresh. */
public final class TopicDetailViewModel {
    private final TopicsClient client;
    private final StringProperty topic = new SimpleStringProperty(this, "topic");
    private final ReadOnlyObjectWrapper<TopicDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ObservableList<PartitionDetail> partitions = FXCollections.observableArrayList();
    private final ObservableList<TopicConfig> configs = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper configsMessage = new ReadOnlyStringWrapper(this, "configsMessage", "");
    /** Counts selections, so a slow answer for a topic no longer selected never overwrites the newer one. */
    private long generation;
    /** The selection whose detail is being asked for; a refresh tick while it is out is skipped, not stacked. */
    private long inFlight = -1;

    public TopicDetailViewModel(TopicsClient client) {
        this.client = client;
        topic.addListener((obs, was, now) -> {
            generation++;
            detail.set(null);
            partitions.clear();
            configs.clear();
            refresh();
        });
        updateMessage();
    }

    /** Asks for the selected topic's detail again (no-op when nothing is selected). */
    public CompletableFuture<Void> refresh() {
        String name = topic.get();
        long asked = generation;
        if (name == null || inFlight == asked) {
            updateMessage();
            return CompletableFuture.completedFuture(null);
        }
        inFlight = asked;
        if (detail.get() == null) {
            message.set("Loading " + name + "…");
        }
        return client.topicDetail(name).handle((loaded, failure) -> {
            if (inFlight == asked) {
                inFlight = -1;
            }
            if (asked != generation) {
                return null;
            }
            if (failure != null) {
                message.set("Could not read topic " + name + ": " + Failures.describe(failure));
            } else {
                setDetail(loaded);
            }
            return null;
        });
    }

    /** Shows a detail (the topics client's answer; tests call it directly). */
    public void setDetail(TopicDetail loaded) {
        detail.set(loaded);
        // Equal lists are left alone so a refresh does not disturb the user's selection or scroll position.
        if (!partitions.equals(loaded.partitions())) {
            partitions.setAll(loaded.partitions());
        }
        if (!configs.equals(loaded.configs())) {
            configs.setAll(loaded.configs());
        }
        configsMessage.set(
                loaded.configsError().isEmpty()
                        ? (loaded.configs().isEmpty() ? "The cluster reports no configs for this topic." : "")
                        : "Could not read the configs: " + loaded.configsError());
        updateMessage();
    }

    private void updateMessage() {
        if (topic.get() == null) {
            message.set("Select a topic to see its partitions and configs.");
        } else if (detail.get() != null) {
            message.set("");
        }
    }

    /** The current value of a config, or null when unknown. */
    public TopicConfig config(String name) {
        return configs.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    public List<String> configNames() {
        return configs.stream()
                .filter(c -> !c.readOnly())
                .map(TopicConfig::name)
                .sorted()
                .toList();
    }

    /** The selected topic's name, or null. */
    public StringProperty topicProperty() {
        return topic;
    }

    public ReadOnlyObjectProperty<TopicDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ObservableList<PartitionDetail> partitions() {
        return partitions;
    }

    public ObservableList<TopicConfig> configs() {
        return configs;
    }

    /** What the pane says instead of a table: nothing selected, loading, or why it failed; "" when shown. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the configs table is empty, or "". */
    public ReadOnlyStringProperty configsMessageProperty() {
        return configsMessage.getReadOnlyProperty();
    }
}
