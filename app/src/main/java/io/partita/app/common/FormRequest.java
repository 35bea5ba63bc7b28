package io.partita.app.common;

import io.partita.app.client.core.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;

/** A form's one request to the cluster: busy while it runs, the cluster's refusal in the form's error line. */
public final class FormRequest {
    private FormRequest() {}

    /**
     * Runs {@code call} with {@code busy} set and {@code error} cleared; completes true when the cluster agreed,
     * false (with {@code refused} and the reason in {@code error}) when it did not. Call on the FX thread.
     */
    public static CompletableFuture<Boolean> run(
            BooleanProperty busy, StringProperty error, String refused, Supplier<CompletableFuture<?>> call) {
        busy.set(true);
        error.set("");
        return call.get().handle((ok, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(refused + ": " + Failures.describe(failure));
                return false;
            }
            return true;
        });
    }
}
