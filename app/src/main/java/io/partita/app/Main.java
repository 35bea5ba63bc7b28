package io.partita.app;

import javafx.application.Application;

/**
 * The jar's entry point. A plain class (not the {@link Application} subclass) so that JavaFX starts from the
 * classpath without the module path's launcher check.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Application.launch(PartitaApp.class, args);
    }
}
