package io.partita.app.browse;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.browse.FollowControl;
import io.partita.app.client.browse.SearchControl;
import io.partita.app.client.browse.SearchPlan;
import io.partita.app.client.browse.SearchProgress;
import io.partita.app.client.core.Failures;
import io.partita.app.client.produce.Delivery;
import io.partita.app.client.records.BrowsePage;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessageFilter;
import io.partita.app.client.records.MessagePage;
import io.partita.app.client.records.PageMerge;
import io.partita.app.client.records.StartAt;
import io.partita.app.common.StartChoice;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
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
 * The message browser: which partition (or all of them), where to start, the page of records read, and the record
 * in detail. One page at a time ({@link #PAGE_SIZE} records), so a partition of millions costs no more than one of
 * ten. The same table also shows a search's matches as they are found, or a live tail's new records.
 */
public final class MessagesViewModel {
    public static final int PAGE_SIZE = 100;
    /** The partition choice that stands for every partition of the topic (offered when it has several). */
    public static final int ALL_PARTITIONS = -1;
    /** A live tail keeps the table to the newest this many rows, so following for hours costs no more memory. */
    public static final int FOLLOW_ROWS = 1_000;
    /** A search stops after this many matches: the table holds them all. */
    public static final int MAX_MATCHES = 1_000;

    private final ClusterGateway gateway;
    private final Supplier<ZoneId> zone;
    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final ObservableList<Integer> partitions = FXCollections.observableArrayList();
    private final StringProperty topic = new SimpleStringProperty(this, "topic");
    private final ObjectProperty<Integer> partition = new SimpleObjectProperty<>(this, "partition");
    private final ObjectProperty<StartChoice> start = new SimpleObjectProperty<>(this, "start", StartChoice.EARLIEST);
    private final StringProperty startInput = new SimpleStringProperty(this, "startInput", "");
    private final ObservableList<Message> messages = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<BrowsePage> page = new ReadOnlyObjectWrapper<>(this, "page");
    private final ReadOnlyBooleanWrapper severalPartitions = new ReadOnlyBooleanWrapper(this, "severalPartitions");
    private final BooleanProperty following = new SimpleBooleanProperty(this, "following", false);
    private final MessageSearch search = new MessageSearch();
    private SearchControl searchRun;
    private FollowControl tail;
    private long followed;
    /** The index of the first row the live tail added (rows before it are the page it was turned on over). */
    private int followStart;

    private final ObjectProperty<Message> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ValueFormat> format = new SimpleObjectProperty<>(this, "format", ValueFormats.TEXT);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(this, "reading", false);
    private final IntegerProperty partitionCount = new SimpleIntegerProperty(this, "partitionCount", 0);
    private ToIntFunction<String> topicPartitions = name -> 0;
    private final BooleanProperty formatChosenByUser = new SimpleBooleanProperty(this, "formatChosenByUser", false);
    private final BrowserForms forms;

    public MessagesViewModel(ClusterGateway gateway, Supplier<ZoneId> zone) {
        this.gateway = gateway;
        this.zone = zone;
        this.forms =
                new BrowserForms(gateway, topics, name -> topicPartitions.applyAsInt(name), zone, topic, partition);
        partitionCount.addListener((o, was, n) -> {
            List<Integer> wanted = IntStream.range(0, n.intValue()).boxed().toList();
            if (!partitions.equals(wanted)) {
                Integer keep = partition.get();
                List<Integer> offered = new ArrayList<>(wanted);
                if (wanted.size() > 1) {
                    offered.add(0, ALL_PARTITIONS);
                }
                partitions.setAll(offered);
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
        // What is followed or searched belongs to one topic and choice of partitions.
        topic.addListener((o, was, now) -> stopBackgroundWork());
        partition.addListener((o, was, now) -> stopBackgroundWork());
        following.addListener((o, was, on) -> {
            if (on) {
                startFollowing();
            } else {
                stopFollowing();
            }
        });
    }

    /** The topics to offer, with their partition counts, from the latest topic list. */
    public void setTopics(List<String> names, ToIntFunction<String> partitionsOf) {
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

    /** The produce, replay, export and import forms, each made on the topic and partition browsed. */
    public BrowserForms forms() {
        return forms;
    }

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
        stopBackgroundWork();
        if (partition.get() != ALL_PARTITIONS) {
            // One partition: one seek and one fetch (the path the jump benchmark measures).
            return show(gateway.browse()
                    .readMessages(topic.get(), partition.get(), at, PAGE_SIZE)
                    .thenApply(BrowsePage::of));
        }
        return show(gateway.browse().readMessages(topic.get(), chosenPartitions(), at, PAGE_SIZE));
    }

    /** The page after the one shown. */
    public CompletableFuture<Void> next() {
        BrowsePage current = page.get();
        if (current == null) {
            return read();
        }
        stopBackgroundWork();
        if (current.partitions().size() == 1) {
            int p = current.partitions().get(0);
            return show(gateway.browse()
                    .readMessages(
                            current.topic(),
                            p,
                            new StartAt.Offset(current.next().offset(p)),
                            PAGE_SIZE)
                    .thenApply(BrowsePage::of));
        }
        return show(gateway.browse().readMessagesFrom(current.topic(), current.next(), PAGE_SIZE));
    }

    /** The page before the one shown. */
    public CompletableFuture<Void> previous() {
        BrowsePage current = page.get();
        if (current == null || !current.hasPrevious()) {
            return CompletableFuture.completedFuture(null);
        }
        stopBackgroundWork();
        if (current.partitions().size() == 1) {
            int p = current.partitions().get(0);
            return show(gateway.browse()
                    .readMessagesBefore(current.topic(), p, current.from().offset(p), PAGE_SIZE)
                    .thenApply(BrowsePage::of));
        }
        return show(gateway.browse().readMessagesBefore(current.topic(), current.from(), PAGE_SIZE));
    }

    /**
     * Searches the chosen partitions from the chosen start with the search bar's filter, in the background; the
     * matches replace the table's rows as they are found. A wrong input only sets a message: nothing runs.
     */
    public void search() {
        StartAt at;
        try {
            requireChoice();
            at = start.get().parse(startInput.get(), zone.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        MessageFilter filter = search.filter(zone.get());
        if (filter == null) {
            return;
        }
        stopBackgroundWork();
        error.set("");
        page.set(null);
        messages.clear();
        selected.set(null);
        severalPartitions.set(chosenPartitions().size() > 1);
        search.started();
        status.set("Searching…");
        // Only this search's news reach the table: an older one given up may still report on its way out.
        SearchControl[] self = new SearchControl[1];
        SearchControl run = gateway.browse()
                .search(
                        new SearchPlan(topic.get(), chosenPartitions(), at, filter, MAX_MATCHES),
                        p -> {
                            if (searchRun != null && searchRun == self[0]) {
                                search.update(p);
                                status.set(p.summary());
                            }
                        },
                        found -> {
                            if (searchRun != null && searchRun == self[0]) {
                                insertByTime(found);
                                if (selected.get() == null && !messages.isEmpty()) {
                                    selected.set(messages.get(0));
                                }
                            }
                        });
        self[0] = run;
        searchRun = run;
        run.done().thenAccept(last -> {
            if (searchRun == run) {
                searchRun = null;
                search.update(last);
                boolean failed = last.state() == SearchProgress.State.FAILED;
                error.set(failed ? last.summary() : ""); // in red: a deleted topic, a lost connection
                status.set(failed ? "" : last.summary());
            }
        });
    }

    /** Matches come a page of each partition at a time: each goes where its timestamp puts it among the rows. */
    private void insertByTime(List<Message> found) {
        for (Message m : found) {
            messages.add(PageMerge.place(messages, 0, m), m);
        }
    }

    /** Cancels the search running; it ends CANCELLED with the matches found so far still shown. */
    public void cancelSearch() {
        if (searchRun != null) {
            searchRun.cancel();
        }
    }

    private void startFollowing() {
        try {
            requireChoice();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            following.set(false);
            return;
        }
        cancelSearch();
        error.set("");
        followed = 0;
        followStart = messages.size();
        List<Integer> chosen = chosenPartitions();
        severalPartitions.set(severalPartitions.get() || chosen.size() > 1);
        String where = topic.get()
                + (chosen.size() > 1 ? " (all " + chosen.size() + " partitions)" : " partition " + chosen.get(0));
        status.set("Starting to follow " + where + "…");
        FollowControl run = gateway.browse().follow(topic.get(), chosen, this::append);
        tail = run;
        run.listening().thenRun(() -> {
            if (tail == run) {
                status.set("Following " + where + ": new records at the bottom, the last "
                        + String.format(Locale.US, "%,d", FOLLOW_ROWS) + " kept.");
            }
        });
        run.stopped().handle((v, failure) -> {
            if (tail != run) {
                return null; // given up for a read or a search, which says what it shows
            }
            tail = null;
            following.set(false);
            if (failure != null) {
                status.set("");
                error.set(Failures.problem("Could not follow " + where, failure));
            } else {
                status.set("Stopped following " + where + " (" + followed + " new "
                        + (followed == 1 ? "record" : "records") + ").");
            }
            return null;
        });
    }

    private void append(List<Message> arrived) {
        if (!following.get()) {
            return; // a batch already on its way when following stopped
        }
        followed += arrived.size();
        // A poll brings some partitions' records before others': each batch is in time order, but a later batch
        // may hold older records. The rows the tail added stay in time order, the newest at the bottom.
        int last = messages.size() - 1;
        if (last < followStart || PageMerge.TIME_ORDER.compare(messages.get(last), arrived.get(0)) <= 0) {
            messages.addAll(arrived); // the usual case: all newer, one change for the table
        } else {
            for (Message m : arrived) {
                messages.add(PageMerge.place(messages, followStart, m), m);
            }
        }
        if (messages.size() > FOLLOW_ROWS) {
            int drop = messages.size() - FOLLOW_ROWS;
            messages.remove(0, drop);
            followStart = Math.max(0, followStart - drop);
        }
        if (selected.get() == null) {
            selected.set(messages.get(0));
        }
    }

    private void stopFollowing() {
        if (tail != null) {
            tail.stop(); // tail stays set until its consumer has closed: stopped() says when
        }
    }

    /** Ends the live tail and any search: a new read, another topic or partition replaces what they show. */
    private void stopBackgroundWork() {
        FollowControl t = tail;
        tail = null; // forgotten first: its end must not overwrite what replaces it
        if (t != null) {
            t.stop();
        }
        following.set(false);
        if (searchRun != null) {
            searchRun.cancel();
            searchRun = null;
            search.abandoned();
        }
    }

    /** The partitions the choice stands for, in order. */
    List<Integer> chosenPartitions() {
        Integer p = partition.get();
        if (p == null) {
            return List.of();
        }
        return p == ALL_PARTITIONS
                ? partitions.stream().filter(n -> n != ALL_PARTITIONS).toList()
                : List.of(p);
    }

    /** Stops a read that waits (an empty partition's tail, a slow cluster). */
    public void cancel() {
        gateway.browse().cancelRead();
    }

    private void requireChoice() {
        if (topic.get() == null || topic.get().isEmpty()) {
            throw new IllegalArgumentException("Choose a topic to read.");
        }
        if (partition.get() == null) {
            throw new IllegalArgumentException("Choose a partition of " + topic.get() + ".");
        }
    }

    private CompletableFuture<Void> show(CompletableFuture<BrowsePage> read) {
        error.set("");
        reading.set(true);
        status.set("Reading…");
        return read.handle((p, failure) -> {
            reading.set(false);
            if (failure != null) {
                status.set("");
                error.set(Failures.problem(
                        "Could not read " + topic.get()
                                + (partition.get() == ALL_PARTITIONS ? "" : "-" + partition.get()),
                        failure));
            } else {
                page.set(p);
                severalPartitions.set(p.partitions().size() > 1);
                messages.setAll(p.messages());
                selected.set(p.messages().isEmpty() ? null : p.messages().get(0));
                status.set(describe(p));
            }
            return null;
        });
    }

    static String describe(BrowsePage page) {
        if (page.partitions().size() == 1) {
            int n = page.partitions().get(0);
            return describe(new MessagePage(
                    page.topic(),
                    n,
                    page.from().offset(n),
                    page.next().offset(n),
                    page.logStarts().get(n),
                    page.logEnds().get(n),
                    page.messages()));
        }
        if (page.messages().isEmpty()) {
            return page.records() == 0
                    ? "The partitions are empty."
                    : "No records from here in any of the " + page.partitions().size() + " partitions.";
        }
        // Per partition, the offsets this page holds: a page across partitions has no single offset range.
        StringBuilder ranges = new StringBuilder();
        for (int n : page.partitions()) {
            long from = page.from().offset(n);
            long next = page.next().offset(n);
            if (next > from) {
                ranges.append(ranges.length() == 0 ? "" : ", ")
                        .append(n)
                        .append(": ")
                        .append(from)
                        .append(next - 1 > from ? "–" + (next - 1) : "");
            }
        }
        return page.messages().size() + " records by time across "
                + page.partitions().size()
                + " partitions (partition: offsets " + ranges + ") of "
                + String.format(Locale.US, "%,d", page.records());
    }

    static String describe(MessagePage p) {
        if (p.messages().isEmpty()) {
            return p.logStart() == p.logEnd()
                    ? "The partition is empty."
                    : "No records from offset " + p.from() + " (the partition holds " + p.logStart() + " to "
                            + (p.logEnd() - 1) + ").";
        }
        return "Offsets " + p.messages().get(0).offset() + " to "
                + p.messages().get(p.messages().size() - 1).offset() + " of " + p.logStart() + " to "
                + (p.logEnd() - 1);
    }

    private void render() {
        Message m = selected.get();
        if (m == null) {
            detail.set("");
        } else if (m.value() == null) {
            detail.set("(no value: a tombstone)");
        } else {
            ValueFormat f = format.get();
            detail.set(
                    f.accepts(m.value())
                            ? f.render(m.value())
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

    /** Whether the rows come from several partitions (a table then shows each row's partition). */
    public ReadOnlyBooleanProperty severalPartitionsProperty() {
        return severalPartitions.getReadOnlyProperty();
    }

    /** The live tail's switch: on follows the chosen partitions from their end; off stops the polling. */
    public BooleanProperty followingProperty() {
        return following;
    }

    public MessageSearch searchBar() {
        return search;
    }

    public ReadOnlyObjectProperty<BrowsePage> pageProperty() {
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
        return Bindings.createBooleanBinding(
                () -> page.get() != null && page.get().hasPrevious(), page);
    }

    public BooleanBinding hasNextProperty() {
        return Bindings.createBooleanBinding(
                () -> page.get() != null && page.get().hasNext(), page);
    }
}
