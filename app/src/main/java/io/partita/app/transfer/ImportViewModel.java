package io.partita.app.transfer;

import io.partita.app.client.core.Failures;
import io.partita.app.client.transfer.ImportPlan;
import io.partita.app.client.transfer.TransferClient;
import io.partita.app.client.transfer.TransferControl;
import io.partita.app.client.transfer.TransferProgress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The import form and the import it runs: a JSON Lines file (as exported) into an existing topic, partitions and
 * timestamps kept or not; then progress, Cancel and a summary. The file is checked whole before anything is sent.
 */
public final class ImportViewModel {
    private final TransferClient transfer;
    private final ObservableList<String> topics;
    private final StringProperty folder;
    private final StringProperty file = new SimpleStringProperty(this, "file", "");
    private final StringProperty topic = new SimpleStringProperty(this, "topic");
    private final BooleanProperty keepPartitions = new SimpleBooleanProperty(this, "keepPartitions", true);
    private final BooleanProperty keepTimestamps = new SimpleBooleanProperty(this, "keepTimestamps", true);
    private final ReadOnlyObjectWrapper<TransferProgress> progress = new ReadOnlyObjectWrapper<>(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private TransferControl control;

    /** @param folder the folder files were last chosen in ("" for none), remembered across launches */
    public ImportViewModel(TransferClient transfer, ObservableList<String> topics, StringProperty folder) {
        this.transfer = transfer;
        this.topics = topics;
        this.folder = folder;
    }

    /** Starts the import the form describes; a wrong form only sets {@link #errorProperty()}. */
    public void start() {
        if (running.get()) {
            return;
        }
        Path source;
        ImportPlan plan;
        try {
            source = path();
            plan = plan();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        running.set(true);
        progress.set(null);
        status.set("Checking " + source.getFileName() + "…");
        control = new TransferControl();
        TransferControl thisRun = control;
        transfer.importMessages(source, plan, control, this::show).whenComplete((last, failure) -> {
            running.set(false);
            if (failure != null) {
                status.set("");
                error.set(Failures.problem("Could not import", failure)); // the reason names the file and line
            } else if (thisRun.cancelled() && last.done() < last.about()) {
                progress.set(last);
                status.set("Cancelled: " + TransferProgress.count(last.done()) + " of "
                        + TransferProgress.count(last.about()) + " records were sent to " + plan.topic()
                        + " before Cancel (they stay in the topic).");
            } else {
                progress.set(last);
                status.set("Sent " + TransferProgress.count(last.done()) + " records from " + source.getFileName()
                        + " to " + plan.topic() + " (" + kept(plan) + ").");
            }
        });
    }

    private static String kept(ImportPlan plan) {
        return (plan.keepPartitions() ? "partitions kept" : "partitions by key") + ", "
                + (plan.keepTimestamps() ? "timestamps kept" : "timestamps of now");
    }

    /** Stops sending; what the cluster already took stays in the topic. */
    public void cancel() {
        if (control != null && running.get()) {
            control.cancel();
        }
    }

    private void show(TransferProgress p) {
        if (running.get()) {
            progress.set(p);
            status.set("Sending: " + TransferProgress.count(p.done()) + " of " + TransferProgress.count(p.about())
                    + " records acknowledged");
        }
    }

    /** The file the form names. */
    Path path() {
        String text = file.get() == null ? "" : file.get().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Choose the file to import (Browse… or type a path).");
        }
        try {
            return Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a file name: " + e.getReason() + ".");
        }
    }

    /** Where the records go, as the form says. */
    ImportPlan plan() {
        String target = topic.get();
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException(
                    "Choose the topic to import into (it must exist: an import never " + "creates one).");
        }
        if (!topics.contains(target)) {
            throw new IllegalArgumentException("Topic " + target + " does not exist. Nothing was sent.");
        }
        return new ImportPlan(target, keepPartitions.get(), keepTimestamps.get());
    }

    /** After Browse…: the chosen file, and its folder for the next time. */
    public void chosen(Path chosen) {
        if (chosen != null) {
            file.set(chosen.toString());
            if (chosen.getParent() != null) {
                folder.set(chosen.getParent().toString());
            }
        }
    }

    /** Where Browse… opens: the folder used last ("" for none). */
    public String folder() {
        return folder.get() == null ? "" : folder.get();
    }

    public ObservableList<String> topics() {
        return topics;
    }

    public StringProperty fileProperty() {
        return file;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public BooleanProperty keepPartitionsProperty() {
        return keepPartitions;
    }

    public BooleanProperty keepTimestampsProperty() {
        return keepTimestamps;
    }

    public ReadOnlyObjectProperty<TransferProgress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
