package io.partita.app.client.transfer;

import static io.partita.app.client.core.ClientSession.API_TIMEOUT_MS;

import io.partita.app.client.browse.BrowseClient;
import io.partita.app.client.browse.MessageReader;
import io.partita.app.client.core.ClientSession;
import io.partita.app.client.core.Failures;
import io.partita.app.client.produce.MessageWriter;
import io.partita.app.client.produce.ProduceClient;
import io.partita.app.client.records.Message;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export to and import from JSON Lines files ({@link MessageFiles}), each on a thread of its own: export pages
 * through the connection's consumer, import checks the whole file before the producer sends anything.
 */
public final class TransferClient {
    private static final Logger LOG = LoggerFactory.getLogger(TransferClient.class);

    private final ClientSession session;
    private final BrowseClient browse;
    private final ProduceClient produce;

    /** Reads with the browser's consumer and sends with the producer of {@code browse} and {@code produce}. */
    public TransferClient(ClientSession session, BrowseClient browse, ProduceClient produce) {
        this.session = session;
        this.browse = browse;
        this.produce = produce;
    }

    /**
     * Exports the plan's ranges to {@code file} as JSON Lines on a thread of its own; completes with the number
     * of records written. {@code progress} (on the ui executor) hears the count as it grows; after
     * {@code control.cancel()} it fails with a {@link java.util.concurrent.CancellationException} and no file is
     * left behind (an existing {@code file} is untouched).
     */
    public CompletableFuture<Long> exportMessages(
            ExportPlan plan, Path file, TransferControl control, Consumer<TransferProgress> progress) {
        MessageReader r = browse.reader();
        if (r == null) {
            return session.notConnected();
        }
        return session.onOwnThread("partita-export", () -> {
            LOG.info("Exporting {} to {}", plan, file);
            return MessageFiles.export(r, plan, file, control, p -> session.ui().execute(() -> progress.accept(p)));
        });
    }

    /** Exports the given records (the browser's selection) to {@code file}, as {@link #exportMessages} does a range. */
    public CompletableFuture<Long> exportMessages(
            List<Message> records, Path file, TransferControl control, Consumer<TransferProgress> progress) {
        List<Message> copy = List.copyOf(records);
        return session.onOwnThread("partita-export", () -> {
            LOG.info("Exporting {} selected records to {}", copy.size(), file);
            return MessageFiles.export(copy, file, control, p -> session.ui().execute(() -> progress.accept(p)));
        });
    }

    /**
     * Imports a JSON Lines file into the plan's topic (which must exist: it is never created) on a thread of its
     * own; completes with the final progress, records acknowledged of records in the file (fewer after
     * {@code control.cancel()}). A broken line, or a partition the topic lacks, stops it before anything is sent.
     */
    public CompletableFuture<TransferProgress> importMessages(
            Path file, ImportPlan plan, TransferControl control, Consumer<TransferProgress> progress) {
        MessageWriter w = produce.writer();
        Admin a = session.admin();
        if (w == null || a == null) {
            return session.notConnected();
        }
        return session.onOwnThread("partita-import", () -> {
            int partitions;
            try {
                partitions = a.describeTopics(List.of(plan.topic()))
                        .allTopicNames()
                        .get(API_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .get(plan.topic())
                        .partitions()
                        .size();
            } catch (Exception e) {
                if (Failures.rootCause(e) instanceof UnknownTopicOrPartitionException) {
                    throw new IllegalArgumentException("Topic " + plan.topic() + " does not exist. Nothing was sent.");
                }
                throw e;
            }
            LOG.info("Importing {} into {}", file, plan);
            return MessageFiles.importFile(
                    w, file, plan, partitions, control, p -> session.ui().execute(() -> progress.accept(p)));
        });
    }
}
