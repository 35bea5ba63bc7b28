package io.partita.app.replay;

import io.partita.app.client.records.Bytes;
import io.partita.app.client.records.Message;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The records a replay into the app has shown, one line each, following the newest as a player's cursor does.
 */
final class ReplayedRecords extends ListView<Message> {
    /** A scroll is already on its way: a fast replay adds many rows per pulse, one scroll serves them all. */
    private boolean scrollPending;

    ReplayedRecords(ObservableList<Message> shown) {
        super(shown);
        setId("replay-shown");
        setPrefHeight(150);
        setMinHeight(90);
        setPlaceholder(new Label("Records replayed here appear one by one; Pause, then Step, to go one at a time."));
        setCellFactory(list -> new ListCell<>() {
            {
                // As wide as the list, the text cut with an ellipsis: no sideways scroll bar to hide the newest row.
                setPrefWidth(1);
            }

            @Override
            protected void updateItem(Message m, boolean empty) {
                super.updateItem(m, empty);
                setText(
                        empty || m == null
                                ? null
                                : "partition " + m.partition() + " @ " + m.offset() + "   " + Bytes.preview(m.key(), 24)
                                        + "   " + Bytes.preview(m.value(), 80));
            }
        });
        shown.addListener((ListChangeListener<Message>) c -> followNewest());
    }

    /**
     * Later, as the skin takes in the new rows after this listener, and after a layout (the flow counts its rows
     * there); then through the flow's own scrollTo, which brings the row into view (ListView.scrollTo puts it at
     * the top, and near the end stopped a row short).
     */
    private void followNewest() {
        if (scrollPending) {
            return;
        }
        scrollPending = true;
        Platform.runLater(() -> {
            scrollPending = false;
            int last = getItems().size() - 1;
            if (last < 0) {
                return;
            }
            applyCss();
            layout();
            if (lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.scrollTo(last);
            } else {
                scrollTo(last);
            }
        });
    }
}
