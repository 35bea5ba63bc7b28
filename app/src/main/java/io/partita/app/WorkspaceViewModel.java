package io.partita.app;

import io.partita.app.cluster.BrokersViewModel;
import io.partita.app.cluster.ClusterMapViewModel;
import io.partita.app.groups.GroupsViewModel;
import io.partita.app.connection.ClusterGateway;
import io.partita.app.connection.Connection;
import io.partita.app.topics.NewTopicViewModel;
import io.partita.app.topics.TopicsViewModel;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;

/** The connected workspace: brokers, the cluster map and topics of one cluster, refreshed in the background. */
public final class WorkspaceViewModel {
    static final Duration REFRESH_EVERY = Duration.seconds(2);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ClusterGateway gateway;
    private final Connection connection;
    private final BrokersViewModel brokers;
    private final TopicsViewModel topics;
    private final ClusterMapViewModel map;
    private final GroupsViewModel groups;
    /** "map", "topics" or "groups": which tab the workspace shows (remembered across launches). */
    private final javafx.beans.property.StringProperty selectedTab =
            new javafx.beans.property.SimpleStringProperty(this, "selectedTab", "map");
    private final ReadOnlyStringWrapper lastRefresh = new ReadOnlyStringWrapper(this, "lastRefresh", "");
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper(this, "refreshing", false);
    private final StringBinding problem;
    private Timeline timer;

    public WorkspaceViewModel(ClusterGateway gateway, Connection connection) {
        this.gateway = gateway;
        this.connection = connection;
        this.brokers = new BrokersViewModel(gateway);
        this.topics = new TopicsViewModel(gateway);
        this.map = new ClusterMapViewModel(gateway);
        this.groups = new GroupsViewModel(gateway);
        // One "show internal topics" choice for the whole workspace.
        map.showInternalProperty().bindBidirectional(topics.showInternalProperty());
        problem = Bindings.createStringBinding(
                () -> firstNonEmpty(brokers.errorProperty().get(), map.errorProperty().get(), topics.errorProperty().get(),
                        groups.errorProperty().get()),
                brokers.errorProperty(), map.errorProperty(), topics.errorProperty(), groups.errorProperty());
    }

    /** Refreshes now and then every {@link #REFRESH_EVERY}. Call on the FX thread. */
    public void startAutoRefresh() {
        refresh();
        if (timer == null) {
            timer = new Timeline(new KeyFrame(REFRESH_EVERY, e -> refresh()));
            timer.setCycleCount(Animation.INDEFINITE);
            timer.play();
        }
    }

    public void stopAutoRefresh() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }

    /** Asks for brokers and topics; skipped while an earlier refresh is still out. */
    public CompletableFuture<Void> refresh() {
        if (refreshing.get()) {
            return CompletableFuture.completedFuture(null);
        }
        refreshing.set(true);
        return CompletableFuture.allOf(brokers.refresh(), map.refresh(), topics.refresh(), groups.refresh())
                .whenComplete((v, e) -> {
                    refreshing.set(false);
                    if (problem.get().isEmpty()) {
                        lastRefresh.set("Updated " + LocalTime.now().format(TIME));
                    }
                });
    }

    /** A fresh form for the "New topic" dialog, knowing the current topics and brokers. */
    public NewTopicViewModel newTopic() {
        return new NewTopicViewModel(gateway, topics.topicNames(), brokers.brokers().size());
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
        String id = connection.clusterId() == null || connection.clusterId().isEmpty() ? ""
                : "  ·  cluster id " + connection.clusterId();
        String security = io.partita.app.connection.ClientSecurity.summary(connection.profile().security());
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

    public GroupsViewModel groups() {
        return groups;
    }

    public javafx.beans.property.StringProperty selectedTabProperty() {
        return selectedTab;
    }

    public ReadOnlyStringProperty lastRefreshProperty() {
        return lastRefresh.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }

    /** A problem talking to the cluster, or "" while all is well. */
    public StringBinding problemProperty() {
        return problem;
    }
}
