package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.cluster.ClusterStore;
import io.partita.broker.cluster.ClusterView;
import io.partita.broker.config.BrokerConfig;
import io.partita.broker.log.LogConfig;
import io.partita.broker.log.LogStore;
import io.partita.broker.replication.ReplicaManager;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * What the API handlers work with: this node's config and the node's subsystems. Handlers are thin; they
 * translate protocol messages into calls on these.
 *
 * @param io executor for work that blocks (ZooKeeper reads and writes); never the network threads
 * @param timer schedules timeouts (long-poll fetches)
 */
public record ApiContext(
        BrokerConfig config,
        String clusterId,
        ClusterView clusterView,
        ClusterStore clusterStore,
        ReplicaManager replicaManager,
        LogStore logStore,
        ProducerIdManager producerIds,
        ExecutorService io,
        ScheduledExecutorService timer) {

    public int brokerId() {
        return config.brokerId();
    }

    public ClusterSnapshot snapshot() {
        return clusterView.snapshot();
    }

    /** A topic's effective configuration: broker defaults with the topic's overrides on top. */
    public LogConfig topicConfig(String topic) {
        return LogConfig.from(
                config.topicDefaults(), snapshot().topicConfig(topic).config());
    }

    public LogConfig topicConfig(Map<String, String> overrides) {
        return LogConfig.from(config.topicDefaults(), overrides);
    }

    /**
     * Completes once this node's view satisfies {@code condition}. A timeout of zero or less means the client
     * does not want to wait: as in Kafka, it is answered as soon as the request has been made.
     */
    public CompletableFuture<Void> awaitView(Predicate<ClusterSnapshot> condition, long timeoutMs) {
        if (timeoutMs <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return clusterView.await(condition, timeoutMs).thenApply(s -> null);
    }

    /** Runs blocking work on the io executor. */
    public <T> CompletableFuture<T> blocking(BlockingCall<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        io.execute(() -> {
            try {
                future.complete(call.call());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    @FunctionalInterface
    public interface BlockingCall<T> {
        T call() throws Exception;
    }
}
