package io.partita.app.topics;

import atlantafx.base.theme.Styles;
import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.client.topics.TopicStats;
import io.partita.app.common.Dialogs;
import io.partita.app.common.Sizes;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Asks before deleting a topic, naming it; Cancel is the default so a stray Enter deletes nothing. */
public final class DeleteTopicDialog extends Dialog<Boolean> {
    public static final ButtonType DELETE = new ButtonType("Delete topic", ButtonBar.ButtonData.OK_DONE);

    public DeleteTopicDialog(Window owner, TopicInfo topic, TopicStats stats) {
        Dialogs.prepare(this, owner, Modality.WINDOW_MODAL, "delete-topic-dialog", "topic-dialog", "Delete topic");

        Label question = new Label("Delete the topic \"" + topic.name() + "\"?");
        question.setId("delete-question");
        question.getStyleClass().add(Styles.TITLE_4);
        question.setWrapText(true);
        String records = stats.records() < 0
                ? "all its records"
                : stats.records() == 1 ? "its 1 record" : "its " + Sizes.count(stats.records()) + " records";
        Label consequence =
                new Label("Its " + (topic.partitions() == 1 ? "partition" : topic.partitions() + " partitions")
                        + " and " + records + " are removed from every broker. This cannot be undone.");
        consequence.setWrapText(true);
        VBox content = new VBox(10, question, consequence);
        content.setPrefWidth(460);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(DELETE, ButtonType.CANCEL);

        Button delete = (Button) getDialogPane().lookupButton(DELETE);
        delete.setId("confirm-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setDefaultButton(false);
        Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("cancel-delete");
        cancel.setDefaultButton(true);
        setResultConverter(button -> button == DELETE);
        setOnShown(e -> cancel.requestFocus());
    }
}
