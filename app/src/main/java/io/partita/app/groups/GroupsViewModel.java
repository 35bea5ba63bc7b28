package io.partita.app.groups;

import io.partita.app.client.core.Failures;
import io.partita.app.client.groups.GroupInfo;
import io.partita.app.client.groups.GroupMember;
import io.partita.app.client.groups.GroupsClient;
import io.partita.app.client.groups.PartitionLag;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The consumer groups of the cluster and, for the selected one, where it stands on each partition, its members
 * with their colours, and its total lag over the last minutes.
 */
public final class GroupsViewModel {
    private final GroupsClient client;
    private final LongSupplier clock;
    private final ObservableList<GroupInfo> groups = FXCollections.observableArrayList();
    private final ObservableList<PartitionLag> partitions = FXCollections.observableArrayList();
    private final ObservableList<GroupMember> members = FXCollections.observableArrayList();
    private final ObservableMap<String, Integer> ownerSlots = FXCollections.observableHashMap();
    private final ObservableList<LagSample> lagSamples = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<GroupInfo> selectedGroup = new ReadOnlyObjectWrapper<>(this, "selectedGroup");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsProblem = new ReadOnlyBooleanWrapper(this, "messageIsProblem", false);
    private final OwnerPalette palette = new OwnerPalette();
    private final LagHistory history = new LagHistory();
    private String samplesOf;

    public GroupsViewModel(GroupsClient client) {
        this(client, System::currentTimeMillis);
    }

    /** @param clock the time of each lag sample, in epoch milliseconds */
    GroupsViewModel(GroupsClient client, LongSupplier clock) {
        this.client = client;
        this.clock = clock;
        selected.addListener((o, was, is) -> showSelected());
    }

    public CompletableFuture<Void> refresh() {
        return client.consumerGroups().handle((list, failure) -> {
            if (failure != null) {
                error.set(Failures.problem("Could not read the consumer groups", failure));
            } else {
                error.set("");
                apply(list);
            }
            return null;
        });
    }

    /** Shows {@code list} and samples every group's lag; rows are replaced only where they changed. */
    public void apply(List<GroupInfo> list) {
        history.record(clock.getAsLong(), list);
        if (!groups.equals(list)) {
            String keep = selected.get();
            groups.setAll(list);
            if (keep != null && list.stream().noneMatch(g -> g.id().equals(keep))) {
                selected.set(null);
            }
            if (selected.get() == null && !list.isEmpty()) {
                selected.set(list.get(0).id()); // something to look at, rather than an empty detail
            }
        }
        showSelected();
    }

    private void showSelected() {
        GroupInfo group = groups.stream()
                .filter(g -> g.id().equals(selected.get()))
                .findFirst()
                .orElse(null);
        selectedGroup.set(group);
        List<GroupMember> wantedMembers = group == null ? List.of() : group.members();
        // Colours first: the partition cells read them when the partitions change.
        Map<String, Integer> slots =
                palette.assign(wantedMembers.stream().map(GroupMember::memberId).toList());
        if (!ownerSlots.equals(slots)) {
            ownerSlots.keySet().retainAll(slots.keySet());
            ownerSlots.putAll(slots);
        }
        if (!members.equals(wantedMembers)) {
            members.setAll(wantedMembers);
        }
        List<PartitionLag> wanted = group == null ? List.of() : group.partitions();
        if (!partitions.equals(wanted)) {
            partitions.setAll(wanted);
        }
        showSamples(group == null ? null : group.id());
    }

    /** Brings the chart's samples up to date by appending and trimming, so the line does not redraw from scratch. */
    private void showSamples(String group) {
        List<LagSample> wanted = history.samples(group);
        if (group == null || !group.equals(samplesOf) || lagSamples.isEmpty() || wanted.isEmpty()) {
            samplesOf = group;
            lagSamples.setAll(wanted);
            return;
        }
        long firstKept = wanted.get(0).atMillis();
        int expired = 0;
        while (expired < lagSamples.size() && lagSamples.get(expired).atMillis() < firstKept) {
            expired++;
        }
        if (expired > 0) {
            lagSamples.remove(0, expired);
        }
        long last = lagSamples.isEmpty()
                ? Long.MIN_VALUE
                : lagSamples.get(lagSamples.size() - 1).atMillis();
        List<LagSample> fresh = wanted.stream().filter(s -> s.atMillis() > last).toList();
        if (!fresh.isEmpty()) {
            lagSamples.addAll(fresh);
        }
    }

    /** The Reset offsets form for the selected group, or null when none is selected. */
    public ResetOffsetsViewModel resetOffsets() {
        GroupInfo group = selectedGroup.get();
        return group == null ? null : new ResetOffsetsViewModel(client, group, this::refresh);
    }

    /** Deletes the selected group (the view has asked the user); the outcome shows in {@link #messageProperty()}. */
    public CompletableFuture<Boolean> deleteSelected() {
        GroupInfo group = selectedGroup.get();
        if (group == null) {
            return CompletableFuture.completedFuture(false);
        }
        message.set("Deleting group " + group.id() + "…");
        messageIsProblem.set(false);
        return client.deleteConsumerGroup(group.id()).handle((v, failure) -> {
            if (failure != null) {
                message.set("Could not delete group " + group.id() + ": " + Failures.describe(failure));
                messageIsProblem.set(true);
                return false;
            }
            message.set("Deleted group " + group.id() + ".");
            refresh();
            return true;
        });
    }

    public ObservableList<GroupInfo> groups() {
        return groups;
    }

    /** The partitions of the selected group. */
    public ObservableList<PartitionLag> partitions() {
        return partitions;
    }

    /** The live members of the selected group. */
    public ObservableList<GroupMember> members() {
        return members;
    }

    /** Member id to colour slot ({@link OwnerPalette#styleClass(int)}) for the selected group's members. */
    public ObservableMap<String, Integer> ownerSlots() {
        return ownerSlots;
    }

    public int ownerSlot(String memberId) {
        return ownerSlots.getOrDefault(memberId, -1);
    }

    /** The owner of a partition as a person reads it: the member's client id and host, or "none". */
    public String ownerLabel(String memberId) {
        GroupInfo group = selectedGroup.get();
        if (memberId == null || memberId.isEmpty() || group == null) {
            return "none";
        }
        return group.member(memberId).map(GroupMember::label).orElse(memberId);
    }

    /** The owner's client id, or "none". */
    public String ownerClientId(String memberId) {
        GroupInfo group = selectedGroup.get();
        if (memberId == null || memberId.isEmpty() || group == null) {
            return "none";
        }
        return group.member(memberId).map(GroupMember::clientId).orElse(memberId);
    }

    /** The selected group's total lag over the last {@link LagHistory#WINDOW}, oldest first. */
    public ObservableList<LagSample> lagSamples() {
        return lagSamples;
    }

    /** The id of the selected group, or null. */
    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    /** The selected group as last read, or null. */
    public ReadOnlyObjectProperty<GroupInfo> selectedGroupProperty() {
        return selectedGroup.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The outcome of the last action on a group (deletion), or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while {@link #messageProperty()} reports a failure. */
    public ReadOnlyBooleanProperty messageIsProblemProperty() {
        return messageIsProblem.getReadOnlyProperty();
    }
}
