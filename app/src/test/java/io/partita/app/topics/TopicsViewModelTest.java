package io.partita.app.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.connection.ClusterGateway;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** View-model logic without a toolkit: JavaFX properties and collections work on any thread. */
class TopicsViewModelTest {
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);
    private final TopicsViewModel model = new TopicsViewModel(gateway);

    private static final List<TopicInfo> TOPICS = List.of(
            new TopicInfo("__consumer_offsets", 50, 1, 0, true),
            new TopicInfo("clicks", 3, 1, 0, false),
            new TopicInfo("orders", 6, 3, 0, false),
            new TopicInfo("orders.dlq", 1, 3, 0, false));

    @AfterEach
    void close() {
        gateway.close();
    }

    private List<String> visible() {
        return model.visibleTopics().stream().map(TopicInfo::name).toList();
    }

    @Test
    void hidesInternalTopicsUntilAskedFor() {
        model.setTopics(TOPICS);
        assertThat(visible()).containsExactly("clicks", "orders", "orders.dlq");
        assertThat(model.summaryProperty().get()).isEqualTo("3 topics (1 internal hidden)");

        model.showInternalProperty().set(true);
        assertThat(visible()).containsExactly("__consumer_offsets", "clicks", "orders", "orders.dlq");
        assertThat(model.summaryProperty().get()).isEqualTo("4 topics");
    }

    @Test
    void filtersByCaseInsensitiveSubstring() {
        model.setTopics(TOPICS);
        model.filterProperty().set("  ORD ");
        assertThat(visible()).containsExactly("orders", "orders.dlq");
        model.filterProperty().set("offsets");
        assertThat(visible()).isEmpty();
        assertThat(model.emptyMessageProperty().get()).isEqualTo("No topics match \"offsets\".");
        model.showInternalProperty().set(true);
        assertThat(visible()).containsExactly("__consumer_offsets");
        assertThat(model.emptyMessageProperty().get()).isEmpty();
    }

    @Test
    void emptyStatesSayWhatToDo() {
        assertThat(model.emptyMessageProperty().get()).isEqualTo("Loading topics…");
        model.setTopics(List.of(new TopicInfo("__consumer_offsets", 50, 1, 0, true)));
        assertThat(model.emptyMessageProperty().get()).startsWith("No topics yet — create one");
        model.filterProperty().set("x");
        assertThat(model.emptyMessageProperty().get()).startsWith("No topics yet — create one");
    }

    @Test
    void refreshFailureIsShownNotThrown() {
        model.refresh().join();
        assertThat(model.errorProperty().get()).isEqualTo("Could not list topics: Not connected to a cluster");
        assertThat(model.emptyMessageProperty().get()).isEqualTo(model.errorProperty().get());
    }
}
