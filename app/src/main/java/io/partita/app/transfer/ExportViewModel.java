package io.partita.app.transfer;

import io.partita.app.client.core.Failures;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.StartAt;
import io.partita.app.client.transfer.ExportPlan;
import io.partita.app.client.transfer.TransferClient;
import io.partita.app.client.transfer.TransferControl;
import io.partita.app.client.transfer.TransferProgress;
import io.partita.app.common.HintedChoice;
import io.partita.app.common.PartitionChoices;
import io.partita.app.common.StartChoice;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.ToIntFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The export form and the export it runs: a topic's partition (or all of them) from a start to a stop, or the
 * records selected in the browser, into a JSON Lines file; then progress, Cancel and a summary.
 */
public final class ExportViewModel {
    /** The partition choice meaning every partition of the topic, one after the other. */
    public static final String ALL_PARTITIONS = "All partitions";

    /** Where the exported range stops, as offered by the form. */
    public enum StopChoice implements HintedChoice {
        END("End of the partition", ""),
        OFFSET("Offset", "not included, e.g. 1000"),
        TIME("Time", "first record at or after it, e.g. 2026-11-25 14:30");

        private final String label;
        private final String hint;

        StopChoice(String label, String hint) {
            this.label = label;
            this.hint = hint;
        }

        @Override
        public String hint() {
            return hint;
        }

        /** Where a read would begin that the range stops before ({@link StartAt.Latest} for the end). */
        StartAt parse(String input, ZoneId zone) {
            return switch (this) {
                case END -> new StartAt.Latest();
                case OFFSET -> StartChoice.OFFSET.parse(input, zone);
                case TIME -> StartChoice.TIME.parse(input, zone);
            };
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final TransferClient transfer;
    private final ObservableList<String> topics;
    private final ToIntFunction<String> partitionsOf;
    private final ZoneId zone;
    private final StringProperty folder;
    private final List<Message> selected;
    private final StringProperty topic = new SimpleStringProperty(this, "topic");
    private final ObservableList<String> partitionChoices = FXCollections.observableArrayList(ALL_PARTITIONS);
    private final StringProperty partition = new SimpleStringProperty(this, "partition", ALL_PARTITIONS);
    private final ObservableList<StartChoice> fromChoices =
            FXCollections.observableArrayList(StartChoice.EARLIEST, StartChoice.OFFSET, StartChoice.TIME);
    private final ObjectProperty<StartChoice> from = new SimpleObjectProperty<>(this, "from", StartChoice.EARLIEST);
    private final StringProperty fromInput = new SimpleStringProperty(this, "fromInput", "");
    private final ObjectProperty<StopChoice> stop = new SimpleObjectProperty<>(this, "stop", StopChoice.END);
    private final StringProperty stopInput = new SimpleStringProperty(this, "stopInput", "");
    private final StringProperty file = new SimpleStringProperty(this, "file", "");
    private final ReadOnlyObjectWrapper<TransferProgress> progress = new ReadOnlyObjectWrapper<>(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private TransferControl control;

    /**
     * @param folder   the folder files were last chosen in ("" for none), remembered across launches
     * @param selected the browser's selected records to export, or empty to export a range
     */
    public ExportViewModel(
            TransferClient transfer,
            ObservableList<String> topics,
            ToIntFunction<String> partitionsOf,
            ZoneId zone,
            StringProperty folder,
            List<Message> selected) {
        this.transfer = transfer;
        this.topics = topics;
        this.partitionsOf = partitionsOf;
        this.zone = zone;
        this.folder = folder;
        this.selected = List.copyOf(selected);
        topic.addListener((o, was, name) -> {
            PartitionChoices.fill(partitionChoices, ALL_PARTITIONS, name, partitionsOf);
            partition.set(ALL_PARTITIONS);
        });
    }

    /** Starts the export the form describes; a wrong form only sets {@link #errorProperty()}. */
    public void start() {
        if (running.get()) {
            return;
        }
        Path target;
        ExportPlan plan = null;
        try {
            target = path();
            if (selected.isEmpty()) {
                plan = plan();
            }
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        running.set(true);
        progress.set(null);
        status.set("Exporting…");
        control = new TransferControl();
        String what = plan == null
                ? TransferProgress.count(selected.size()) + " selected records of " + selectionSource()
                : null;
        ExportPlan range = plan;
        (plan == null
                        ? transfer.exportMessages(selected, target, control, this::show)
                        : transfer.exportMessages(plan, target, control, this::show))
                .whenComplete((written, failure) -> {
                    running.set(false);
                    if (failure == null) {
                        progress.set(new TransferProgress(written, written));
                        status.set("Wrote "
                                + (what != null
                                        ? what
                                        : TransferProgress.count(written) + " records of " + range.describe())
                                + " to " + target);
                    } else if (Failures.rootCause(failure) instanceof CancellationException) {
                        progress.set(null);
                        status.set("Cancelled: nothing was written; " + target.getFileName() + " is as it was.");
                    } else {
                        status.set("");
                        error.set(Failures.problem("Could not export", failure));
                    }
                });
    }

    /** Stops a running export; the file is left as it was. */
    public void cancel() {
        if (control != null && running.get()) {
            control.cancel();
        }
    }

    private void show(TransferProgress p) {
        if (running.get()) {
            progress.set(p);
            status.set("Exporting: " + p.describe());
        }
    }

    /** The file the form names. */
    Path path() {
        String text = file.get() == null ? "" : file.get().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Name the file to write (Browse… or type a path).");
        }
        try {
            return Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a file name: " + e.getReason() + ".");
        }
    }

    /** Whether starting would replace an existing file (the window asks first). */
    public boolean wouldOverwrite() {
        try {
            return Files.isRegularFile(path());
        } catch (IllegalArgumentException e) {
            return false; // start() says what is wrong with the name
        }
    }

    /** The range the form describes. */
    ExportPlan plan() {
        String source = topic.get();
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("Choose the topic to export.");
        }
        List<Integer> partitions = new ArrayList<>();
        if (ALL_PARTITIONS.equals(partition.get())) {
            for (int p = 0; p < partitionsOf.applyAsInt(source); p++) {
                partitions.add(p);
            }
        } else {
            partitions.add(Integer.valueOf(partition.get()));
        }
        StartAt start = from.get().parse(fromInput.get(), zone);
        StartAt until = stop.get().parse(stopInput.get(), zone);
        if (start instanceof StartAt.Offset s && until instanceof StartAt.Offset u && s.offset() >= u.offset()) {
            throw new IllegalArgumentException("Nothing to export: the start, offset " + s.offset()
                    + ", is not before the stop, offset " + u.offset() + ".");
        }
        if (start instanceof StartAt.Time s && until instanceof StartAt.Time u && s.epochMillis() >= u.epochMillis()) {
            throw new IllegalArgumentException("Nothing to export: the start time is not before the stop time.");
        }
        return new ExportPlan(source, partitions, start, until);
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

    /** Where Browse… opens: the folder used last, if it still exists (checked by the caller). */
    public String folder() {
        return folder.get() == null ? "" : folder.get();
    }

    /** A file name to suggest in Browse…: the topic (and partition), as .jsonl. */
    public String suggestedName() {
        if (!selected.isEmpty()) {
            return selected.get(0).topic() + "-selected.jsonl";
        }
        String name = topic.get() == null ? "messages" : topic.get();
        return (ALL_PARTITIONS.equals(partition.get()) ? name : name + "-" + partition.get()) + ".jsonl";
    }

    /** Whether this form exports the browser's selection rather than a range. */
    public boolean exportsSelection() {
        return !selected.isEmpty();
    }

    /** "3 selected records of a/0", for the form. */
    public String selectionText() {
        return TransferProgress.count(selected.size()) + " selected record" + (selected.size() == 1 ? "" : "s") + " of "
                + selectionSource();
    }

    private String selectionSource() {
        if (selected.isEmpty()) {
            return "";
        }
        Message first = selected.get(0);
        boolean onePartition =
                selected.stream().allMatch(m -> m.topic().equals(first.topic()) && m.partition() == first.partition());
        return onePartition ? first.topic() + "/" + first.partition() : first.topic();
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

    public ObservableList<StartChoice> fromChoices() {
        return fromChoices;
    }

    public ObjectProperty<StartChoice> fromProperty() {
        return from;
    }

    public StringProperty fromInputProperty() {
        return fromInput;
    }

    public ObjectProperty<StopChoice> stopProperty() {
        return stop;
    }

    public StringProperty stopInputProperty() {
        return stopInput;
    }

    public StringProperty fileProperty() {
        return file;
    }

    /** Null before the export starts and after a cancel. */
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
