package io.partita.app;

import atlantafx.base.theme.Styles;
import io.partita.app.browse.MessagesView;
import io.partita.app.cluster.BrokersView;
import io.partita.app.cluster.ClusterMapView;
import io.partita.app.common.ClipboardText;
import io.partita.app.groups.GroupsView;
import io.partita.app.timeline.TimelineView;
import io.partita.app.topics.NewTopicDialog;
import io.partita.app.topics.NewTopicViewModel;
import io.partita.app.topics.TopicsView;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The connected workspace: a header naming the cluster, brokers beside the cluster map and topics, and a status line. */
public final class WorkspaceView extends BorderPane {
    private static final String COPY_ADDRESS = "Copy address";

    private final WorkspaceViewModel model;
    private final TopicsView topics;
    private final TabPane tabs;
    private final Tab mapTab;
    private final Tab topicsTab;
    private final Tab groupsTab;
    private final Tab messagesTab;
    private final MessagesView messages;

    public WorkspaceView(WorkspaceViewModel model, Runnable onDisconnect) {
        this.model = model;
        getStyleClass().add("workspace");
        setId("workspace");

        Label title = new Label(model.title());
        title.setId("cluster-title");
        title.getStyleClass().addAll(Styles.TITLE_3, "cluster-title");
        Label subtitle = new Label(model.subtitle());
        subtitle.setId("cluster-subtitle");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        VBox titles = new VBox(2, title, subtitle);
        Button disconnect = new Button(model.connection().profile().isLocal() ? "Stop cluster" : "Disconnect");
        disconnect.setId("disconnect");
        disconnect.getStyleClass().add(Styles.BUTTON_OUTLINED);
        disconnect.setOnAction(e -> onDisconnect.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(16, titles, spacer, copyAddressButton(), disconnect);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("workspace-header");
        setTop(new VBox(header, problemBanner(model)));

        BrokersView brokers = new BrokersView(model.brokers());
        topics = new TopicsView(model.topics(), this::showNewTopicDialog);
        mapTab = new Tab(
                "Cluster map",
                new ClusterMapView(model.map(), model.partitionLog(), new TimelineView(model.timeline())));
        mapTab.setId("map-tab");
        topicsTab = new Tab("Topics", topics);
        topicsTab.setId("topics-tab");
        groupsTab = new Tab("Consumer groups", new GroupsView(model.groups()));
        groupsTab.setId("groups-tab");
        messages = new MessagesView(model.messages());
        messagesTab = new Tab("Messages", messages);
        messagesTab.setId("messages-tab");
        messagesTab.setUserData("messages");
        tabs = new TabPane(mapTab, topicsTab, groupsTab, messagesTab);
        tabs.setId("workspace-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        mapTab.setUserData("map");
        topicsTab.setUserData("topics");
        groupsTab.setUserData("groups");
        tabs.getTabs().stream()
                .filter(t -> t.getUserData().equals(model.selectedTabProperty().get()))
                .findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
        tabs.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, tab) -> model.selectedTabProperty().set((String) tab.getUserData()));
        SplitPane split = new SplitPane(brokers, tabs);
        split.setDividerPositions(0.26);
        SplitPane.setResizableWithParent(brokers, false);
        split.getStyleClass().add("workspace-split");
        setCenter(split);

        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.lastRefreshProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Region statusSpacer = new Region();
        HBox.setHgrow(statusSpacer, Priority.ALWAYS);
        Label shortcuts = new Label(
                "Ctrl+1 map  ·  Ctrl+2 topics  ·  Ctrl+3 groups  ·  Ctrl+4 messages  ·  Ctrl+N new topic  ·  Ctrl+R refresh  ·  Ctrl+Q quit");
        shortcuts.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        HBox statusBar = new HBox(16, status, statusSpacer, shortcuts);
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.getStyleClass().add("status-bar");
        setBottom(statusBar);
    }

    /** Puts the bootstrap servers on the clipboard, for kcat or the user's own clients; says so for a moment. */
    private Button copyAddressButton() {
        Button copy = new Button(COPY_ADDRESS);
        copy.setId("copy-bootstrap");
        copy.getStyleClass().add(Styles.FLAT);
        copy.setTooltip(new Tooltip("Copy " + model.connection().bootstrapServers()
                + " to the clipboard, to point kcat or your own clients at this cluster"));
        PauseTransition restore = new PauseTransition(Duration.seconds(2));
        restore.setOnFinished(e -> copy.setText(COPY_ADDRESS));
        copy.setOnAction(e -> {
            ClipboardText.copy(model.connection().bootstrapServers());
            copy.setText("Copied");
            restore.playFromStart();
        });
        return copy;
    }

    /**
     * A strip under the header while the cluster does not answer or refuses a request: what is wrong, when the
     * app tries again, and a button to try now. Hidden while all is well.
     */
    private static HBox problemBanner(WorkspaceViewModel model) {
        Label problem = new Label();
        problem.setId("problem");
        problem.getStyleClass().add("problem-text");
        problem.textProperty().bind(model.problemProperty());
        problem.setWrapText(true);
        Label retry = new Label();
        retry.setId("retry-hint");
        retry.getStyleClass().add(Styles.TEXT_MUTED);
        retry.textProperty().bind(model.retryHintProperty());
        retry.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button tryNow = new Button("Try now");
        tryNow.setId("retry-now");
        tryNow.getStyleClass().add(Styles.SMALL);
        tryNow.setMinWidth(Region.USE_PREF_SIZE);
        tryNow.disableProperty().bind(model.refreshingProperty());
        tryNow.setOnAction(e -> model.refresh());
        HBox banner = new HBox(12, problem, spacer, retry, tryNow);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("problem-banner");
        banner.visibleProperty().bind(model.problemProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    public void showMap() {
        tabs.getSelectionModel().select(mapTab);
    }

    public void showTopics() {
        tabs.getSelectionModel().select(topicsTab);
    }

    public void showGroups() {
        tabs.getSelectionModel().select(groupsTab);
    }

    /** The produce window, from the Messages tab (Ctrl+P). */
    public void showProduceDialog() {
        tabs.getSelectionModel().select(messagesTab);
        messages.openProduceDialog();
    }

    /** The replay window, from the Messages tab (Ctrl+Shift+R). */
    public void showReplayDialog() {
        tabs.getSelectionModel().select(messagesTab);
        messages.openReplayDialog();
    }

    /** The export window, from the Messages tab (Ctrl+Shift+E). */
    public void showExportDialog() {
        tabs.getSelectionModel().select(messagesTab);
        messages.openExportDialog();
    }

    /** The import window, from the Messages tab (Ctrl+Shift+I). */
    public void showImportDialog() {
        tabs.getSelectionModel().select(messagesTab);
        messages.openImportDialog();
    }

    public void showMessages() {
        tabs.getSelectionModel().select(messagesTab);
        messages.focusTopic();
    }

    /** Opens the New topic dialog; the list refreshes when a topic was created. */
    public void showNewTopicDialog() {
        NewTopicViewModel form = model.newTopic();
        NewTopicDialog dialog =
                new NewTopicDialog(getScene() == null ? null : getScene().getWindow(), form);
        dialog.setOnHidden(e -> {
            String created = dialog.getResult();
            if (created != null) {
                model.topicCreated(created);
            }
        });
        dialog.show();
    }

    /** Ctrl+F: the message search while the Messages tab shows (finding a topic is not what one does there). */
    public void focusSearch() {
        if (tabs.getSelectionModel().getSelectedItem() == messagesTab) {
            messages.focusSearch();
            return;
        }
        showTopics();
        topics.focusSearch();
    }

    public WorkspaceViewModel model() {
        return model;
    }
}
