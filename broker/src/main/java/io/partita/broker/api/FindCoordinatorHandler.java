package io.partita.broker.api;

import io.partita.broker.cluster.BrokerRegistration;
import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.cluster.PartitionState;
import io.partita.broker.common.Futures;
import io.partita.broker.group.GroupCoordinator;
import io.partita.broker.group.OffsetsTopic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FindCoordinator: a group's coordinator is the leader of its partition of __consumer_offsets. As in Kafka, the
 * first lookup creates that internal topic and is answered COORDINATOR_NOT_AVAILABLE, which clients retry.
 * One key up to v3 (2.8 clients), a batch of keys from v4 on.
 */
final class FindCoordinatorHandler implements ApiHandler<FindCoordinatorRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(FindCoordinatorHandler.class);
    private static final byte GROUP_KEY_TYPE = 0;

    private final ApiContext api;
    private final TopicAdmin topics;
    private final GroupCoordinator groups;
    private final AtomicBoolean creating = new AtomicBoolean();

    FindCoordinatorHandler(ApiContext api, TopicAdmin topics, GroupCoordinator groups) {
        this.api = api;
        this.topics = topics;
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, FindCoordinatorRequest request) {
        short version = request.version();
        boolean batched = version >= FindCoordinatorRequest.MIN_BATCHED_VERSION;
        List<String> keys = batched
                ? request.data().coordinatorKeys()
                : List.of(request.data().key());
        ClusterSnapshot snapshot = api.snapshot();
        boolean topicExists = snapshot.topic(OffsetsTopic.NAME).isPresent();
        if (!topicExists && request.data().keyType() == GROUP_KEY_TYPE) {
            createOffsetsTopic(snapshot);
        }
        FindCoordinatorResponseData data = new FindCoordinatorResponseData();
        for (String key : keys) {
            FindCoordinatorResponseData.Coordinator result =
                    lookup(snapshot, request.data().keyType(), key, topicExists);
            if (batched) {
                data.coordinators().add(result);
            } else {
                data.setErrorCode(result.errorCode())
                        .setErrorMessage(result.errorMessage())
                        .setNodeId(result.nodeId())
                        .setHost(result.host())
                        .setPort(result.port());
            }
        }
        return CompletableFuture.completedFuture(new FindCoordinatorResponse(data));
    }

    private FindCoordinatorResponseData.Coordinator lookup(
            ClusterSnapshot snapshot, byte keyType, String key, boolean topicExists) {
        FindCoordinatorResponseData.Coordinator result = new FindCoordinatorResponseData.Coordinator()
                .setKey(key)
                .setNodeId(-1)
                .setHost("")
                .setPort(-1);
        if (keyType != GROUP_KEY_TYPE) {
            // No transaction or share coordinator here.
            return result.setErrorCode(Errors.INVALID_REQUEST.code())
                    .setErrorMessage(
                            "This node coordinates consumer groups only (key type 0), not key type " + keyType);
        }
        if (key == null) {
            return result.setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage("The group id is null.");
        }
        if (!topicExists) {
            return result.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code())
                    .setErrorMessage("The offsets topic is being created.");
        }
        TopicPartition tp = new TopicPartition(OffsetsTopic.NAME, groups.partitionFor(key));
        PartitionState state = snapshot.state(tp).orElse(null);
        BrokerRegistration leader =
                state == null || !state.hasLeader() ? null : snapshot.brokers().get(state.leader());
        if (leader == null) {
            return result.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code()).setErrorMessage(tp + " has no leader.");
        }
        return result.setErrorCode(Errors.NONE.code())
                .setErrorMessage(null)
                .setNodeId(leader.id())
                .setHost(leader.host())
                .setPort(leader.port());
    }

    /** Once at a time; a node that loses the race to another node sees TopicExistsException, which is fine. */
    private void createOffsetsTopic(ClusterSnapshot snapshot) {
        if (!creating.compareAndSet(false, true)) {
            return;
        }
        try {
            short rf = OffsetsTopic.replicationFactor(
                    groups.config(), snapshot.brokers().size());
            var plan = topics.plan(
                    OffsetsTopic.NAME, groups.config().offsetsTopicPartitions(), rf, Map.of(), OffsetsTopic.CONFIGS);
            LOG.info(
                    "Creating {} with {} partitions, replication factor {}",
                    OffsetsTopic.NAME,
                    groups.config().offsetsTopicPartitions(),
                    rf);
            topics.create(
                            OffsetsTopic.NAME,
                            plan,
                            OffsetsTopic.CONFIGS,
                            api.config().requestTimeoutMs())
                    .whenComplete((v, e) -> {
                        creating.set(false);
                        Throwable cause = e == null ? null : Futures.unwrap(e);
                        if (cause != null && !(cause instanceof TopicExistsException)) {
                            LOG.warn("Could not create {}: {}", OffsetsTopic.NAME, cause.toString());
                        }
                    });
        } catch (TopicExistsException raced) {
            creating.set(false);
        } catch (RuntimeException e) {
            creating.set(false);
            LOG.warn("Could not create {}: {}", OffsetsTopic.NAME, e.toString());
        }
    }
}
