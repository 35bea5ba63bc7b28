package io.partita.broker.api;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.group.CommittedOffset;
import io.partita.broker.group.GroupCoordinator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.apache.kafka.common.requests.RequestContext;

/**
 * OffsetFetch: one group up to v7 (2.8 clients), several from v8, topics by id from v10. A partition without a
 * commit gets offset -1. With no transactions here every offset is stable, so RequireStable changes nothing.
 */
final class OffsetFetchHandler implements ApiHandler<OffsetFetchRequest> {
    private final ApiContext api;
    private final GroupCoordinator groups;

    OffsetFetchHandler(ApiContext api, GroupCoordinator groups) {
        this.api = api;
        this.groups = groups;
    }

    /** One group's answer, before it is put in the version's shape. */
    private record GroupResult(
            Errors error,
            Map<String, List<OffsetFetchResponseData.OffsetFetchResponsePartitions>> topics,
            Map<String, Uuid> ids) {}

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, OffsetFetchRequest request) {
        short version = request.version();
        boolean byId = OffsetFetchRequest.useTopicIds(version);
        ClusterSnapshot snapshot = api.snapshot();
        OffsetFetchResponseData response = new OffsetFetchResponseData();
        if (version < OffsetFetchRequest.BATCH_MIN_VERSION) {
            OffsetFetchRequestData data = request.data();
            List<TopicPartition> wanted = null;
            if (data.topics() != null) {
                wanted = new ArrayList<>();
                for (OffsetFetchRequestData.OffsetFetchRequestTopic t : data.topics()) {
                    for (int p : t.partitionIndexes()) {
                        wanted.add(new TopicPartition(t.name(), p));
                    }
                }
            }
            GroupResult result = fetch(data.groupId(), wanted, snapshot, false);
            // Up to v1 there is no top-level error: it goes into every partition.
            result.topics().forEach((name, partitions) -> {
                OffsetFetchResponseData.OffsetFetchResponseTopic topic =
                        new OffsetFetchResponseData.OffsetFetchResponseTopic().setName(name);
                partitions.forEach(p -> topic.partitions()
                        .add(new OffsetFetchResponseData.OffsetFetchResponsePartition()
                                .setPartitionIndex(p.partitionIndex())
                                .setCommittedOffset(p.committedOffset())
                                .setCommittedLeaderEpoch(p.committedLeaderEpoch())
                                .setMetadata(p.metadata())
                                .setErrorCode(
                                        version < 2 && result.error() != Errors.NONE
                                                ? result.error().code()
                                                : p.errorCode())));
                response.topics().add(topic);
            });
            if (version >= 2) {
                response.setErrorCode(result.error().code());
            }
            return CompletableFuture.completedFuture(new OffsetFetchResponse(response, version));
        }
        for (OffsetFetchRequestData.OffsetFetchRequestGroup group :
                request.data().groups()) {
            List<TopicPartition> wanted = null;
            Map<String, Uuid> requestedIds = new LinkedHashMap<>();
            List<OffsetFetchResponseData.OffsetFetchResponseTopics> unknownIds = new ArrayList<>();
            if (group.topics() != null) {
                wanted = new ArrayList<>();
                for (OffsetFetchRequestData.OffsetFetchRequestTopics t : group.topics()) {
                    String name = byId ? snapshot.topicName(t.topicId()).orElse(null) : t.name();
                    if (name == null) {
                        OffsetFetchResponseData.OffsetFetchResponseTopics unknown =
                                new OffsetFetchResponseData.OffsetFetchResponseTopics().setTopicId(t.topicId());
                        t.partitionIndexes()
                                .forEach(p -> unknown.partitions()
                                        .add(new OffsetFetchResponseData.OffsetFetchResponsePartitions()
                                                .setPartitionIndex(p)
                                                .setCommittedOffset(-1)
                                                .setMetadata("")
                                                .setErrorCode(Errors.UNKNOWN_TOPIC_ID.code())));
                        unknownIds.add(unknown);
                        continue;
                    }
                    if (byId) {
                        requestedIds.put(name, t.topicId());
                    }
                    for (int p : t.partitionIndexes()) {
                        wanted.add(new TopicPartition(name, p));
                    }
                }
            }
            GroupResult result = fetch(group.groupId(), wanted, snapshot, byId);
            OffsetFetchResponseData.OffsetFetchResponseGroup groupResponse =
                    new OffsetFetchResponseData.OffsetFetchResponseGroup()
                            .setGroupId(group.groupId())
                            .setErrorCode(result.error().code());
            if (result.error() == Errors.NONE) {
                result.topics().forEach((name, partitions) -> {
                    Uuid id = requestedIds.getOrDefault(name, result.ids().getOrDefault(name, Uuid.ZERO_UUID));
                    if (byId && Uuid.ZERO_UUID.equals(id)) {
                        return; // a topic deleted since: clients using ids cannot name it
                    }
                    groupResponse
                            .topics()
                            .add(new OffsetFetchResponseData.OffsetFetchResponseTopics()
                                    .setName(byId ? "" : name)
                                    .setTopicId(byId ? id : Uuid.ZERO_UUID)
                                    .setPartitions(partitions));
                });
                groupResponse.topics().addAll(unknownIds);
            }
            response.groups().add(groupResponse);
        }
        return CompletableFuture.completedFuture(new OffsetFetchResponse(response, version));
    }

    private GroupResult fetch(String groupId, List<TopicPartition> wanted, ClusterSnapshot snapshot, boolean byId) {
        GroupCoordinator.FetchedOffsets fetched = groups.fetchOffsets(groupId, wanted);
        Map<String, List<OffsetFetchResponseData.OffsetFetchResponsePartitions>> topics = new TreeMap<>();
        Map<String, Uuid> ids = new TreeMap<>();
        List<TopicPartition> partitions =
                wanted != null ? wanted : List.copyOf(fetched.offsets().keySet());
        for (TopicPartition tp : partitions) {
            CommittedOffset offset = fetched.offsets().get(tp);
            topics.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                    .add(new OffsetFetchResponseData.OffsetFetchResponsePartitions()
                            .setPartitionIndex(tp.partition())
                            .setCommittedOffset(offset == null ? -1 : offset.offset())
                            .setCommittedLeaderEpoch(offset == null ? -1 : offset.leaderEpoch())
                            .setMetadata(offset == null ? "" : offset.metadata())
                            .setErrorCode(Errors.NONE.code()));
            if (byId) {
                ids.put(tp.topic(), snapshot.topicId(tp.topic()));
            }
        }
        return new GroupResult(fetched.error(), topics, ids);
    }
}
