package io.partita.app.topics;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.ClusterSnapshot;
import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.client.core.Failures;
import io.partita.app.client.topics.TopicStats;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import javafx.collections.ObservableMap;
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
    private final ObservableMap<String, TopicStats> stats = FXCollections.observableHashMap();
    private final ObservableMap<String, TopicStats> statsView = FXCollections.unmodifiableObservableMap(stats);
    private boolean statsInFlight;
    /** The last metadata shown; the figures are asked for its partitions. */
    private ClusterSnapshot latest;

    private final TopicDetailViewModel detail;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyBooleanWrapper noticeIsError = new ReadOnlyBooleanWrapper(this, "noticeIsError", false);

    public TopicsViewModel(ClusterGateway gateway) {
        this.gateway = gateway;
        this.detail = new TopicDetailViewModel(gateway.topics());
        visible.predicateProperty()
                .bind(Bindings.createObjectBinding(
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

    /**
     * Asks the cluster for its topics; the list updates when the answer arrives, then the sizes, record counts
     * and the selected topic's detail are asked for. The future completes when all of it is in.
     */
    public CompletableFuture<Void> refresh() {
        return gateway.cluster()
                .snapshot(false)
                .handle((snapshot, failure) -> {
                    if (failure != null) {
                        failed(failure);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return apply(snapshot, true);
                })
                .thenCompose(figures -> figures);
    }

    /**
     * Shows the topics of {@code snapshot} (the workspace reads one for all its views) and, with {@code
     * withFigures}, asks for the sizes, record counts and selected topic's detail, which cost a request per
     * broker and a line per partition: the workspace asks for them only while the topic list is on screen.
     * Completes when the figures are in (at once without them). Call on the FX thread.
     */
    public CompletableFuture<Void> apply(ClusterSnapshot snapshot, boolean withFigures) {
        latest = snapshot;
        setTopics(snapshot.topics());
        return withFigures ? refreshFigures() : CompletableFuture.completedFuture(null);
    }

    /** Sizes, record counts and the selected topic's detail for the topics last shown. */
    public CompletableFuture<Void> refreshFigures() {
        detail.refresh();
        return latest == null ? CompletableFuture.completedFuture(null) : refreshStats(latest);
    }

    /** The cluster did not answer: say so, and show sizes as unknown rather than stale. */
    public void failed(Throwable failure) {
        error.set(Failures.problem("Could not list topics", failure));
        stats.clear();
    }

    /** Replaces the list with the cluster's answer, keeping unchanged rows (and so the selection) in place. */
    public void setTopics(List<TopicInfo> topics) {
        error.set("");
        if (!all.equals(topics)) {
            all.setAll(topics);
        }
        loaded.set(true);
    }

    /** Sizes and record counts; skipped while an earlier request is still out (a slow cluster is not flooded). */
    private CompletableFuture<Void> refreshStats(ClusterSnapshot snapshot) {
        if (statsInFlight) {
            return CompletableFuture.completedFuture(null);
        }
        statsInFlight = true;
        return gateway.topics().topicStats(snapshot.map().rows()).handle((fresh, failure) -> {
            statsInFlight = false;
            if (failure != null) {
                stats.clear(); // the cells say "—": unknown, rather than stale figures
            } else {
                setStats(fresh);
            }
            return null;
        });
    }

    /** Replaces the sizes and record counts (the gateway's answer; tests call it directly). */
    public void setStats(Map<String, TopicStats> fresh) {
        stats.keySet().retainAll(fresh.keySet());
        fresh.forEach((name, s) -> {
            if (!s.equals(stats.get(name))) {
                stats.put(name, s);
            }
        });
    }

    /** A topic's size and record count, {@link TopicStats#NONE} while unknown. */
    public TopicStats stats(String topic) {
        return stats.getOrDefault(topic, TopicStats.NONE);
    }

    public ObservableMap<String, TopicStats> statsMap() {
        return statsView;
    }

    /** The topic shown in the detail pane, or null. */
    public StringProperty selectedTopicProperty() {
        return detail.topicProperty();
    }

    public TopicDetailViewModel detail() {
        return detail;
    }

    /** The topic of that name in the list, if it is there. */
    public Optional<TopicInfo> topic(String name) {
        return all.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Why a topic cannot be deleted from here (internal topics are the cluster's own), or "" when it can. */
    public static String deleteRefusal(TopicInfo topic) {
        return topic.internal()
                ? "\"" + topic.name() + "\" is an internal topic: Kafka itself uses it, so Partita "
                        + "does not delete it."
                : "";
    }

    /** Deletes a (non-internal) topic; the outcome shows as the notice, and the list refreshes. */
    public CompletableFuture<Boolean> deleteTopic(TopicInfo topic) {
        String refusal = deleteRefusal(topic);
        if (!refusal.isEmpty()) {
            showNotice(refusal, true);
            return CompletableFuture.completedFuture(false);
        }
        showNotice("Deleting " + topic.name() + "…", false);
        return gateway.topics().deleteTopic(topic.name()).handle((ok, failure) -> {
            if (failure != null) {
                showNotice("Could not delete " + topic.name() + ": " + Failures.describe(failure), true);
                return false;
            }
            showNotice("Deleted topic " + topic.name() + ".", false);
            if (topic.name().equals(detail.topicProperty().get())) {
                detail.topicProperty().set(null);
            }
            refresh();
            return true;
        });
    }

    /** After partitions were added or a config changed: say so and show it now rather than at the next tick. */
    public void changed(String message) {
        showNotice(message, false);
        refresh();
    }

    /** A fresh "Add partitions" form for a topic. */
    public AddPartitionsViewModel addPartitions(TopicInfo topic) {
        return new AddPartitionsViewModel(gateway.topics(), topic.name(), topic.partitions());
    }

    /** A fresh "Edit config" form for the selected topic (its detail knows the configs), on {@code configName}. */
    public ConfigEditViewModel editConfig(String topic, String configName) {
        boolean known = topic.equals(detail.topicProperty().get());
        return new ConfigEditViewModel(
                gateway.topics(),
                topic,
                known ? detail.configNames() : List.of(),
                name -> known ? detail.config(name) : null,
                configName);
    }

    /** Says something that needs no refresh (e.g. "Copied"). */
    public void inform(String message) {
        showNotice(message, false);
    }

    private void showNotice(String message, boolean isError) {
        noticeIsError.set(isError); // first: whoever hears the new notice reads its kind
        notice.set(message);
    }

    public void clearNotice() {
        notice.set("");
    }

    /** The outcome of the last action (deleted, refused…), or "". */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty noticeIsErrorProperty() {
        return noticeIsError.getReadOnlyProperty();
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
        long hidden = showInternal.get()
                ? 0
                : all.stream().filter(TopicInfo::internal).count();
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
