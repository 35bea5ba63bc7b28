package io.partita.app.topics;

import io.partita.app.client.topics.TopicConfig;
import io.partita.app.client.topics.TopicsClient;
import io.partita.app.common.FormRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Edit config" form: one topic config set to a new value, or reset to what the topic inherits. Values are
 * checked by the cluster (it knows each config's type and range); its refusal is shown as it says it.
 */
public final class ConfigEditViewModel {
    private final TopicsClient client;
    private final String topic;
    private final List<String> knownNames;
    private final Function<String, TopicConfig> current;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty value = new SimpleStringProperty(this, "value", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final StringBinding validationMessage;
    private final StringBinding currentDescription;
    private final BooleanBinding canSave;
    private final BooleanBinding canReset;

    /**
     * @param knownNames the topic's editable configs, offered in the name field
     * @param current    the topic's current entry for a name, or null
     */
    public ConfigEditViewModel(
            TopicsClient client,
            String topic,
            List<String> knownNames,
            Function<String, TopicConfig> current,
            String initialName) {
        this.client = client;
        this.topic = topic;
        this.knownNames = List.copyOf(knownNames);
        this.current = current;
        validationMessage = Bindings.createStringBinding(this::validate, name, value);
        currentDescription = Bindings.createStringBinding(this::describeCurrent, name);
        canSave = Bindings.createBooleanBinding(
                () -> !key().isEmpty() && validate().isEmpty() && !unchanged() && !busy.get(), name, value, busy);
        canReset = Bindings.createBooleanBinding(
                () -> {
                    TopicConfig entry = current.apply(key());
                    return entry != null && entry.overridden() && !busy.get();
                },
                name,
                busy);
        name.addListener((obs, o, n) -> {
            error.set("");
            TopicConfig entry = current.apply(key());
            if (entry != null && !entry.sensitive()) {
                value.set(entry.value() == null ? "" : entry.value());
            }
        });
        value.addListener((obs, o, n) -> error.set(""));
        name.set(initialName == null ? "" : initialName);
    }

    private String key() {
        return name.get() == null ? "" : name.get().strip();
    }

    /** Why the form cannot be saved, or "". Nothing chosen yet or nothing changed are not errors: Save just waits. */
    private String validate() {
        if (key().isEmpty()) {
            return "";
        }
        if (value.get() == null || value.get().strip().isEmpty()) {
            return "Enter a value, or reset the config to its default.";
        }
        TopicConfig entry = current.apply(key());
        if (entry != null && entry.readOnly()) {
            return key() + " is read-only.";
        }
        return "";
    }

    /** Setting an override to the value it has already would change nothing. */
    private boolean unchanged() {
        TopicConfig entry = current.apply(key());
        return entry != null
                && !entry.sensitive()
                && entry.overridden()
                && value.get() != null
                && value.get().strip().equals(entry.value());
    }

    private String describeCurrent() {
        TopicConfig entry = current.apply(key());
        if (key().isEmpty()) {
            return "";
        }
        if (entry == null) {
            return knownNames.isEmpty() ? "" : "Not a config this cluster lists for topics; it may refuse it.";
        }
        String shown = entry.sensitive() ? "(hidden)" : entry.value();
        return "Now " + shown + " (" + entry.source() + ")";
    }

    /** Sets the config; completes with true once the cluster accepted it, false otherwise (reason in error). */
    public CompletableFuture<Boolean> save() {
        if (!canSave.get()) {
            return CompletableFuture.completedFuture(false);
        }
        return send(Map.of(key(), value.get().strip()), Set.of());
    }

    /** Removes the topic's own value so it inherits the broker's or Kafka's default again. */
    public CompletableFuture<Boolean> reset() {
        if (!canReset.get()) {
            return CompletableFuture.completedFuture(false);
        }
        return send(Map.of(), Set.of(key()));
    }

    private CompletableFuture<Boolean> send(Map<String, String> set, Set<String> reset) {
        return FormRequest.run(busy, error, "The cluster refused", () -> client.alterTopicConfigs(topic, set, reset));
    }

    public String topic() {
        return topic;
    }

    public List<String> knownNames() {
        return knownNames;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty valueProperty() {
        return value;
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

    /** "Now 604800000 (default)". */
    public StringBinding currentDescriptionProperty() {
        return currentDescription;
    }

    public BooleanBinding canSaveProperty() {
        return canSave;
    }

    public BooleanBinding canResetProperty() {
        return canReset;
    }
}
