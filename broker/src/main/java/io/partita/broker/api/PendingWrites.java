package io.partita.broker.api;

import io.partita.broker.common.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;

/**
 * The writes an admin request started, one per resource: each failure lands in its own resource's result,
 * and the response goes out once all of them have finished.
 */
final class PendingWrites {
    private final List<CompletableFuture<?>> writes = new ArrayList<>();

    /** Tracks a write; if it fails, {@code onError} records Kafka's error for that resource. */
    void add(CompletableFuture<?> write, Consumer<ApiError> onError) {
        writes.add(write.handle((v, e) -> {
            if (e != null) {
                onError.accept(apiError(e));
            }
            return null;
        }));
    }

    CompletableFuture<AbstractResponse> respond(Supplier<AbstractResponse> response) {
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(v -> response.get());
    }

    /** Kafka's error for a failure: unwrapped, with a wait that ran out reported as REQUEST_TIMED_OUT. */
    static ApiError apiError(Throwable error) {
        Throwable cause = Futures.unwrap(error);
        if (cause instanceof TimeoutException) {
            cause = new org.apache.kafka.common.errors.TimeoutException(cause.getMessage());
        }
        return ApiError.fromThrowable(cause);
    }
}
