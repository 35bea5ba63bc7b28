package io.partita.app;

import io.partita.app.browse.MessagesViewModel;
import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.client.core.ClientSecurity;
import io.partita.app.client.core.Connection;
import io.partita.app.cluster.BrokersViewModel;
import io.partita.app.cluster.ClusterMapViewModel;
import io.partita.app.cluster.PartitionLogViewModel;
import io.partita.app.common.Backoff;
import io.partita.app.groups.GroupsViewModel;
import io.partita.app.timeline.TimelineViewModel;
import io.partita.app.topics.NewTopicViewModel;
import io.partita.app.topics.TopicsViewModel;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.util.Duration;

/** The connected workspace: brokers, the cluster map and topics of one cluster, refreshed in the background. */
public final class WorkspaceViewModel {
    /** Every 2 s while the cluster answers; after failures in a row, less often, up to every 30 s. */
    static final Backoff REFRESH_BACKOFF =
            new Backoff(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(30));

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ClusterGateway gateway;
    private final Connection connection;
    private final BrokersViewModel brokers;
    private final TopicsViewModel topics;
    private final ClusterMapViewModel map;
    private final PartitionLogViewModel partitionLog;
    private final TimelineViewModel timeline;
    /** The last map read from the cluster: what the map shows again when the timeline comes back to live. */
    private ClusterMap liveMap = ClusterMap.EMPTY;

    private final GroupsViewModel groups;
    private final MessagesViewModel messages;
    /** "map", "topics", "groups" or "messages": which tab the workspace shows (remembered across launches). */
    private final StringProperty selectedTab = new SimpleStringProperty(this, "selectedTab", MAP_TAB);

    private static final String TOPICS_TAB = "topics";
    private static final String MAP_TAB = "map";
    private final ReadOnlyStringWrapper lastRefresh = new ReadOnlyStringWrapper(this, "lastRefresh", "");
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper(this, "refreshing", false);
    private final ReadOnlyStringWrapper retryHint = new ReadOnlyStringWrapper(this, "retryHint", "");
    private final StringBinding problem;
    /** The wait before the next automatic refresh; null while auto-refresh is off. */
    private PauseTransition nextRefresh;

    private int consecutiveFailures;
    /** Between start and stop of the automatic refresh: the partition log view reads only then, and on the map. */
    private boolean autoRefreshing;

    public WorkspaceViewModel(ClusterGateway gateway, Connection connection) {
        this.gateway = gateway;
        this.connection = connection;
        this.brokers = new BrokersViewModel(gateway.cluster());
        this.topics = new TopicsViewModel(gateway);
        this.map = new ClusterMapViewModel(gateway.cluster());
        this.partitionLog = new PartitionLogViewModel(gateway.cluster(), gateway.groups());
        this.timeline = new TimelineViewModel(gateway.timeline());
        timeline.setClusterName(connection.title());
        this.groups = new GroupsViewModel(gateway.groups());
        this.messages = new MessagesViewModel(gateway, ZoneId::systemDefault);
        // The browser offers the topics of the latest list (internal ones too: __consumer_offsets is readable).
        topics.allTopics().addListener((ListChangeListener<TopicInfo>) c -> messages.setTopics(
                topics.allTopics().stream().map(TopicInfo::name).toList(),
                name -> topics.allTopics().stream()
                        .filter(t -> t.name().equals(name))
                        .mapToInt(TopicInfo::partitions)
                        .findFirst()
                        .orElse(0)));
        // The chosen partition's frequent reads and the reads after a node action reach the timeline too.
        partitionLog.setOnRead(this::partitionRead);
        map.setRefresher(this::refresh);
        // Going back in the timeline shows that moment on the map and in the partition log view; Live, the present.
        timeline.shownMapProperty().addListener((o, was, is) -> {
            if (is != null) {
                map.apply(is);
                partitionLog.showRecorded(is);
            } else {
                map.apply(liveMap);
                partitionLog.showLive();
            }
        });
        // The topic list's figures, the map's replica positions and the chosen partition's log are read only while
        // they show: fetch them as soon as they do.
        selectedTab.addListener((o, was, is) -> {
            partitionLog.setShowing(autoRefreshing && MAP_TAB.equals(is));
            if (TOPICS_TAB.equals(is)) {
                topics.refreshFigures();
            } else if (MAP_TAB.equals(is)) {
                refresh();
            }
        });
        // One "show internal topics" choice for the whole workspace.
        map.showInternalProperty().bindBidirectional(topics.showInternalProperty());
        timeline.showInternalProperty().bind(map.showInternalProperty());
        problem = Bindings.createStringBinding(
                () -> firstNonEmpty(
                        brokers.errorProperty().get(),
                        map.errorProperty().get(),
                        topics.errorProperty().get(),
                        groups.errorProperty().get()),
                brokers.errorProperty(),
                map.errorProperty(),
                topics.errorProperty(),
                groups.errorProperty());
    }

    /** Refreshes now and then again and again, waiting {@link #REFRESH_BACKOFF} between tries. Call on the FX thread. */
    public void startAutoRefresh() {
        if (nextRefresh == null) {
            nextRefresh = new PauseTransition();
            nextRefresh.setOnFinished(e -> refresh());
        }
        autoRefreshing = true;
        partitionLog.setShowing(MAP_TAB.equals(selectedTab.get()));
        refresh();
    }

    public void stopAutoRefresh() {
        autoRefreshing = false;
        partitionLog.setShowing(false);
        if (nextRefresh != null) {
            nextRefresh.stop();
            nextRefresh = null;
        }
    }

    /**
     * Reads the cluster's metadata once for the brokers, the map and the topic list, and the groups alongside;
     * skipped while an earlier refresh is still out. Topic sizes and record counts (a request per broker and a
     * line per partition) are asked for only while the topic list is on screen. When it completes, the next
     * automatic refresh is planned from it, so a manual refresh (Ctrl+R) that succeeds also ends a long back-off
     * at once.
     */
    public CompletableFuture<Void> refresh() {
        if (refreshing.get()) {
            return CompletableFuture.completedFuture(null);
        }
        refreshing.set(true);
        CompletableFuture<Void> metadata = gateway.cluster()
                .snapshot(MAP_TAB.equals(selectedTab.get()))
                .handle((snapshot, failure) -> {
                    if (failure != null) {
                        brokers.failed(failure);
                        map.failed(failure);
                        topics.failed(failure);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    brokers.setOverview(snapshot.overview());
                    showLive(snapshot.map());
                    return topics.apply(snapshot, TOPICS_TAB.equals(selectedTab.get()));
                })
                .thenCompose(figures -> figures);
        return CompletableFuture.allOf(metadata, groups.refresh()).whenComplete((v, e) -> {
            refreshing.set(false);
            consecutiveFailures = problem.get().isEmpty() ? 0 : consecutiveFailures + 1;
            java.time.Duration wait = REFRESH_BACKOFF.delayAfter(consecutiveFailures);
            if (consecutiveFailures == 0) {
                lastRefresh.set("Updated " + LocalTime.now().format(TIME));
                retryHint.set("");
            } else {
                retryHint.set("Trying again in " + wait.toSeconds() + " s  ·  Ctrl+R tries now");
            }
            if (nextRefresh != null) {
                nextRefresh.stop();
                nextRefresh.setDuration(Duration.millis(wait.toMillis()));
                nextRefresh.playFromStart();
            }
        });
    }

    /** A map read from the cluster: recorded in the timeline, and shown unless the timeline shows another moment. */
    private void showLive(ClusterMap read) {
        liveMap = read;
        timeline.record(read);
        if (timeline.liveProperty().get()) {
            map.apply(read);
        }
    }

    /** The chosen partition read on its own: its row and the brokers, merged into the last map read. */
    private void partitionRead(ClusterMap narrowed) {
        if (liveMap.rows().stream()
                .anyMatch(r -> r.key().equals(narrowed.rows().get(0).key()))) {
            showLive(liveMap.merging(narrowed));
        }
    }

    /** A fresh form for the "New topic" dialog, knowing the current topics and brokers. */
    public NewTopicViewModel newTopic() {
        return new NewTopicViewModel(
                gateway.topics(), topics.topicNames(), brokers.brokers().size());
    }

    /** After a topic was created: show it right away rather than at the next tick. */
    public void topicCreated(String name) {
        topics.refresh();
        map.refresh();
    }

    private static String firstNonEmpty(String... messages) {
        for (String message : messages) {
            if (!message.isEmpty()) {
                return message;
            }
        }
        return "";
    }

    public Connection connection() {
        return connection;
    }

    public String title() {
        return connection.title();
    }

    public String subtitle() {
        String id = connection.clusterId() == null || connection.clusterId().isEmpty()
                ? ""
                : "  ·  cluster id " + connection.clusterId();
        String security = ClientSecurity.summary(connection.profile().security());
        return connection.bootstrapServers() + id + (security.isEmpty() ? "" : "  ·  " + security);
    }

    public BrokersViewModel brokers() {
        return brokers;
    }

    public TopicsViewModel topics() {
        return topics;
    }

    public ClusterMapViewModel map() {
        return map;
    }

    /** Every change seen on the cluster, and the scrubber that shows any recorded moment again. */
    public TimelineViewModel timeline() {
        return timeline;
    }

    /** The partition chosen on the map, drawn as a log. */
    public PartitionLogViewModel partitionLog() {
        return partitionLog;
    }

    public GroupsViewModel groups() {
        return groups;
    }

    public MessagesViewModel messages() {
        return messages;
    }

    public StringProperty selectedTabProperty() {
        return selectedTab;
    }

    public ReadOnlyStringProperty lastRefreshProperty() {
        return lastRefresh.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }

    /** When the cluster does not answer: when the app tries again; "" while all is well. */
    public ReadOnlyStringProperty retryHintProperty() {
        return retryHint.getReadOnlyProperty();
    }

    /** A problem talking to the cluster, or "" while all is well. */
    public StringBinding problemProperty() {
        return problem;
    }
}
