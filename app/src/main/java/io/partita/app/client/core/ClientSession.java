package io.partita.app.client.core;

import io.partita.broker.local.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every feature's client shares: the current connection (its admin client, and the settings its consumers
 * and producer are made from, see {@link PerConnection}), the local cluster when the app runs one, and the threads. The gateway opens and closes
 * the connection; the feature clients ({@code ClusterClient}, {@code TopicsClient}, …) read it through here.
 *
 * <p>Every future a feature client returns completes on the {@code ui} executor (the FX Application Thread in
 * the app), so callers may touch JavaFX state in their callbacks; failures arrive explained by
 * {@link ClusterErrors}.
 */
public final class ClientSession {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    public static final int REQUEST_TIMEOUT_MS = 10_000;
    /** The periodic reads' deadline: a dead cluster should show as such within seconds, not after a long wait. */
    public static final int READ_TIMEOUT_MS = 5_000;

    public static final int API_TIMEOUT_MS = 15_000;

    private final Executor ui;
    /** Cluster start and stop, connecting and node control: one thread, in order. */
    private final ExecutorService lifecycle;
    /** Connection tests and work too large for the caller's thread (building requests for every partition). */
    private final ExecutorService work = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "partita-gateway-work");
        t.setDaemon(true);
        return t;
    });
    /** What a disconnect must stop besides the shared clients (live tails, each with its own consumer). */
    private final Set<Runnable> onDisconnect = ConcurrentHashMap.newKeySet();

    private volatile Admin admin;
    /** The connection's client settings (bootstrap servers, security) for consumers and producers. */
    private volatile Properties clientProperties;

    private volatile LocalCluster localCluster;
    private volatile Connection connection;
    private volatile boolean closed;

    public ClientSession(Executor ui) {
        this.ui = ui;
        AtomicInteger n = new AtomicInteger();
        this.lifecycle = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "partita-gateway-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Executor ui() {
        return ui;
    }

    public ExecutorService work() {
        return work;
    }

    public ExecutorService lifecycle() {
        return lifecycle;
    }

    public Connection connection() {
        return connection;
    }

    public Admin admin() {
        return admin;
    }

    /** The settings a consumer or producer of this connection needs (bootstrap, security); null when closed. */
    public Properties clientProperties() {
        return clientProperties;
    }

    /** The local cluster the app runs, or null when connected elsewhere. */
    public LocalCluster localCluster() {
        return localCluster;
    }

    public boolean closed() {
        return closed;
    }

    public void markClosed() {
        closed = true;
    }

    public void localCluster(LocalCluster cluster) {
        localCluster = cluster;
    }

    /** The connection is open: its admin client and settings become everyone's. */
    public void opened(Connection c, Admin a, Properties client) {
        admin = a;
        clientProperties = client;
        connection = c;
    }

    /** Runs {@code stop} at the next disconnect unless {@link #forget forgotten} before. */
    public void stopOnDisconnect(Runnable stop) {
        onDisconnect.add(stop);
    }

    public void forget(Runnable stop) {
        onDisconnect.remove(stop);
    }

    /**
     * Forgets the connection and closes its clients (on the lifecycle thread); returns the local cluster, now no
     * longer the session's, for the caller to stop, or null.
     */
    public LocalCluster closeClients() {
        Admin a = admin;
        admin = null;
        connection = null;
        clientProperties = null;
        // The feature clients' consumers and producer; each live tail closes its own on its own thread. One that
        // fails to close must not keep the others (or the admin client) open.
        for (Runnable stop : List.copyOf(onDisconnect)) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                LOG.warn("A client of the closed connection did not close cleanly: {}", e.toString());
            }
        }
        onDisconnect.clear();
        if (a != null) {
            a.close(Duration.ofSeconds(5));
        }
        LocalCluster cluster = localCluster;
        localCluster = null;
        return cluster;
    }

    /** Work that throws, for {@link #onLifecycle}. */
    public interface Task<T> {
        T run() throws Exception;
    }

    /** Runs {@code task} on the lifecycle thread, after what was queued before it. */
    public <T> CompletableFuture<T> onLifecycle(Task<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("Partita is shutting down"));
            return toUi(result);
        }
        try {
            lifecycle.execute(() -> {
                try {
                    result.complete(task.run());
                } catch (Throwable t) {
                    LOG.warn("Cluster operation failed: {}", Failures.describe(t));
                    LOG.debug("Cluster operation failed", t);
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("Partita is shutting down", e));
        }
        return toUi(result);
    }

    /** Calls the admin client of the current connection; fails at once when there is none. */
    public <T> CompletableFuture<T> withAdmin(Function<Admin, CompletionStage<T>> call) {
        Admin a = admin;
        if (a == null) {
            return notConnected();
        }
        CompletableFuture<T> result;
        try {
            result = call.apply(a).toCompletableFuture();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return toUi(result);
    }

    public static <T> CompletableFuture<T> stage(KafkaFuture<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }

    /** A future that completes on the ui executor with the same outcome as {@code source}, failures explained. */
    public <T> CompletableFuture<T> toUi(CompletableFuture<T> source) {
        CompletableFuture<T> out = new CompletableFuture<>();
        source.whenComplete((value, error) -> ui.execute(() -> {
            if (error != null) {
                out.completeExceptionally(ClusterErrors.explain(error));
            } else {
                out.complete(value);
            }
        }));
        return out;
    }

    public <T> CompletableFuture<T> notConnected() {
        return toUi(CompletableFuture.failedFuture(new IllegalStateException("Not connected to a cluster")));
    }

    /** Runs {@code body} on a daemon thread of its own (a rare task that may run for minutes), result on ui. */
    public <T> CompletableFuture<T> onOwnThread(String name, Task<T> body) {
        return toUi(CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return body.run();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                },
                task -> {
                    Thread t = new Thread(task, name);
                    t.setDaemon(true);
                    t.start();
                }));
    }

    /** Starts {@code body} on a daemon thread named {@code name}. */
    public static void startThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
