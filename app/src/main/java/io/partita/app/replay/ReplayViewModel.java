package io.partita.app.replay;

import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessageFilter;
import io.partita.app.client.records.Moments;
import io.partita.app.client.records.StartAt;
import io.partita.app.client.records.StopAt;
import io.partita.app.client.replay.ReplayClient;
import io.partita.app.client.replay.ReplayControl;
import io.partita.app.client.replay.ReplayPlan;
import io.partita.app.client.replay.ReplayPosition;
import io.partita.app.client.replay.ReplayProgress;
import io.partita.app.client.replay.Speed;
import io.partita.app.common.HintedChoice;
import io.partita.app.common.PartitionChoices;
import io.partita.app.common.StartChoice;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
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
    /** The partition choice meaning every partition of the topic, interleaved by the records' timestamps. */
    public static final String ALL_PARTITIONS = "All partitions";
    /** Records replayed into the app that stay listed (the latest ones). */
    static final int SHOWN_AT_MOST = 500;
    /** Partition axes drawn at most; the rest are counted ("+N more"), as a window has room for so many. */
    static final int AXES_AT_MOST = 12;

    /** What the stop field holds; empty means the end of each partition. */
    public enum UntilChoice implements HintedChoice {
        OFFSET("Offset", "an offset; empty: to the end"),
        TIME("Time", "e.g. 2026-11-25 14:30; empty: to the end");

        private final String label;
        private final String hint;

        UntilChoice(String label, String hint) {
            this.label = label;
            this.hint = hint;
        }

        @Override
        public String hint() {
            return hint;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How fast, as offered by the form. */
    public enum SpeedChoice {
        FAST("As fast as possible"),
        ORIGINAL("Original timing ×"),
        RATE("Records per second");

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
        APP("Step through them here"),
        TOPIC("Produce them to a topic");

        private final String label;

        TargetChoice(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ReplayClient replay;
    private final ToIntFunction<String> partitionsOf;
    private final ZoneId zone;
    private final ObservableList<String> topics;
    private final StringProperty topic = new SimpleStringProperty(this, "topic");
    private final ObservableList<String> partitionChoices = FXCollections.observableArrayList(ALL_PARTITIONS);
    private final StringProperty partition = new SimpleStringProperty(this, "partition", ALL_PARTITIONS);
    private final ObjectProperty<StartChoice> from = new SimpleObjectProperty<>(this, "from", StartChoice.EARLIEST);
    private final StringProperty fromInput = new SimpleStringProperty(this, "fromInput", "");
    private final ObjectProperty<UntilChoice> untilKind =
            new SimpleObjectProperty<>(this, "untilKind", UntilChoice.OFFSET);
    private final StringProperty untilInput = new SimpleStringProperty(this, "untilInput", "");
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
    private final ObservableList<ReplayPosition> axes = FXCollections.observableArrayList();
    /** One read-only view, kept: such a view listens to the list only as long as someone holds it. */
    private final ObservableList<ReplayPosition> axesView = FXCollections.unmodifiableObservableList(axes);

    private final ReadOnlyIntegerWrapper axesHidden = new ReadOnlyIntegerWrapper(this, "axesHidden", 0);
    private final ReadOnlyObjectWrapper<ReplayProgress> progress = new ReadOnlyObjectWrapper<>(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused", false);
    private ReplayControl control;

    public ReplayViewModel(
            ReplayClient replay, ObservableList<String> topics, ToIntFunction<String> partitionsOf, ZoneId zone) {
        this.replay = replay;
        this.topics = topics;
        this.partitionsOf = partitionsOf;
        this.zone = zone;
        topic.addListener((o, was, name) -> {
            PartitionChoices.fill(partitionChoices, ALL_PARTITIONS, name, partitionsOf);
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
        axes.clear();
        axesHidden.set(0);
        running.set(true);
        paused.set(false);
        status.set("Starting…");
        control = replay.replay(plan, this::show, this::shown);
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

    /** Takes in a progress snapshot (the gateway calls it on the FX thread). */
    void show(ReplayProgress p) {
        progress.set(p);
        status.set(p.summary());
        if (p.positions().isEmpty()) {
            return; // refused, or stopped before the ranges were known: nothing to draw
        }
        List<ReplayPosition> drawn =
                p.positions().subList(0, Math.min(AXES_AT_MOST, p.positions().size()));
        if (axes.size() == drawn.size()) {
            // Only the axes whose cursor moved change, so the rows are redrawn as little as possible.
            for (int i = 0; i < drawn.size(); i++) {
                if (!axes.get(i).equals(drawn.get(i))) {
                    axes.set(i, drawn.get(i));
                }
            }
        } else {
            axes.setAll(drawn);
        }
        axesHidden.set(p.positions().size() - drawn.size());
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
        StopAt until = until(start);
        MessageFilter filter = new MessageFilter(
                filterField.get(), filterText.get(), filterRegex.get(), Long.MIN_VALUE, Long.MAX_VALUE);
        Speed pace = switch (speed.get()) {
            case FAST -> new Speed.AsFastAsPossible();
            case ORIGINAL -> new Speed.OriginalTiming(positive(speedValue.get(), "The speed-up"));
            case RATE -> new Speed.PerSecond(positive(speedValue.get(), "The rate"));
        };
        ReplayPlan.Target to = target.get() == TargetChoice.APP
                ? new ReplayPlan.InApp()
                : new ReplayPlan.ToTopic(
                        targetTopic.get(),
                        keepKeys.get(),
                        keepHeaders.get(),
                        keepTimestamps.get(),
                        keepPartitions.get());
        return new ReplayPlan(source, partitions, start, until, filter, pace, to);
    }

    /** Where to stop, refusing a range that is empty in every partition (a stop not after the start). */
    private StopAt until(StartAt start) {
        String text = untilInput.get() == null ? "" : untilInput.get().strip();
        if (text.isEmpty()) {
            return new StopAt.End();
        }
        if (untilKind.get() == UntilChoice.TIME) {
            long stop = Moments.require(text, zone);
            if (start instanceof StartAt.Time t && stop <= t.epochMillis()) {
                throw new IllegalArgumentException("The range is empty: the stop time is not after the start time.");
            }
            return new StopAt.Time(stop);
        }
        long stop = wholeNumber(text, "The offset to stop before");
        if (start instanceof StartAt.Offset o && stop <= o.offset()) {
            throw new IllegalArgumentException(
                    "The range is empty: offset " + stop + " is not after the start (" + o.offset() + ").");
        }
        return new StopAt.Offset(stop);
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
            throw new IllegalArgumentException(
                    what + " must be a number, not \"" + (text == null ? "" : text.strip()) + "\".");
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

    public ObjectProperty<UntilChoice> untilKindProperty() {
        return untilKind;
    }

    public StringProperty untilInputProperty() {
        return untilInput;
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

    /**
     * The source partitions' ranges and cursors, the first {@value #AXES_AT_MOST}, by partition; empty before a
     * replay has resolved its ranges.
     */
    public ObservableList<ReplayPosition> axes() {
        return axesView;
    }

    /** Source partitions beyond those in {@link #axes()}. */
    public ReadOnlyIntegerProperty axesHiddenProperty() {
        return axesHidden.getReadOnlyProperty();
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
