package io.partita.app.browse;

import io.partita.app.client.browse.SearchProgress;
import io.partita.app.client.records.MessageFilter;
import io.partita.app.client.records.Moments;
import java.time.ZoneId;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The browser's search bar: what to look for, where, in which time range, and how the search running (or last
 * run) is going. {@link MessagesViewModel} runs it on the chosen topic, partitions and start.
 */
public final class MessageSearch {
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObjectProperty<MessageFilter.Field> field =
            new SimpleObjectProperty<>(this, "field", MessageFilter.Field.ANY);
    private final BooleanProperty regex = new SimpleBooleanProperty(this, "regex", false);
    private final StringProperty fromTime = new SimpleStringProperty(this, "fromTime", "");
    private final StringProperty toTime = new SimpleStringProperty(this, "toTime", "");
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper(this, "validation", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<SearchProgress> last = new ReadOnlyObjectWrapper<>(this, "last");

    MessageSearch() {
        // A fixed input is no longer wrong: the message goes as soon as the user edits.
        text.addListener((o, was, now) -> validation.set(""));
        regex.addListener((o, was, now) -> validation.set(""));
        fromTime.addListener((o, was, now) -> validation.set(""));
        toTime.addListener((o, was, now) -> validation.set(""));
    }

    /**
     * The filter the inputs describe (times without a zone in {@code zone}); a wrong input sets
     * {@link #validationProperty()} and gives null, so nothing runs.
     */
    MessageFilter filter(ZoneId zone) {
        try {
            long from = fromTime.get().isBlank() ? Long.MIN_VALUE : Moments.require(fromTime.get(), zone);
            long to = toTime.get().isBlank() ? Long.MAX_VALUE : Moments.require(toTime.get(), zone);
            MessageFilter filter = new MessageFilter(field.get(), text.get(), regex.get(), from, to);
            validation.set("");
            return filter;
        } catch (IllegalArgumentException e) {
            validation.set(e.getMessage());
            return null;
        }
    }

    void started() {
        running.set(true);
        progress.set(0);
        last.set(null);
    }

    /** A search given up for something else (another read, topic or partition): no longer running. */
    void abandoned() {
        running.set(false);
    }

    void update(SearchProgress p) {
        last.set(p);
        progress.set(p.fraction());
        running.set(!p.finished());
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObjectProperty<MessageFilter.Field> fieldProperty() {
        return field;
    }

    public BooleanProperty regexProperty() {
        return regex;
    }

    public StringProperty fromTimeProperty() {
        return fromTime;
    }

    public StringProperty toTimeProperty() {
        return toTime;
    }

    /** Why the inputs cannot be searched ("" when they can). */
    public ReadOnlyStringProperty validationProperty() {
        return validation.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0 to 1: records scanned of those in range. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The latest progress of the search running or last run (null before one). */
    public ReadOnlyObjectProperty<SearchProgress> lastProperty() {
        return last.getReadOnlyProperty();
    }
}
