package io.partita.app;

import atlantafx.base.theme.Styles;
import io.partita.app.about.AboutDialog;
import io.partita.app.client.core.Failures;
import io.partita.app.timeline.RecordedTimelineView;
import io.partita.app.timeline.TimelineView;
import io.partita.app.welcome.WelcomeView;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The window's content: a menu bar with the shortcuts, and the welcome screen or the workspace. */
public final class AppView extends BorderPane {
    private final AppViewModel model;
    private final WelcomeView welcome;
    private final StackPane content = new StackPane();
    private WorkspaceView workspace;

    /**
     * @param onQuit quits the application (the window owns the stage)
     * @param openFolder shows a folder in the desktop's file manager (the application's host services)
     */
    public AppView(AppViewModel model, Runnable onQuit, Consumer<URI> openFolder) {
        this.model = model;
        this.welcome = new WelcomeView(model.welcome());
        getStyleClass().add("app");

        MenuItem newTopic = item("New topic…", "Shortcut+N", () -> {
            if (workspace != null) {
                workspace.showNewTopicDialog();
            }
        });
        newTopic.setId("menu-new-topic");
        MenuItem produce = item("Produce message…", "Shortcut+P", () -> {
            if (workspace != null) {
                workspace.showProduceDialog();
            }
        });
        MenuItem replay = item("Replay messages…", "Shortcut+Shift+R", () -> {
            if (workspace != null) {
                workspace.showReplayDialog();
            }
        });
        MenuItem export = item("Export messages…", "Shortcut+Shift+E", () -> {
            if (workspace != null) {
                workspace.showExportDialog();
            }
        });
        export.setId("menu-export");
        MenuItem importing = item("Import messages…", "Shortcut+Shift+I", () -> {
            if (workspace != null) {
                workspace.showImportDialog();
            }
        });
        importing.setId("menu-import");
        MenuItem refresh = item("Refresh", "Shortcut+R", () -> {
            if (workspace != null) {
                workspace.model().refresh();
            }
        });
        MenuItem openTimeline = item("Open timeline…", "Shortcut+O", this::openTimeline);
        openTimeline.setId("menu-open-timeline");
        MenuItem disconnect = item("Disconnect", null, model::disconnect);
        MenuItem quit = item("Quit", "Shortcut+Q", onQuit);
        for (MenuItem connectedOnly :
                new MenuItem[] {newTopic, produce, replay, export, importing, refresh, disconnect}) {
            connectedOnly.disableProperty().bind(model.connectedProperty().not());
        }
        Menu file = new Menu(
                "Cluster",
                null,
                newTopic,
                produce,
                replay,
                export,
                importing,
                refresh,
                new SeparatorMenuItem(),
                openTimeline,
                new SeparatorMenuItem(),
                disconnect,
                new SeparatorMenuItem(),
                quit);

        MenuItem find = item("Find topic", "Shortcut+F", () -> {
            if (workspace != null) {
                workspace.focusSearch();
            }
        });
        find.disableProperty().bind(model.connectedProperty().not());
        MenuItem map = item("Cluster map", "Shortcut+1", () -> {
            if (workspace != null) {
                workspace.showMap();
            }
        });
        MenuItem topicsTab = item("Topics", "Shortcut+2", () -> {
            if (workspace != null) {
                workspace.showTopics();
            }
        });
        MenuItem groupsTab = item("Consumer groups", "Shortcut+3", () -> {
            if (workspace != null) {
                workspace.showGroups();
            }
        });
        groupsTab.disableProperty().bind(model.connectedProperty().not());
        MenuItem messagesTab = item("Messages", "Shortcut+4", () -> {
            if (workspace != null) {
                workspace.showMessages();
            }
        });
        messagesTab.disableProperty().bind(model.connectedProperty().not());
        map.disableProperty().bind(model.connectedProperty().not());
        topicsTab.disableProperty().bind(model.connectedProperty().not());
        CheckMenuItem showInternal = new CheckMenuItem("Show internal topics");
        showInternal.disableProperty().bind(model.connectedProperty().not());
        CheckMenuItem darkTheme = new CheckMenuItem("Dark theme");
        darkTheme.setId("menu-dark-theme");
        darkTheme.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        darkTheme.selectedProperty().bindBidirectional(model.darkThemeProperty());
        Menu view = new Menu(
                "View",
                null,
                map,
                topicsTab,
                groupsTab,
                messagesTab,
                new SeparatorMenuItem(),
                find,
                showInternal,
                new SeparatorMenuItem(),
                darkTheme);

        MenuItem about = item(
                "About Partita",
                null,
                () -> new AboutDialog(getScene().getWindow(), model.about(openFolder)).showAndWait());
        about.setId("menu-about");
        Menu help = new Menu("Help", null, about);

        MenuBar menuBar = new MenuBar(file, view, help);
        menuBar.setUseSystemMenuBar(true);
        setTop(menuBar);

        // The overlay while a cluster stops (Quit, Disconnect).
        ProgressIndicator stopping = new ProgressIndicator();
        Label stoppingText = new Label();
        stoppingText.textProperty().bind(model.stoppingMessageProperty());
        stoppingText.getStyleClass().add(Styles.TITLE_4);
        VBox overlay = new VBox(16, stopping, stoppingText);
        overlay.setAlignment(Pos.CENTER);
        overlay.getStyleClass().add("busy-overlay");
        overlay.visibleProperty().bind(model.stoppingProperty());

        content.getChildren().setAll(welcome, overlay);
        setCenter(content);

        model.workspaceProperty().addListener((obs, old, ws) -> {
            if (workspace != null) {
                showInternal
                        .selectedProperty()
                        .unbindBidirectional(workspace.model().topics().showInternalProperty());
            }
            workspace = ws == null ? null : new WorkspaceView(ws, model::disconnect);
            if (workspace != null) {
                showInternal.selectedProperty().bindBidirectional(ws.topics().showInternalProperty());
            }
            content.getChildren().set(0, workspace == null ? welcome : workspace);
        });
    }

    /** Cluster → Open timeline…: a recording in a window of its own, or why the file cannot be one. */
    private void openTimeline() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a timeline");
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter("Partita timeline", "*" + TimelineView.FILE_SUFFIX),
                        new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            openTimeline(file.toPath());
        }
    }

    /** Opens the timeline in {@code file}; a file that is not one gets an error dialog naming its line. */
    public CompletableFuture<Void> openTimeline(Path file) {
        return model.openTimeline(file).handle((recording, failure) -> {
            if (failure != null) {
                Alert alert = new Alert(Alert.AlertType.ERROR, Failures.describe(failure));
                alert.initOwner(getScene().getWindow());
                alert.setHeaderText("This file is not a timeline Partita can open");
                alert.show();
            } else {
                RecordedTimelineView.show(getScene().getWindow(), recording);
            }
            return null;
        });
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    public AppViewModel model() {
        return model;
    }
}
