package io.partita.app.messages;

import io.partita.app.connection.ClusterGateway;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
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
 * The replay form and the replay it runs: a source range of a topic, a filter, a speed and a target (the app, or
 * a topic), then progress, pause, step, cancel and a summary at the end.
 */
public final class ReplayViewModel {
    /** The partition choice meaning every partition of the topic, one after the other. */
    public static final String ALL_PARTITIONS = "All partitions";
    /** Records replayed into the app that stay listed (the latest ones). */
    static final int SHOWN_AT_MOST = 500;

    /** How fast, as offered by the form. */
    public enum SpeedChoice {
        FAST("As fast as possible"), ORIGINAL("Original timing ×"), RATE("Records per second");

        private final String label;

        SpeedChoice(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where replayed records go, as offered by the form. */
    public enum TargetChoice {
        APP("Step through them here"), TOPIC("Produce them to a topic");

        private final String label;

        TargetChoice(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ClusterGateway gateway;
    private final ToIntFunction<String> partitionsOf;
    private final ZoneId zone;
    private final ObservableList<String> topics;
    private final StringProperty topic = new SimpleStringProperty(this, "topic");
    private final ObservableList<String> partitionChoices = FXCollections.observableArrayList(ALL_PARTITIONS);
    private final StringProperty partition = new SimpleStringProperty(this, "partition", ALL_PARTITIONS);
    private final ObjectProperty<StartChoice> from = new SimpleObjectProperty<>(this, "from", StartChoice.EARLIEST);
    private final StringProperty fromInput = new SimpleStringProperty(this, "fromInput", "");
    private final StringProperty untilOffset = new SimpleStringProperty(this, "untilOffset", "");
    private final ObjectProperty<MessageFilter.Field> filterField =
            new SimpleObjectProperty<>(this, "filterField", MessageFilter.Field.ANY);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final BooleanProperty filterRegex = new SimpleBooleanProperty(this, "filterRegex", false);
    private final ObjectProperty<SpeedChoice> speed = new SimpleObjectProperty<>(this, "speed", SpeedChoice.RATE);
    private final StringProperty speedValue = new SimpleStringProperty(this, "speedValue", "50");
    private final ObjectProperty<TargetChoice> target = new SimpleObjectProperty<>(this, "target", TargetChoice.APP);
    private final StringProperty targetTopic = new SimpleStringProperty(this, "targetTopic");
    private final BooleanProperty keepKeys = new SimpleBooleanProperty(this, "keepKeys", true);
    private final BooleanProperty keepHeaders = new SimpleBooleanProperty(this, "keepHeaders", true);
    private final BooleanProperty keepTimestamps = new SimpleBooleanProperty(this, "keepTimestamps", false);
    private final BooleanProperty keepPartitions = new SimpleBooleanProperty(this, "keepPartitions", false);
    private final ObservableList<Message> shown = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ReplayProgress> progress = new ReadOnlyObjectWrapper<>(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused", false);
    private ReplayControl control;

    public ReplayViewModel(ClusterGateway gateway, ObservableList<String> topics, ToIntFunction<String> partitionsOf,
                           ZoneId zone) {
        this.gateway = gateway;
        this.topics = topics;
        this.partitionsOf = partitionsOf;
        this.zone = zone;
        topic.addListener((o, was, name) -> {
            partitionChoices.setAll(ALL_PARTITIONS);
            for (int p = 0; name != null && p < partitionsOf.applyAsInt(name); p++) {
                partitionChoices.add(Integer.toString(p));
            }
            partition.set(ALL_PARTITIONS);
        });
    }

    /** Starts the replay the form describes; a wrong form only sets {@link #errorProperty()}. */
    public void start() {
        if (running.get()) {
            return;
        }
        ReplayPlan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        shown.clear();
        running.set(true);
        paused.set(false);
        status.set("Starting…");
        control = gateway.replay(plan, this::show, this::shown);
        control.done().thenAccept(last -> {
            show(last);
            running.set(false);
            paused.set(false);
            if (last.state() == ReplayProgress.State.FAILED) {
                error.set(last.failure());
            }
        });
    }

    /** Pauses a running replay, or resumes a paused one. */
    public void pauseOrResume() {
        if (control == null || !running.get()) {
            return;
        }
        if (paused.get()) {
            control.resume();
        } else {
            control.pause();
        }
        paused.set(!paused.get());
    }

    /** While paused: one more record. */
    public void step() {
        if (control != null && paused.get()) {
            control.step();
        }
    }

    public void cancel() {
        if (control != null) {
            control.cancel();
        }
    }

    private void show(ReplayProgress p) {
        progress.set(p);
        status.set(p.summary());
    }

    private void shown(Message m) {
        shown.add(m);
        if (shown.size() > SHOWN_AT_MOST) {
            shown.remove(0, shown.size() - SHOWN_AT_MOST);
        }
    }

    /** The plan the form describes. */
    ReplayPlan plan() {
        String source = topic.get();
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("Choose the topic to replay.");
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
        long until = untilOffset.get() == null || untilOffset.get().isBlank() ? Long.MAX_VALUE
                : wholeNumber(untilOffset.get(), "The offset to stop before");
        MessageFilter filter = new MessageFilter(filterField.get(), filterText.get(), filterRegex.get(),
                Long.MIN_VALUE, Long.MAX_VALUE);
        Speed pace = switch (speed.get()) {
            case FAST -> new Speed.AsFastAsPossible();
            case ORIGINAL -> new Speed.OriginalTiming(positive(speedValue.get(), "The speed-up"));
            case RATE -> new Speed.PerSecond(positive(speedValue.get(), "The rate"));
        };
        ReplayPlan.Target to = target.get() == TargetChoice.APP ? new ReplayPlan.InApp()
                : new ReplayPlan.ToTopic(targetTopic.get(), keepKeys.get(), keepHeaders.get(), keepTimestamps.get(),
                        keepPartitions.get());
        return new ReplayPlan(source, partitions, start, until, filter, pace, to);
    }

    private static long wholeNumber(String text, String what) {
        try {
            long n = Long.parseLong(text.strip().replace("_", ""));
            if (n < 0) {
                throw new IllegalArgumentException(what + " must be 0 or more, not " + n + ".");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not \"" + text.strip() + "\".");
        }
    }

    private static double positive(String text, String what) {
        try {
            double v = Double.parseDouble(text == null ? "" : text.strip());
            if (!(v > 0)) {
                throw new IllegalArgumentException(what + " must be above 0, not " + text.strip() + ".");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, not \"" + (text == null ? "" : text.strip())
                    + "\".");
        }
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

    public ObjectProperty<StartChoice> fromProperty() {
        return from;
    }

    public StringProperty fromInputProperty() {
        return fromInput;
    }

    public StringProperty untilOffsetProperty() {
        return untilOffset;
    }

    public ObjectProperty<MessageFilter.Field> filterFieldProperty() {
        return filterField;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public BooleanProperty filterRegexProperty() {
        return filterRegex;
    }

    public ObjectProperty<SpeedChoice> speedProperty() {
        return speed;
    }

    public StringProperty speedValueProperty() {
        return speedValue;
    }

    public ObjectProperty<TargetChoice> targetProperty() {
        return target;
    }

    public StringProperty targetTopicProperty() {
        return targetTopic;
    }

    public BooleanProperty keepKeysProperty() {
        return keepKeys;
    }

    public BooleanProperty keepHeadersProperty() {
        return keepHeaders;
    }

    public BooleanProperty keepTimestampsProperty() {
        return keepTimestamps;
    }

    public BooleanProperty keepPartitionsProperty() {
        return keepPartitions;
    }

    /** Records replayed into the app, the latest {@value #SHOWN_AT_MOST}. */
    public ObservableList<Message> shown() {
        return shown;
    }

    public ReadOnlyObjectProperty<ReplayProgress> progressProperty() {
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

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }
}
