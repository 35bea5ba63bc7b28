package io.partita.app.common;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TextField;

/**
 * A choice a form offers in a list beside an input field (start at an offset, a time, the last N; stop at the end
 * or an offset): the field's hint for that choice, empty when the choice needs no input.
 */
public interface HintedChoice {
    /** What the input field asks for under this choice; empty when it needs no input. */
    String hint();

    default boolean needsInput() {
        return !hint().isEmpty();
    }

    /** Makes {@code input} show the hint of the choice made and take text only while that choice needs some. */
    static void bindInput(TextField input, ObservableValue<? extends HintedChoice> choice) {
        input.promptTextProperty()
                .bind(Bindings.createStringBinding(() -> choice.getValue().hint(), choice));
        input.disableProperty()
                .bind(Bindings.createBooleanBinding(() -> !choice.getValue().needsInput(), choice));
    }
}
