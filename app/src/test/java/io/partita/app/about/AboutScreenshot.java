package io.partita.app.about;

import io.partita.app.PartitaApp;
import io.partita.app.testing.DialogSnapshot;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Launches Partita and opens Help → About, saving the dialog as drawn.
 *
 * <p>{@code java -Dpartita.home=H -Dpartita.prefs=NODE -cp 'app/target/partita.jar:app/target/lib/*:app/target/test-classes'
 * io.partita.app.about.AboutScreenshot DIALOG.png}
 */
public final class AboutScreenshot {
    private AboutScreenshot() {}

    public static void main(String[] args) {
        Platform.startup(() -> {
            Stage stage = new Stage();
            new PartitaApp().start(stage);
            PauseTransition later = new PauseTransition(Duration.seconds(2));
            later.setOnFinished(e -> ((MenuBar) stage.getScene().lookup(".menu-bar"))
                    .getMenus().stream()
                            .flatMap(menu -> menu.getItems().stream())
                            .filter(item -> "menu-about".equals(item.getId()))
                            .findFirst()
                            .ifPresent(item -> Platform.runLater(item::fire)));
            later.play();
            DialogSnapshot.saveLater(Path.of(args[0]), Duration.seconds(4));
        });
    }
}
