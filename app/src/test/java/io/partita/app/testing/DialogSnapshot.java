package io.partita.app.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Saves the open dialog as JavaFX draws it, for the screenshot launchers: a virtual display without a window
 * manager paints a dialog window black, so the screen grab cannot show it.
 */
public final class DialogSnapshot {
    private DialogSnapshot() {}

    /** Saves the first owned window that shows, {@code delay} from now (so its content is laid out). */
    public static void saveLater(Path out, Duration delay) {
        PauseTransition later = new PauseTransition(delay);
        later.setOnFinished(e -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getOwner() != null && w.isShowing())
                .findFirst()
                .ifPresent(w -> save(w.getScene().snapshot(null), out)));
        later.play();
    }

    private static void save(WritableImage image, Path out) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        try {
            ImageIO.write(png, "png", out.toFile());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
