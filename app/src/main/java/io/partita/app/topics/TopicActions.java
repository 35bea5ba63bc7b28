package io.partita.app.topics;

import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.common.ClipboardText;
import javafx.scene.Node;
import javafx.stage.Window;

/**
 * What can be done to a topic from the Topics tab (keys, the row's context menu, the detail's buttons): copy its
 * name, delete it after asking, add partitions, edit a config. Dialogs open over the window of {@code owner}.
 */
public final class TopicActions {
    private final TopicsViewModel model;
    private final Node owner;
    private final Runnable afterDelete;

    /** @param afterDelete runs when the delete question closes (gives the keyboard back to the list) */
    TopicActions(TopicsViewModel model, Node owner, Runnable afterDelete) {
        this.model = model;
        this.owner = owner;
        this.afterDelete = afterDelete;
    }

    private Window window() {
        return owner.getScene() == null ? null : owner.getScene().getWindow();
    }

    public void copyName(TopicInfo topic) {
        ClipboardText.copy(topic.name());
        model.inform("Copied \"" + topic.name() + "\" to the clipboard.");
    }

    /** Asks first (naming the topic); internal topics are refused with a reason instead. */
    public void confirmDelete(TopicInfo topic) {
        String refusal = TopicsViewModel.deleteRefusal(topic);
        if (!refusal.isEmpty()) {
            model.deleteTopic(topic); // shows the refusal, deletes nothing
            return;
        }
        DeleteTopicDialog dialog = new DeleteTopicDialog(window(), topic, model.stats(topic.name()));
        dialog.setOnHidden(e -> {
            if (Boolean.TRUE.equals(dialog.getResult())) {
                model.deleteTopic(topic);
            }
            afterDelete.run();
        });
        dialog.show();
    }

    public void addPartitions(TopicInfo topic) {
        AddPartitionsViewModel form = model.addPartitions(topic);
        AddPartitionsDialog dialog = new AddPartitionsDialog(window(), form);
        dialog.setOnHidden(e -> {
            if (Boolean.TRUE.equals(dialog.getResult())) {
                model.changed(
                        topic.name() + " now has " + form.newTotalProperty().get() + " partitions.");
            }
        });
        dialog.show();
    }

    /** @param configName the config to start on, or "" to choose one in the dialog */
    public void editConfig(String topic, String configName) {
        ConfigEditDialog dialog = new ConfigEditDialog(window(), model.editConfig(topic, configName));
        dialog.setOnHidden(e -> {
            if (dialog.getResult() != null) {
                model.changed("Updated " + dialog.getResult() + " of " + topic + ".");
            }
        });
        dialog.show();
    }
}
