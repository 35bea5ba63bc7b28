package io.partita.app.produce;

import io.partita.app.client.core.Failures;
import io.partita.app.client.produce.BatchControl;
import io.partita.app.client.produce.BatchPlan;
import io.partita.app.client.produce.BatchProgress;
import io.partita.app.client.produce.Delivery;
import io.partita.app.client.produce.ProduceClient;
import io.partita.app.client.produce.ProduceInput;
import io.partita.app.client.produce.ProduceRequest;
import io.partita.app.client.produce.Sent;
import io.partita.app.client.produce.Template;
import io.partita.app.client.records.Message;
import io.partita.app.common.PartitionChoices;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The produce form: topic, partition (explicit, or chosen by the key as the default partitioner would), key,
 * value (text, checked JSON, or a file's bytes), headers and timestamp; or a generated batch of such records, with
 * templates, at a rate. Every record sent is listed with where it landed; a batch as one line, its summary.
 */
public final class ProduceViewModel {
    /** The partition choice meaning "let the partitioner choose". */
    public static final String BY_KEY = "By key (default partitioner)";
    /** Lines kept in the list of what was sent (the newest): a long session must not grow it without end. */
    static final int SENT_AT_MOST = 200;

    private final ProduceClient produce;
    private final ZoneId zone;
    private final ToIntFunction<String> partitionsOf;
    private final ObservableList<String> topics;
    private final StringProperty topic = new SimpleStringProperty(this, "topic");
    /** The topic chosen before it dropped out of the topic list (deleted), until another is chosen. */
    private String vanishedTopic;

    private final ObservableList<String> partitionChoices = FXCollections.observableArrayList(BY_KEY);
    private final StringProperty partition = new SimpleStringProperty(this, "partition", BY_KEY);
    private final StringProperty key = new SimpleStringProperty(this, "key", "");
    private final StringProperty value = new SimpleStringProperty(this, "value", "");
    private final ObjectProperty<ProduceInput.ValueKind> valueKind =
            new SimpleObjectProperty<>(this, "valueKind", ProduceInput.ValueKind.TEXT);
    private final StringProperty headers = new SimpleStringProperty(this, "headers", "");
    private final StringProperty timestamp = new SimpleStringProperty(this, "timestamp", "");
    private final StringProperty file = new SimpleStringProperty(this, "file", "");
    private final BooleanProperty batch = new SimpleBooleanProperty(this, "batch", false);
    private final StringProperty batchCount = new SimpleStringProperty(this, "batchCount", "100");
    private final StringProperty batchRate = new SimpleStringProperty(this, "batchRate", "10");
    private final StringProperty batchFirstSeq = new SimpleStringProperty(this, "batchFirstSeq", "0");
    private final ReadOnlyObjectWrapper<BatchProgress> batchProgress =
            new ReadOnlyObjectWrapper<>(this, "batchProgress");
    private final ReadOnlyStringWrapper batchStatus = new ReadOnlyStringWrapper(this, "batchStatus", "");
    private final ReadOnlyBooleanWrapper batchRunning = new ReadOnlyBooleanWrapper(this, "batchRunning", false);
    private BatchControl batchControl;
    /** Cancel pressed while the value file was still being read: the batch stops as soon as it starts. */
    private boolean cancelAsked;

    private final ObservableList<Sent> sent = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper(this, "sending", false);
    private final StringBinding partitionPreview;

    /**
     * @param topics       the topics to offer (kept up to date by the workspace)
     * @param partitionsOf a topic's partition count, from the latest topic list
     */
    public ProduceViewModel(
            ProduceClient produce, ObservableList<String> topics, ToIntFunction<String> partitionsOf, ZoneId zone) {
        this.produce = produce;
        this.topics = topics;
        this.partitionsOf = partitionsOf;
        this.zone = zone;
        topic.addListener((o, was, name) -> {
            // The topic list refreshes in the background: a topic deleted under the form drops out of it and its
            // choice box empties. Remember what was chosen, so Send can say it is gone rather than ask for a topic.
            vanishedTopic = name == null && was != null && !topics.contains(was) ? was : null;
            PartitionChoices.fill(partitionChoices, BY_KEY, name, partitionsOf);
            partition.set(BY_KEY);
        });
        partitionPreview = Bindings.createStringBinding(this::preview, topic, partition, key);
    }

    private String preview() {
        if (!BY_KEY.equals(partition.get()) || topic.get() == null) {
            return "";
        }
        int partitions = partitionsOf.applyAsInt(topic.get());
        if (partitions < 1) {
            return "";
        }
        if (key.get() == null || key.get().isEmpty()) {
            return "No key: the producer spreads such records over the partitions.";
        }
        int p = ProduceClient.partitionForKey(key.get().getBytes(StandardCharsets.UTF_8), partitions);
        return "This key goes to partition " + p + " (of " + partitions + ").";
    }

    /** Sends what the form describes: one record, or the batch when Batch is on. Never blocks. */
    public void send() {
        if (sending.get()) {
            return;
        }
        if (batch.get()) {
            startBatch();
        } else {
            sendOne();
        }
    }

    /** Checks the form and sends one record; nothing is sent when the form is wrong. */
    CompletableFuture<Delivery> sendOne() {
        ProduceRequest request;
        Path valueFile;
        try {
            request = request();
            valueFile = valueFile();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        sending.set(true);
        CompletableFuture<ProduceRequest> ready = valueFile == null
                ? CompletableFuture.completedFuture(request)
                : produce.readValueFile(valueFile).thenApply(bytes -> withValue(request, bytes));
        return ready.thenCompose(produce::send).handle((delivery, failure) -> {
            sending.set(false);
            if (failure != null) {
                error.set(Failures.problem("Not sent", failure));
                return null;
            }
            addSent(delivery);
            return delivery;
        });
    }

    /**
     * Checks the form and starts a generated batch; a wrong form (or a first record that is not JSON) only sets
     * {@link #errorProperty()}, and nothing is sent.
     */
    void startBatch() {
        BatchPlan plan;
        Path valueFile;
        try {
            plan = plan(null);
            valueFile = valueFile();
            if (valueFile == null) {
                plan.request(0, new Random(), Instant.now()); // a value that is never JSON is refused here, not later
            }
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        sending.set(true);
        batchRunning.set(true);
        batchProgress.set(
                new BatchProgress(plan.topic(), plan.count(), 0, List.of(), BatchProgress.State.RUNNING, 0, null));
        batchStatus.set("Starting…");
        if (valueFile == null) {
            run(plan);
            return;
        }
        batchStatus.set("Reading " + valueFile.getFileName() + "…");
        produce.readValueFile(valueFile).whenComplete((bytes, failure) -> {
            if (failure != null) {
                finished(BatchProgress.refused(plan.topic(), plan.count(), Failures.describe(failure)));
            } else {
                run(plan(bytes));
            }
        });
    }

    private void run(BatchPlan plan) {
        batchControl = produce.sendBatch(plan, this::showBatch);
        if (cancelAsked) {
            batchControl.cancel();
        }
        batchControl.done().thenAccept(this::finished);
    }

    /** Stops a running batch; what was already sent stays, and the summary says it was cancelled. */
    public void cancelBatch() {
        if (!batchRunning.get()) {
            return;
        }
        cancelAsked = true;
        if (batchControl != null) {
            batchControl.cancel();
        }
    }

    private void showBatch(BatchProgress p) {
        if (batchRunning.get()) {
            batchProgress.set(p);
            batchStatus.set(p.summary());
        }
    }

    private void finished(BatchProgress last) {
        batchControl = null;
        cancelAsked = false;
        batchRunning.set(false);
        sending.set(false);
        batchProgress.set(last);
        batchStatus.set(last.summary());
        if (last.state() == BatchProgress.State.FAILED) {
            error.set("Batch " + (last.sent() == 0 ? "not sent: " : "stopped: ") + last.failure());
        }
        if (last.sent() > 0 || last.state() != BatchProgress.State.FAILED) {
            addSent(last);
        }
    }

    private void addSent(Sent line) {
        sent.add(0, line);
        if (sent.size() > SENT_AT_MOST) {
            sent.remove(SENT_AT_MOST, sent.size());
        }
    }

    private static ProduceRequest withValue(ProduceRequest r, byte[] value) {
        return new ProduceRequest(r.topic(), r.partition(), r.key(), value, r.headers(), r.timestamp());
    }

    /** The file to send as the value, or null when the value is typed in. */
    private Path valueFile() {
        if (valueKind.get() != ProduceInput.ValueKind.FILE) {
            return null;
        }
        String name = file.get() == null ? "" : file.get().strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Choose the file whose bytes are the value (Browse…).");
        }
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not a file name: " + e.getReason() + ".");
        }
    }

    /** The batch the form describes; {@code fileValue}: the value file's bytes, once read. */
    BatchPlan plan(byte[] fileValue) {
        String target = requireTopic();
        long count = number(batchCount.get(), "The batch size", 1, BatchPlan.MAX_COUNT);
        String rateText = batchRate.get() == null ? "" : batchRate.get().strip();
        double rate = 0;
        if (!rateText.isEmpty()) {
            try {
                rate = Double.parseDouble(rateText);
            } catch (NumberFormatException e) {
                rate = -1;
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("The rate must be a number of records a second above 0 (empty: as "
                        + "fast as possible), not \"" + rateText + "\".");
            }
        }
        long firstSeq = number(batchFirstSeq.get(), "The first {{seq}}", 0, Long.MAX_VALUE - count);
        List<BatchPlan.HeaderTemplate> headerTemplates = new ArrayList<>();
        for (Message.Header h : ProduceInput.headers(headers.get())) {
            headerTemplates.add(new BatchPlan.HeaderTemplate(
                    h.name(),
                    h.value() == null
                            ? null
                            : Template.parse(new String(h.value(), StandardCharsets.UTF_8), "Header " + h.name())));
        }
        boolean fromFile = valueKind.get() == ProduceInput.ValueKind.FILE;
        return new BatchPlan(
                target,
                chosenPartition(),
                Template.parse(key.get(), "The key"),
                fromFile ? Template.parse("", "The value") : Template.parse(value.get(), "The value"),
                fileValue,
                valueKind.get() == ProduceInput.ValueKind.JSON,
                headerTemplates,
                ProduceInput.timestamp(timestamp.get(), zone),
                count,
                firstSeq,
                rate);
    }

    private static long number(String text, String what, long min, long max) {
        String t = text == null ? "" : text.strip().replace("_", "").replace(",", "");
        try {
            long n = Long.parseLong(t);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(what + " must be a whole number from " + min + " to " + max + ", not \""
                + (text == null ? "" : text.strip()) + "\".");
    }

    private String requireTopic() {
        if (topic.get() == null && vanishedTopic != null) {
            throw new IllegalArgumentException(
                    "Not sent: Topic " + vanishedTopic + " does not exist (was it deleted?). Nothing was sent.");
        }
        if (topic.get() == null || topic.get().isEmpty()) {
            throw new IllegalArgumentException("Choose a topic to send to.");
        }
        return topic.get();
    }

    private Integer chosenPartition() {
        return BY_KEY.equals(partition.get()) || partition.get() == null ? null : Integer.valueOf(partition.get());
    }

    private ProduceRequest request() {
        String target = requireTopic();
        boolean fromFile = valueKind.get() == ProduceInput.ValueKind.FILE;
        return new ProduceRequest(
                target,
                chosenPartition(),
                ProduceInput.key(key.get()),
                fromFile ? new byte[0] : ProduceInput.value(value.get(), valueKind.get()),
                ProduceInput.headers(headers.get()),
                ProduceInput.timestamp(timestamp.get(), zone));
    }

    public ObservableList<String> topics() {
        return topics;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public ObservableList<String> partitionChoices() {
        return partitionChoices;
    }

    public StringProperty partitionProperty() {
        return partition;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public ObjectProperty<ProduceInput.ValueKind> valueKindProperty() {
        return valueKind;
    }

    public StringProperty headersProperty() {
        return headers;
    }

    public StringProperty timestampProperty() {
        return timestamp;
    }

    /** Records and batches sent from this form, newest first (at most {@value #SENT_AT_MOST}). */
    public ObservableList<Sent> sent() {
        return sent;
    }

    /** The path of the file whose bytes are the value (value kind File). */
    public StringProperty fileProperty() {
        return file;
    }

    /** On: Send starts a generated batch rather than one record. */
    public BooleanProperty batchProperty() {
        return batch;
    }

    public StringProperty batchCountProperty() {
        return batchCount;
    }

    /** Records a second; empty: as fast as possible. */
    public StringProperty batchRateProperty() {
        return batchRate;
    }

    /** The {@code {{seq}}} of the batch's first record. */
    public StringProperty batchFirstSeqProperty() {
        return batchFirstSeq;
    }

    public ReadOnlyObjectProperty<BatchProgress> batchProgressProperty() {
        return batchProgress.getReadOnlyProperty();
    }

    /** "120 of 200 sent" while running; the summary at the end. */
    public ReadOnlyStringProperty batchStatusProperty() {
        return batchStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty batchRunningProperty() {
        return batchRunning.getReadOnlyProperty();
    }

    public StringBinding partitionPreviewProperty() {
        return partitionPreview;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.getReadOnlyProperty();
    }
}
