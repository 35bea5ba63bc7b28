package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.cluster.PartitionResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that only the controller may carry out (ElectLeaders, AlterPartitionReassignments) travel through
 * ZooKeeper: the node that took the request writes it as a znode, the controller answers inside the znode, and
 * the node waits, bounded by the request's timeout, until its own view shows both the answer and what the
 * controller wrote, so the client's next Metadata from this node already reflects it. The node then removes
 * the znode; on a timeout it removes it unanswered, which withdraws it if the controller has not taken it yet.
 */
final class ControllerRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerRequests.class);

    private final ApiContext api;

    ControllerRequests(ApiContext api) {
        this.api = api;
    }

    /**
     * @param submit    writes the request znode, returning its path
     * @param answer    the controller's results for the request at a path, if it has answered in a snapshot
     * @param visible   whether a snapshot shows the effect of one successful result
     * @return the results, or a failed future (a TimeoutException when the wait ran out)
     */
    CompletableFuture<List<PartitionResult>> submit(
            ApiContext.BlockingCall<String> submit,
            Function<ClusterSnapshot, Map<String, List<PartitionResult>>> answer,
            BiPredicate<ClusterSnapshot, PartitionResult> visible,
            long timeoutMs) {
        return api.blocking(() -> {
                    String path = submit.call();
                    api.clusterView().scheduleRebuild();
                    return path;
                })
                .thenCompose(path -> api.clusterView()
                        .await(
                                s -> {
                                    List<PartitionResult> results =
                                            answer.apply(s).get(path);
                                    return results != null
                                            && results.stream().allMatch(r -> r.errorCode() != 0 || visible.test(s, r));
                                },
                                Math.max(1, timeoutMs))
                        .whenComplete((s, e) -> remove(path))
                        .thenApply(s -> answer.apply(s).get(path)));
    }

    /** True when the snapshot shows the partition at (at least) the leader epoch the controller wrote. */
    static boolean epochVisible(ClusterSnapshot snapshot, PartitionResult result) {
        TopicPartition tp = result.topicPartition();
        return result.leaderEpoch() < 0
                || snapshot.topic(tp.topic()).isEmpty()
                || snapshot.state(tp)
                        .map(st -> st.leaderEpoch() >= result.leaderEpoch())
                        .orElse(true);
    }

    private void remove(String path) {
        api.blocking(() -> {
                    api.clusterStore().deleteRequest(path);
                    return null;
                })
                .whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.debug("Could not remove the admin request {}: {}", path, e.toString());
                    }
                });
    }
}
