package io.partita.app.client.produce;

import static io.partita.app.client.core.ClientSession.API_TIMEOUT_MS;
import static io.partita.app.client.core.ClientSession.REQUEST_TIMEOUT_MS;
import static io.partita.app.client.core.ClientSession.stage;

import io.partita.app.client.core.ClientSession;
import io.partita.app.client.core.ClusterErrors;
import io.partita.app.client.core.Failures;
import io.partita.app.client.core.PerConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Producing from the app: one record, a generated batch, a file's bytes as a value. Each first asks the admin
 * client whether the topic (and the chosen partition) exists, so producing never creates a topic.
 */
public final class ProduceClient {
    private final ClientSession session;
    private final PerConnection<MessageWriter> writer;

    public ProduceClient(ClientSession session) {
        this.session = session;
        this.writer = new PerConnection<>(session, MessageWriter::new);
    }

    /** The connection's producer (replays and imports send with it too); null when closed. */
    public MessageWriter writer() {
        return writer.get();
    }

    /** Sends one record (acks=all, idempotent); completes with the partition and offset it landed at. */
    public CompletableFuture<Delivery> send(ProduceRequest request) {
        MessageWriter w = writer();
        Admin a = session.admin();
        if (w == null || a == null) {
            return session.notConnected();
        }
        return session.toUi(
                requireTarget(a, request.topic(), request.partition()).thenCompose(ok -> w.send(request)));
    }

    /**
     * Whether records can go to {@code topic} (and {@code partition}, when one is chosen). Asked of the admin
     * client first, because a producer's metadata request would let a broker auto-create a deleted topic. Fails
     * with an IllegalArgumentException saying what is wrong and that nothing was sent.
     */
    private static CompletableFuture<Void> requireTarget(Admin a, String topic, Integer partition) {
        return stage(a.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                        .allTopicNames())
                .handle((topics, failure) -> {
                    if (failure != null) {
                        if (Failures.rootCause(failure) instanceof UnknownTopicOrPartitionException) {
                            throw new IllegalArgumentException(
                                    "Topic " + topic + " does not exist (was it deleted?). Nothing was sent.");
                        }
                        throw new CompletionException(failure);
                    }
                    int partitions = topics.get(topic).partitions().size();
                    if (partition != null && (partition < 0 || partition >= partitions)) {
                        throw new IllegalArgumentException("Topic " + topic + " has no partition " + partition
                                + " (it has " + partitions + "). Nothing was sent.");
                    }
                    return null;
                });
    }

    /**
     * Starts a generated batch on its own thread and returns its handle at once; {@code progress} is called on the
     * ui executor while it runs, and the handle's {@code done()} completes there too. Like {@link #send}, it checks
     * first that the topic (and the chosen partition) exists, so it never creates a topic.
     */
    public BatchControl sendBatch(BatchPlan plan, Consumer<BatchProgress> progress) {
        BatchControl control = new BatchControl();
        MessageWriter w = writer();
        Admin a = session.admin();
        if (w == null || a == null) {
            session.ui()
                    .execute(() -> control.finish(
                            BatchProgress.refused(plan.topic(), plan.count(), "Not connected to a cluster")));
            return control;
        }
        ClientSession.startThread("partita-batch", () -> {
            String why = null;
            try {
                requireTarget(a, plan.topic(), plan.partition()).get(API_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Throwable cause = Failures.rootCause(e);
                why = cause instanceof IllegalArgumentException
                        ? cause.getMessage()
                        : Failures.describe(ClusterErrors.explain(e));
            }
            if (why != null) {
                String refusal = why;
                session.ui().execute(() -> control.finish(BatchProgress.refused(plan.topic(), plan.count(), refusal)));
                return;
            }
            new BatchSender(
                            w,
                            plan,
                            control,
                            p -> session.ui().execute(() -> progress.accept(p)),
                            last -> session.ui().execute(() -> control.finish(last)))
                    .run();
        });
        return control;
    }

    /**
     * Reads a file to send as a record's value, off the FX thread; fails with a message naming the file when it is
     * missing, unreadable or larger than {@link ValueFiles#MAX_VALUE_BYTES} (the producer's request limit).
     */
    public CompletableFuture<byte[]> readValueFile(Path file) {
        return session.onOwnThread("partita-value-file", () -> ValueFiles.read(file));
    }

    /** The partition the default partitioner picks for {@code key} in a topic of {@code partitions}. */
    public static int partitionForKey(byte[] key, int partitions) {
        return MessageWriter.partitionForKey(key, partitions);
    }
}
