package io.partita.app.browse;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.records.Message;
import io.partita.app.produce.ProduceViewModel;
import io.partita.app.replay.ReplayViewModel;
import io.partita.app.transfer.ExportViewModel;
import io.partita.app.transfer.ImportViewModel;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;

/**
 * The forms the message browser opens from its toolbar (produce, replay, export, import), each made fresh on the
 * topic and partition being browsed and handed only its feature's client.
 */
public final class BrowserForms {
    private final ClusterGateway gateway;
    private final ObservableList<String> topics;
    private final ToIntFunction<String> partitionsOf;
    private final Supplier<ZoneId> zone;
    private final ObservableValue<String> topic;
    private final ObservableValue<Integer> partition;
    /** The folder a file was last chosen in for an export or import ("" for none); the app remembers it. */
    private final StringProperty fileFolder = new SimpleStringProperty(this, "fileFolder", "");

    BrowserForms(
            ClusterGateway gateway,
            ObservableList<String> topics,
            ToIntFunction<String> partitionsOf,
            Supplier<ZoneId> zone,
            ObservableValue<String> topic,
            ObservableValue<Integer> partition) {
        this.gateway = gateway;
        this.topics = topics;
        this.partitionsOf = partitionsOf;
        this.zone = zone;
        this.topic = topic;
        this.partition = partition;
    }

    /** A fresh produce form, on the topic being browsed. */
    public ProduceViewModel produce() {
        ProduceViewModel form = new ProduceViewModel(gateway.produce(), topics, partitionsOf, zone.get());
        form.topicProperty().set(topic.getValue());
        return form;
    }

    /** A fresh replay form, on the partition being browsed. */
    public ReplayViewModel replay() {
        ReplayViewModel form = new ReplayViewModel(gateway.replay(), topics, partitionsOf, zone.get());
        form.topicProperty().set(topic.getValue());
        Integer browsed = partition.getValue();
        if (browsed != null && browsed != MessagesViewModel.ALL_PARTITIONS) {
            form.partitionProperty().set(Integer.toString(browsed));
        }
        return form;
    }

    /** A fresh export form: for {@code selected} records, or (when empty) on the partition being browsed. */
    public ExportViewModel export(List<Message> selected) {
        ExportViewModel form =
                new ExportViewModel(gateway.transfer(), topics, partitionsOf, zone.get(), fileFolder, selected);
        form.topicProperty().set(topic.getValue());
        if (partition.getValue() != null) {
            form.partitionProperty().set(Integer.toString(partition.getValue()));
        }
        return form;
    }

    /** A fresh import form, into the topic being browsed. */
    public ImportViewModel importForm() {
        ImportViewModel form = new ImportViewModel(gateway.transfer(), topics, fileFolder);
        form.topicProperty().set(topic.getValue());
        return form;
    }

    public StringProperty fileFolderProperty() {
        return fileFolder;
    }
}
