package io.partita.app.common;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Plain text onto the system clipboard (FX Application Thread only, as the clipboard requires). */
public final class ClipboardText {
    private ClipboardText() {}

    public static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
