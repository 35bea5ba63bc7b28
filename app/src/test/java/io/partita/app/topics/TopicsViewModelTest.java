package io.partita.app.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.cluster.TopicInfo;
import io.partita.app.client.topics.PartitionDetail;
import io.partita.app.client.topics.TopicDetail;
import io.partita.app.client.topics.TopicStats;
import java.util.List;
import java.util.Map;
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
        assertThat(model.emptyMessageProperty().get())
                .isEqualTo(model.errorProperty().get());
    }

    @Test
    void sizesAndRecordsAreUnknownUntilTheClusterSaysAndThenFollowIt() {
        model.setTopics(TOPICS);
        assertThat(model.stats("orders")).isEqualTo(TopicStats.NONE);
        model.setStats(Map.of("orders", new TopicStats(2048, 10), "clicks", new TopicStats(0, 0)));
        assertThat(model.stats("orders")).isEqualTo(new TopicStats(2048, 10));
        model.setStats(Map.of("orders", new TopicStats(4096, 20)));
        assertThat(model.stats("orders")).isEqualTo(new TopicStats(4096, 20));
        assertThat(model.stats("clicks")).as("a topic the answer no longer has").isEqualTo(TopicStats.NONE);
    }

    @Test
    void aFailedRefreshLeavesSizesUnknownAndSaysWhyTheListIsEmpty() {
        model.setStats(Map.of("orders", new TopicStats(2048, 10)));
        model.refresh().join();
        assertThat(model.statsMap()).isEmpty();
        assertThat(model.errorProperty().get()).isEqualTo("Could not list topics: Not connected to a cluster");
    }

    @Test
    void internalTopicsAreNotDeleted() {
        TopicInfo offsets = TOPICS.get(0);
        assertThat(TopicsViewModel.deleteRefusal(offsets)).contains("internal topic");
        assertThat(TopicsViewModel.deleteRefusal(TOPICS.get(1))).isEmpty();
        assertThat(model.deleteTopic(offsets).join()).isFalse();
        assertThat(model.noticeProperty().get()).startsWith("\"__consumer_offsets\" is an internal topic");
        assertThat(model.noticeIsErrorProperty().get()).isTrue();
    }

    @Test
    void aFailedDeleteIsReported() {
        assertThat(model.deleteTopic(TOPICS.get(1)).join()).isFalse();
        assertThat(model.noticeProperty().get()).isEqualTo("Could not delete clicks: Not connected to a cluster");
        assertThat(model.noticeIsErrorProperty().get()).isTrue();
    }

    @Test
    void theDetailSaysWhatToDoUntilATopicIsSelected() {
        assertThat(model.detail().messageProperty().get())
                .isEqualTo("Select a topic to see its partitions and configs.");
        model.selectedTopicProperty().set("orders");
        assertThat(model.detail().messageProperty().get())
                .isEqualTo("Could not read topic orders: Not connected to a cluster");
        model.detail()
                .setDetail(new TopicDetail(
                        "orders",
                        false,
                        List.of(new PartitionDetail(0, 1, List.of(1, 2, 3), List.of(1, 3), 5, 15, 1000)),
                        List.of(),
                        "denied"));
        assertThat(model.detail().messageProperty().get()).isEmpty();
        assertThat(model.detail().partitions().get(0).outOfSync()).containsExactly(2);
        assertThat(model.detail().partitions().get(0).records()).isEqualTo(10);
        assertThat(model.detail().configsMessageProperty().get()).isEqualTo("Could not read the configs: denied");
    }
}
