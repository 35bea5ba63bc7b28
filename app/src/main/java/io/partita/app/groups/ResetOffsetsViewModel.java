package io.partita.app.groups;

import io.partita.app.client.core.Failures;
import io.partita.app.client.groups.GroupInfo;
import io.partita.app.client.groups.GroupsClient;
import io.partita.app.client.groups.PartitionLag;
import io.partita.app.client.groups.ResetRequest;
import io.partita.app.client.groups.ResetRow;
import io.partita.app.client.groups.ResetStrategy;
import io.partita.app.client.records.Moments;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Reset offsets form of one group: a strategy and a scope, a preview computed by the cluster, then Apply.
 * Any change to the form discards the preview, so what is applied is always what was last shown.
 */
public final class ResetOffsetsViewModel {
    private final GroupsClient client;
    private final GroupInfo group;
    private final Runnable afterApply;
    private final ZoneId zone;
    private final ObjectProperty<ResetStrategy> strategy =
            new SimpleObjectProperty<>(this, "strategy", ResetStrategy.EARLIEST);
    private final StringProperty offsetText = new SimpleStringProperty(this, "offset", "0");
    private final StringProperty momentText = new SimpleStringProperty(this, "moment", "");
    /** The topic to reset, or null for all of the group's partitions. */
    private final ObjectProperty<String> topic = new SimpleObjectProperty<>(this, "topic");

    private final ObservableList<ResetRow> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper previewSummary = new ReadOnlyStringWrapper(this, "previewSummary", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final StringBinding validation;
    private final BooleanBinding canPreview;
    private final BooleanBinding canApply;

    public ResetOffsetsViewModel(GroupsClient client, GroupInfo group, Runnable afterApply) {
        this(client, group, afterApply, ZoneId.systemDefault());
    }

    ResetOffsetsViewModel(GroupsClient client, GroupInfo group, Runnable afterApply, ZoneId zone) {
        this.client = client;
        this.group = group;
        this.afterApply = afterApply;
        this.zone = zone;
        momentText.set(LocalDateTime.now(zone).minusHours(1).withNano(0).format(Moments.LOCAL));
        validation = Bindings.createStringBinding(this::validate, strategy, offsetText, momentText);
        canPreview = Bindings.createBooleanBinding(
                () -> refusal().isEmpty() && validation.get().isEmpty() && !busy.get(), validation, busy);
        canApply = Bindings.createBooleanBinding(
                () -> canPreview.get() && preview.stream().anyMatch(r -> r.change() != 0 || !r.hasCurrent()),
                canPreview,
                preview);
        // What is applied must be what was shown: any change to the form discards the preview.
        strategy.addListener((o, was, is) -> discardPreview());
        offsetText.addListener((o, was, is) -> discardPreview());
        momentText.addListener((o, was, is) -> discardPreview());
        topic.addListener((o, was, is) -> discardPreview());
    }

    public String groupId() {
        return group.id();
    }

    public List<String> topics() {
        return group.topics();
    }

    /**
     * Why the reset cannot be done, or "" when it can: Kafka changes a group's offsets only while it is Empty,
     * because live consumers would overwrite them with their next commit.
     */
    public String refusal() {
        if (group.isEmpty()) {
            return group.partitions().stream().anyMatch(PartitionLag::hasCommit)
                    ? ""
                    : "Group " + group.id() + " has no committed offsets to reset.";
        }
        int n = group.memberCount();
        String who = n == 0
                ? "is " + group.state()
                : "has " + n + (n == 1 ? " active member" : " active members") + " (state " + group.state() + ")";
        return "Group " + group.id() + " " + who + ". Kafka resets a group's offsets only while the group is Empty,"
                + " as running consumers would overwrite them: stop its consumers, then reset.";
    }

    private String validate() {
        return switch (strategy.get()) {
            case SPECIFIC_OFFSET -> parseOffset().isPresent() ? "" : "Type an offset: a whole number from 0.";
            case TIMESTAMP ->
                Moments.parse(momentText.get(), zone).isPresent()
                        ? ""
                        : "Type a date and time as 2026-11-25 21:30 (local time), or an ISO time with offset.";
            default -> "";
        };
    }

    private OptionalLong parseOffset() {
        try {
            long offset = Long.parseLong(offsetText.get().strip());
            return offset >= 0 ? OptionalLong.of(offset) : OptionalLong.empty();
        } catch (NumberFormatException | NullPointerException e) {
            return OptionalLong.empty();
        }
    }

    /** The request the form describes now; only valid when {@link #validationProperty()} is "". */
    ResetRequest request() {
        return new ResetRequest(
                strategy.get(),
                parseOffset().orElse(0),
                Moments.parse(momentText.get(), zone).orElse(0),
                topic.get());
    }

    /** Asks the cluster where the reset would move each offset; shows it, changes nothing. */
    public CompletableFuture<Void> previewReset() {
        if (!canPreview.get()) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        error.set("");
        ResetRequest request = request();
        return client.previewOffsetReset(group.id(), request).handle((rows, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set("Could not preview the reset: " + Failures.describe(failure));
            } else if (request.equals(request())) { // the form did not change while the cluster answered
                preview.setAll(rows);
                previewSummary.set(summarize(rows));
            }
            return null;
        });
    }

    private static String summarize(List<ResetRow> rows) {
        if (rows.isEmpty()) {
            return "The group has no committed offsets in this scope: nothing to reset.";
        }
        long moved =
                rows.stream().filter(r -> r.change() != 0 || !r.hasCurrent()).count();
        if (moved == 0) {
            return "Every offset is already there: nothing would change.";
        }
        return moved + " of " + rows.size() + (rows.size() == 1 ? " partition" : " partitions") + " would move.";
    }

    /** Commits the previewed offsets; true when the cluster took them. */
    public CompletableFuture<Boolean> apply() {
        if (!canApply.get()) {
            return CompletableFuture.completedFuture(false);
        }
        busy.set(true);
        error.set("");
        return client.applyOffsetReset(group.id(), List.copyOf(preview)).handle((v, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set("Could not reset the offsets: " + Failures.describe(failure));
                return false;
            }
            afterApply.run();
            return true;
        });
    }

    private void discardPreview() {
        preview.clear();
        previewSummary.set("");
        error.set("");
    }

    public ObjectProperty<ResetStrategy> strategyProperty() {
        return strategy;
    }

    public StringProperty offsetTextProperty() {
        return offsetText;
    }

    public StringProperty momentTextProperty() {
        return momentText;
    }

    public ObjectProperty<String> topicProperty() {
        return topic;
    }

    public ObservableList<ResetRow> preview() {
        return preview;
    }

    public ReadOnlyStringProperty previewSummaryProperty() {
        return previewSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public StringBinding validationProperty() {
        return validation;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding canPreviewProperty() {
        return canPreview;
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }
}
