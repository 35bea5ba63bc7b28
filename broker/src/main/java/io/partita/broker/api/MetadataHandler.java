package io.partita.broker.api;

import io.partita.broker.cluster.BrokerRegistration;
import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.cluster.PartitionState;
import io.partita.broker.cluster.TopicAssignment;
import io.partita.broker.common.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Metadata from the live ZooKeeper view; unknown topics are auto-created when the client and config allow. */
final class MetadataHandler implements ApiHandler<MetadataRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataHandler.class);

    private final ApiContext api;
    private final TopicAdmin topics;

    MetadataHandler(ApiContext api, TopicAdmin topics) {
        this.api = api;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, MetadataRequest request) {
        ClusterSnapshot snapshot = api.snapshot();
        MetadataResponseData response =
                new MetadataResponseData().setClusterId(api.clusterId()).setControllerId(snapshot.controllerId());
        for (BrokerRegistration broker : snapshot.brokers().values()) {
            response.brokers()
                    .add(new MetadataResponseData.MetadataResponseBroker()
                            .setNodeId(broker.id())
                            .setHost(broker.host())
                            .setPort(broker.port())
                            .setRack(broker.rack()));
        }
        if (request.isAllTopics()) {
            snapshot.topics()
                    .forEach((name, assignment) -> response.topics().add(describe(snapshot, name, assignment)));
        } else {
            boolean autoCreate =
                    request.data().allowAutoTopicCreation() && api.config().autoCreateTopics();
            for (MetadataRequestData.MetadataRequestTopic wanted :
                    request.data().topics()) {
                String name = wanted.name();
                boolean byId = wanted.topicId() != null && !Uuid.ZERO_UUID.equals(wanted.topicId());
                if (byId) {
                    name = snapshot.topicName(wanted.topicId()).orElse(null);
                    if (name == null) {
                        response.topics()
                                .add(new MetadataResponseData.MetadataResponseTopic()
                                        .setTopicId(wanted.topicId())
                                        .setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()));
                        continue;
                    }
                }
                TopicAssignment assignment =
                        name == null ? null : snapshot.topics().get(name);
                if (assignment != null) {
                    response.topics().add(describe(snapshot, name, assignment));
                } else {
                    response.topics().add(missing(name, autoCreate));
                }
            }
        }
        return CompletableFuture.completedFuture(new MetadataResponse(response, request.version()));
    }

    private MetadataResponseData.MetadataResponseTopic missing(String name, boolean autoCreate) {
        MetadataResponseData.MetadataResponseTopic topic =
                new MetadataResponseData.MetadataResponseTopic().setName(name).setTopicId(Uuid.ZERO_UUID);
        try {
            TopicAdmin.validateName(name);
        } catch (InvalidTopicException e) {
            return topic.setErrorCode(Errors.INVALID_TOPIC_EXCEPTION.code());
        }
        if (!autoCreate || Topic.isInternal(name)) {
            return topic.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        try {
            var plan = topics.plan(name, -1, (short) -1, Map.of(), Map.of());
            topics.create(name, plan, Map.of(), api.config().requestTimeoutMs()).whenComplete((v, e) -> {
                if (e != null && !(Futures.unwrap(e) instanceof TopicExistsException)) {
                    LOG.warn(
                            "Auto-creating topic {} failed: {}",
                            name,
                            Futures.unwrap(e).toString());
                } else if (e == null) {
                    LOG.info("Auto-created topic {}", name);
                }
            });
            return topic.setErrorCode(Errors.LEADER_NOT_AVAILABLE.code());
        } catch (TopicExistsException raced) {
            return topic.setErrorCode(Errors.LEADER_NOT_AVAILABLE.code());
        } catch (ApiException e) {
            return topic.setErrorCode(Errors.forException(e).code());
        }
    }

    static MetadataResponseData.MetadataResponseTopic describe(
            ClusterSnapshot snapshot, String name, TopicAssignment assignment) {
        MetadataResponseData.MetadataResponseTopic topic = new MetadataResponseData.MetadataResponseTopic()
                .setName(name)
                .setTopicId(Uuid.fromString(assignment.topicId()))
                .setIsInternal(Topic.isInternal(name));
        assignment.partitions().forEach((p, replicas) -> {
            MetadataResponseData.MetadataResponsePartition partition =
                    new MetadataResponseData.MetadataResponsePartition()
                            .setPartitionIndex(p)
                            .setReplicaNodes(new ArrayList<>(replicas))
                            .setOfflineReplicas(offline(snapshot, replicas));
            PartitionState state = snapshot.state(new TopicPartition(name, p)).orElse(null);
            if (state == null || !state.hasLeader() || !snapshot.isLive(state.leader())) {
                partition
                        .setErrorCode(Errors.LEADER_NOT_AVAILABLE.code())
                        .setLeaderId(-1)
                        .setLeaderEpoch(state == null ? -1 : state.leaderEpoch())
                        .setIsrNodes(state == null ? new ArrayList<>() : new ArrayList<>(state.isr()));
            } else {
                partition
                        .setLeaderId(state.leader())
                        .setLeaderEpoch(state.leaderEpoch())
                        .setIsrNodes(new ArrayList<>(state.isr()));
            }
            topic.partitions().add(partition);
        });
        return topic;
    }

    private static List<Integer> offline(ClusterSnapshot snapshot, List<Integer> replicas) {
        return new ArrayList<>(
                replicas.stream().filter(r -> !snapshot.isLive(r)).toList());
    }
}
