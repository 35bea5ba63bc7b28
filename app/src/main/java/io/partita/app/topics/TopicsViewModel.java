package io.partita.app.topics;

import io.partita.app.common.Fx;
import io.partita.app.connection.ClusterGateway;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The topic list: what the cluster has, filtered by a search text; internal topics hidden unless asked for. */
public final class TopicsViewModel {
    private final ClusterGateway gateway;
    private final ObservableList<TopicInfo> all = FXCollections.observableArrayList();
    private final FilteredList<TopicInfo> visible = new FilteredList<>(all);
    /** One read-only view, kept: a fresh wrapper per call would drop its listeners when collected. */
    private final ObservableList<TopicInfo> readOnlyAll = FXCollections.unmodifiableObservableList(all);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty showInternal = new SimpleBooleanProperty(this, "showInternal", false);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final StringBinding emptyMessage;
    private final StringBinding summary;

    public TopicsViewModel(ClusterGateway gateway) {
        this.gateway = gateway;
        visible.predicateProperty().bind(Bindings.createObjectBinding(
                () -> matcher(filter.get(), showInternal.get()), filter, showInternal));
        emptyMessage = Bindings.createStringBinding(this::computeEmptyMessage, all, visible, filter, loaded, error);
        summary = Bindings.createStringBinding(this::computeSummary, all, visible, showInternal);
    }

    /** Whether a topic matches a search text (case-insensitive substring) and the internal-topics switch. */
    public static Predicate<TopicInfo> matcher(String filterText, boolean includeInternal) {
        String needle = filterText == null ? "" : filterText.strip().toLowerCase(Locale.ROOT);
        return t -> (includeInternal || !t.internal())
                && (needle.isEmpty() || t.name().toLowerCase(Locale.ROOT).contains(needle));
    }

    /** Asks the cluster for its topics; the list updates when the answer arrives. */
    public CompletableFuture<Void> refresh() {
        return gateway.listTopics().handle((topics, failure) -> {
            if (failure != null) {
                error.set(Fx.problem("Could not list topics", failure));
            } else {
                setTopics(topics);
            }
            return null;
        });
    }

    /** Replaces the list with the cluster's answer, keeping unchanged rows (and so the selection) in place. */
    public void setTopics(List<TopicInfo> topics) {
        error.set("");
        if (!all.equals(topics)) {
            all.setAll(topics);
        }
        loaded.set(true);
    }

    public List<String> topicNames() {
        return all.stream().map(TopicInfo::name).toList();
    }

    private String computeEmptyMessage() {
        if (!visible.isEmpty()) {
            return "";
        }
        if (!loaded.get()) {
            return error.get().isEmpty() ? "Loading topics…" : error.get();
        }
        boolean anyUserTopic = all.stream().anyMatch(t -> !t.internal());
        String needle = filter.get() == null ? "" : filter.get().strip();
        if (!needle.isEmpty() && (anyUserTopic || showInternal.get() && !all.isEmpty())) {
            return "No topics match \"" + needle + "\".";
        }
        return "No topics yet — create one with New topic (Ctrl+N).";
    }

    private String computeSummary() {
        long hidden = showInternal.get() ? 0 : all.stream().filter(TopicInfo::internal).count();
        String shown = visible.size() == 1 ? "1 topic" : visible.size() + " topics";
        return hidden == 0 ? shown : shown + " (" + hidden + " internal hidden)";
    }

    public ObservableList<TopicInfo> visibleTopics() {
        return visible;
    }

    public ObservableList<TopicInfo> allTopics() {
        return readOnlyAll;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty showInternalProperty() {
        return showInternal;
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the empty table says: loading, no topics yet, or nothing matches. Empty when rows are shown. */
    public StringBinding emptyMessageProperty() {
        return emptyMessage;
    }

    /** "3 topics (1 internal hidden)". */
    public StringBinding summaryProperty() {
        return summary;
    }
}
