package io.partita.app.messages;

import io.partita.app.common.Fx;
import io.partita.app.connection.ClusterGateway;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The message browser: which partition, where to start, the page of records read, and the record in detail.
 * One page at a time ({@link #PAGE_SIZE} records), so a partition of millions costs no more than one of ten.
 */
public final class MessagesViewModel {
    public static final int PAGE_SIZE = 100;

    private final ClusterGateway gateway;
    private final Supplier<ZoneId> zone;
    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final ObservableList<Integer> partitions = FXCollections.observableArrayList();
    private final StringProperty topic = new SimpleStringProperty(this, "topic");
    private final ObjectProperty<Integer> partition = new SimpleObjectProperty<>(this, "partition");
    private final ObjectProperty<StartChoice> start = new SimpleObjectProperty<>(this, "start", StartChoice.EARLIEST);
    private final StringProperty startInput = new SimpleStringProperty(this, "startInput", "");
    private final ObservableList<Message> messages = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<MessagePage> page = new ReadOnlyObjectWrapper<>(this, "page");
    private final ObjectProperty<Message> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ValueFormat> format = new SimpleObjectProperty<>(this, "format", ValueFormats.TEXT);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(this, "reading", false);
    private final IntegerProperty partitionCount = new SimpleIntegerProperty(this, "partitionCount", 0);
    private java.util.function.ToIntFunction<String> topicPartitions = name -> 0;
    private final BooleanProperty formatChosenByUser = new SimpleBooleanProperty(this, "formatChosenByUser", false);

    public MessagesViewModel(ClusterGateway gateway, Supplier<ZoneId> zone) {
        this.gateway = gateway;
        this.zone = zone;
        partitionCount.addListener((o, was, n) -> {
            List<Integer> wanted = java.util.stream.IntStream.range(0, n.intValue()).boxed().toList();
            if (!partitions.equals(wanted)) {
                Integer keep = partition.get();
                partitions.setAll(wanted);
                partition.set(keep != null && keep < n.intValue() ? keep : wanted.isEmpty() ? null : 0);
            }
        });
        selected.addListener((o, was, m) -> {
            if (m != null && !formatChosenByUser.get()) {
                format.set(ValueFormats.best(m.value()));
            }
            render();
        });
        format.addListener((o, was, f) -> render());
    }

    /** The topics to offer, with their partition counts, from the latest topic list. */
    public void setTopics(List<String> names, java.util.function.ToIntFunction<String> partitionsOf) {
        if (!topics.equals(names)) {
            String keep = topic.get();
            topics.setAll(names);
            if (keep != null && !names.contains(keep)) {
                topic.set(null);
            }
        }
        partitionCount.set(topic.get() == null ? 0 : partitionsOf.applyAsInt(topic.get()));
        topicPartitions = partitionsOf;
    }

    /** Chooses a topic (and its first partition). */
    public void chooseTopic(String name) {
        topic.set(name);
        partitionCount.set(name == null ? 0 : topicPartitions.applyAsInt(name));
    }

    /** A fresh produce form, on the topic being browsed. */
    public ProduceViewModel produce() {
        ProduceViewModel form = new ProduceViewModel(gateway, topics, name -> topicPartitions.applyAsInt(name), zone.get());
        form.topicProperty().set(topic.get());
        return form;
    }

    /** A fresh replay form, on the partition being browsed. */
    public ReplayViewModel replay() {
        ReplayViewModel form = new ReplayViewModel(gateway, topics, name -> topicPartitions.applyAsInt(name), zone.get());
        form.topicProperty().set(topic.get());
        if (partition.get() != null) {
            form.partitionProperty().set(Integer.toString(partition.get()));
        }
        return form;
    }

    // ---- Export and import (issue 7) ----
    /** The folder a file was last chosen in for an export or import ("" for none); the app remembers it. */
    private final StringProperty fileFolder = new SimpleStringProperty(this, "fileFolder", "");

    /** A fresh export form: for {@code selected} records, or (when empty) on the partition being browsed. */
    public ExportViewModel export(List<Message> selected) {
        ExportViewModel form = new ExportViewModel(gateway, topics, name -> topicPartitions.applyAsInt(name), zone.get(),
                fileFolder, selected);
        form.topicProperty().set(topic.get());
        if (partition.get() != null) {
            form.partitionProperty().set(Integer.toString(partition.get()));
        }
        return form;
    }

    /** A fresh import form, into the topic being browsed. */
    public ImportViewModel importForm() {
        ImportViewModel form = new ImportViewModel(gateway, topics, fileFolder);
        form.topicProperty().set(topic.get());
        return form;
    }

    public StringProperty fileFolderProperty() {
        return fileFolder;
    }
    // ---- end of export and import ----

    /** Shows a record just sent: its partition, read from its offset. */
    public CompletableFuture<Void> show(Delivery delivery) {
        chooseTopic(delivery.topic());
        partition.set(delivery.partition());
        start.set(StartChoice.OFFSET);
        startInput.set(Long.toString(delivery.offset()));
        return read();
    }

    /** Reads the first page from the chosen start; a wrong input or choice only sets {@link #errorProperty()}. */
    public CompletableFuture<Void> read() {
        StartAt at;
        try {
            requireChoice();
            at = start.get().parse(startInput.get(), zone.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return show(gateway.readMessages(topic.get(), partition.get(), at, PAGE_SIZE));
    }

    /** The page after the one shown. */
    public CompletableFuture<Void> next() {
        MessagePage current = page.get();
        if (current == null) {
            return read();
        }
        return show(gateway.readMessages(current.topic(), current.partition(), new StartAt.Offset(current.next()),
                PAGE_SIZE));
    }

    /** The page before the one shown. */
    public CompletableFuture<Void> previous() {
        MessagePage current = page.get();
        if (current == null || !current.hasPrevious()) {
            return CompletableFuture.completedFuture(null);
        }
        return show(gateway.readMessagesBefore(current.topic(), current.partition(), current.from(), PAGE_SIZE));
    }

    /** Stops a read that waits (an empty partition's tail, a slow cluster). */
    public void cancel() {
        gateway.cancelRead();
    }

    private void requireChoice() {
        if (topic.get() == null || topic.get().isEmpty()) {
            throw new IllegalArgumentException("Choose a topic to read.");
        }
        if (partition.get() == null) {
            throw new IllegalArgumentException("Choose a partition of " + topic.get() + ".");
        }
    }

    private CompletableFuture<Void> show(CompletableFuture<MessagePage> read) {
        error.set("");
        reading.set(true);
        status.set("Reading…");
        return read.handle((p, failure) -> {
            reading.set(false);
            if (failure != null) {
                status.set("");
                error.set(Fx.problem("Could not read " + topic.get() + "-" + partition.get(), failure));
            } else {
                page.set(p);
                messages.setAll(p.messages());
                selected.set(p.messages().isEmpty() ? null : p.messages().get(0));
                status.set(describe(p));
            }
            return null;
        });
    }

    static String describe(MessagePage p) {
        if (p.messages().isEmpty()) {
            return p.logStart() == p.logEnd() ? "The partition is empty."
                    : "No records from offset " + p.from() + " (the partition holds " + p.logStart() + " to "
                            + (p.logEnd() - 1) + ").";
        }
        return "Offsets " + p.messages().get(0).offset() + " to " + p.messages().get(p.messages().size() - 1).offset()
                + " of " + p.logStart() + " to " + (p.logEnd() - 1);
    }

    private void render() {
        Message m = selected.get();
        if (m == null) {
            detail.set("");
        } else if (m.value() == null) {
            detail.set("(no value: a tombstone)");
        } else {
            ValueFormat f = format.get();
            detail.set(f.accepts(m.value()) ? f.render(m.value())
                    : "This value is not " + f.name() + "; choose Hex or Base64.");
        }
    }

    public ObservableList<String> topics() {
        return topics;
    }

    public ObservableList<Integer> partitions() {
        return partitions;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public ObjectProperty<Integer> partitionProperty() {
        return partition;
    }

    public ObjectProperty<StartChoice> startProperty() {
        return start;
    }

    public StringProperty startInputProperty() {
        return startInput;
    }

    public ObservableList<Message> messages() {
        return messages;
    }

    public ReadOnlyObjectProperty<MessagePage> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ObjectProperty<Message> selectedProperty() {
        return selected;
    }

    /** The detail pane's format; a choice by the user sticks for the next records. */
    public ObjectProperty<ValueFormat> formatProperty() {
        return format;
    }

    public void chooseFormat(ValueFormat f) {
        formatChosenByUser.set(true);
        format.set(f);
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    public BooleanBinding hasPreviousProperty() {
        return Bindings.createBooleanBinding(() -> page.get() != null && page.get().hasPrevious(), page);
    }

    public BooleanBinding hasNextProperty() {
        return Bindings.createBooleanBinding(() -> page.get() != null && page.get().hasNext(), page);
    }
}
