package io.partita.broker.group;

import io.partita.broker.cluster.ClusterSnapshot;
import io.partita.broker.replication.Partition;
import io.partita.broker.replication.PartitionRoleListener;
import io.partita.broker.replication.ReplicaManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator of this node: it serves the groups whose {@code __consumer_offsets} partition this node
 * leads (one {@link CoordinatorShard} per partition, loaded when the leadership begins), routes each request to
 * its group's state machine, and expires old offsets. Answers Kafka's errors for groups it does not serve
 * (NOT_COORDINATOR) or is still loading (COORDINATOR_LOAD_IN_PROGRESS), so clients look the coordinator up
 * again or retry.
 */
public final class GroupCoordinator implements PartitionRoleListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);

    private final GroupConfig config;
    private final ReplicaManager replicaManager;
    private final ScheduledExecutorService timer;
    private final Executor loader;
    private final Supplier<ClusterSnapshot> metadata;
    /** The one clock of the group coordinator: sessions, offset commits and their expiry. */
    private final Time time;

    private final Map<Integer, CoordinatorShard> shards = new ConcurrentHashMap<>();

    /**
     * @param timer  group timers (sessions, rebalance timeouts); its tasks are short
     * @param loader where shards read their partition at the start of a leadership
     */
    public GroupCoordinator(
            GroupConfig config,
            ReplicaManager replicaManager,
            ScheduledExecutorService timer,
            Executor loader,
            Supplier<ClusterSnapshot> metadata,
            Time time) {
        this.config = config;
        this.time = time;
        this.replicaManager = replicaManager;
        this.timer = timer;
        this.loader = loader;
        this.metadata = metadata;
    }

    public GroupConfig config() {
        return config;
    }

    public void start() {
        long interval = config.offsetsRetentionCheckIntervalMs();
        timer.scheduleWithFixedDelay(this::expireOffsets, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        shards.values().forEach(CoordinatorShard::unload);
        shards.clear();
    }

    // ---------------------------------------------------------------- leadership

    @Override
    public void onBecameLeader(Partition partition) {
        TopicPartition tp = partition.topicPartition();
        if (!OffsetsTopic.NAME.equals(tp.topic())) {
            return;
        }
        CoordinatorShard shard = new CoordinatorShard(tp, partition.leaderEpoch(), replicaManager, timer, config, time);
        CoordinatorShard previous = shards.put(tp.partition(), shard);
        if (previous != null) {
            previous.unload();
        }
        LOG.info("Coordinating the groups of {} from epoch {}: loading", tp, partition.leaderEpoch());
        loader.execute(shard::load);
    }

    @Override
    public void onResigned(TopicPartition tp) {
        if (!OffsetsTopic.NAME.equals(tp.topic())) {
            return;
        }
        CoordinatorShard shard = shards.remove(tp.partition());
        if (shard != null) {
            shard.unload();
        }
    }

    /** The partition of __consumer_offsets that holds a group: from the topic's actual partition count. */
    public int partitionFor(String groupId) {
        int partitions = metadata.get()
                .topic(OffsetsTopic.NAME)
                .map(t -> t.partitions().size())
                .orElse(config.offsetsTopicPartitions());
        return OffsetsTopic.partitionFor(groupId, partitions);
    }

    /** A group's shard, or the error Kafka gives when this node cannot serve the group now. */
    private record Route(CoordinatorShard shard, Errors error) {}

    private Route route(String groupId) {
        CoordinatorShard shard = shards.get(partitionFor(groupId));
        if (shard == null) {
            return new Route(null, Errors.NOT_COORDINATOR);
        }
        if (!shard.isLoaded()) {
            return new Route(null, Errors.COORDINATOR_LOAD_IN_PROGRESS);
        }
        return new Route(shard, Errors.NONE);
    }

    /** Group ids: null never; empty only where Kafka still allows it (offsets, describe, delete). */
    private static boolean invalidId(String groupId, boolean emptyAllowed) {
        return groupId == null || (!emptyAllowed && groupId.isEmpty());
    }

    // ---------------------------------------------------------------- membership

    public CompletableFuture<JoinGroupResponseData> join(
            JoinGroupRequestData request, String clientId, String clientHost, short version) {
        String memberId = request.memberId() == null ? "" : request.memberId();
        if (invalidId(request.groupId(), false)) {
            return CompletableFuture.completedFuture(ClassicGroup.joinErrorData(memberId, Errors.INVALID_GROUP_ID));
        }
        if (request.sessionTimeoutMs() < config.minSessionTimeoutMs()
                || request.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return CompletableFuture.completedFuture(
                    ClassicGroup.joinErrorData(memberId, Errors.INVALID_SESSION_TIMEOUT));
        }
        Route route = route(request.groupId());
        if (route.error() != Errors.NONE) {
            return CompletableFuture.completedFuture(ClassicGroup.joinErrorData(memberId, route.error()));
        }
        ClassicGroup group = route.shard().groups().get(request.groupId());
        if (group == null) {
            if (!memberId.isEmpty()) {
                return CompletableFuture.completedFuture(
                        ClassicGroup.joinErrorData(memberId, Errors.UNKNOWN_MEMBER_ID));
            }
            group = route.shard()
                    .groups()
                    .computeIfAbsent(request.groupId(), id -> new ClassicGroup(id, route.shard()));
        }
        return group.join(request, clientId, clientHost, version >= 4, version >= 9);
    }

    public CompletableFuture<SyncGroupResponseData> sync(SyncGroupRequestData request) {
        if (invalidId(request.groupId(), false)) {
            return CompletableFuture.completedFuture(ClassicGroup.syncError(Errors.INVALID_GROUP_ID));
        }
        Route route = route(request.groupId());
        if (route.error() != Errors.NONE) {
            return CompletableFuture.completedFuture(ClassicGroup.syncError(route.error()));
        }
        ClassicGroup group = route.shard().groups().get(request.groupId());
        if (group == null) {
            return CompletableFuture.completedFuture(ClassicGroup.syncError(Errors.UNKNOWN_MEMBER_ID));
        }
        return group.sync(request);
    }

    public Errors heartbeat(String groupId, String memberId, String instanceId, int generation) {
        if (invalidId(groupId, false)) {
            return Errors.INVALID_GROUP_ID;
        }
        Route route = route(groupId);
        if (route.error() != Errors.NONE) {
            return route.error();
        }
        ClassicGroup group = route.shard().groups().get(groupId);
        return group == null ? Errors.UNKNOWN_MEMBER_ID : group.heartbeat(memberId, instanceId, generation);
    }

    /** The top-level error and, if none, each member's result. */
    public record LeaveResult(Errors error, List<LeaveGroupResponseData.MemberResponse> members) {}

    public LeaveResult leave(String groupId, List<LeaveGroupRequestData.MemberIdentity> leaving) {
        if (invalidId(groupId, false)) {
            return new LeaveResult(Errors.INVALID_GROUP_ID, List.of());
        }
        Route route = route(groupId);
        if (route.error() != Errors.NONE) {
            return new LeaveResult(route.error(), List.of());
        }
        ClassicGroup group = route.shard().groups().get(groupId);
        if (group == null) {
            return new LeaveResult(Errors.UNKNOWN_MEMBER_ID, List.of());
        }
        return new LeaveResult(Errors.NONE, group.leave(leaving));
    }

    // ---------------------------------------------------------------- offsets

    /** An offset to commit as the client sent it. */
    public record OffsetToCommit(long offset, int leaderEpoch, String metadata) {}

    public CompletableFuture<Map<TopicPartition, Errors>> commit(
            String groupId,
            String memberId,
            String instanceId,
            int generation,
            Map<TopicPartition, OffsetToCommit> request) {
        if (invalidId(groupId, true)) {
            return CompletableFuture.completedFuture(all(request.keySet(), Errors.INVALID_GROUP_ID));
        }
        Route route = route(groupId);
        if (route.error() != Errors.NONE) {
            return CompletableFuture.completedFuture(all(request.keySet(), route.error()));
        }
        CoordinatorShard shard = route.shard();
        ClassicGroup group = shard.groups().get(groupId);
        if (group == null) {
            if (generation >= 0) {
                // A member of a generation this coordinator does not know: it rejoins.
                return CompletableFuture.completedFuture(all(request.keySet(), Errors.ILLEGAL_GENERATION));
            }
            group = shard.groups().computeIfAbsent(groupId, id -> new ClassicGroup(id, shard));
        }
        Errors invalid = group.validateCommit(memberId == null ? "" : memberId, instanceId, generation);
        if (invalid != Errors.NONE) {
            return CompletableFuture.completedFuture(all(request.keySet(), invalid));
        }
        long now = shard.now();
        Map<TopicPartition, Errors> results = new HashMap<>();
        Map<TopicPartition, CommittedOffset> accepted = new HashMap<>();
        List<SimpleRecord> records = new ArrayList<>();
        request.forEach((tp, o) -> {
            String metadata = o.metadata() == null ? "" : o.metadata();
            if (metadata.length() > config.offsetMetadataMaxBytes()) {
                results.put(tp, Errors.OFFSET_METADATA_TOO_LARGE);
                return;
            }
            CommittedOffset committed = new CommittedOffset(o.offset(), o.leaderEpoch(), metadata, now);
            accepted.put(tp, committed);
            records.add(
                    new SimpleRecord(now, GroupRecords.offsetKey(groupId, tp), GroupRecords.offsetValue(committed)));
        });
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(results);
        }
        ClassicGroup target = group;
        if (!target.beginCommit()) {
            // Forgotten by the offset expiry since it was looked up: the client retries and finds a fresh one.
            return CompletableFuture.completedFuture(all(request.keySet(), Errors.COORDINATOR_NOT_AVAILABLE));
        }
        return shard.write(records).handle((position, error) -> {
            if (error != null) {
                target.endCommit(null, -1);
                Errors code = GroupErrors.forWrite(error, true);
                accepted.keySet().forEach(tp -> results.put(tp, code));
            } else {
                target.endCommit(accepted, position);
                accepted.keySet().forEach(tp -> results.put(tp, Errors.NONE));
            }
            return results;
        });
    }

    /** A group's committed offsets (all of them when {@code partitions} is null), or the group-level error. */
    public record FetchedOffsets(Errors error, Map<TopicPartition, CommittedOffset> offsets) {}

    public FetchedOffsets fetchOffsets(String groupId, List<TopicPartition> partitions) {
        if (invalidId(groupId, true)) {
            return new FetchedOffsets(Errors.INVALID_GROUP_ID, Map.of());
        }
        Route route = route(groupId);
        if (route.error() != Errors.NONE) {
            return new FetchedOffsets(route.error(), Map.of());
        }
        ClassicGroup group = route.shard().groups().get(groupId);
        Map<TopicPartition, CommittedOffset> committed = group == null ? Map.of() : group.offsets();
        if (partitions == null) {
            return new FetchedOffsets(Errors.NONE, committed);
        }
        Map<TopicPartition, CommittedOffset> wanted = new HashMap<>();
        partitions.forEach(tp -> {
            CommittedOffset offset = committed.get(tp);
            if (offset != null) {
                wanted.put(tp, offset);
            }
        });
        return new FetchedOffsets(Errors.NONE, wanted);
    }

    /** OffsetDelete: the group-level error, or each partition's. */
    public record DeletedOffsets(Errors error, Map<TopicPartition, Errors> partitions) {}

    public CompletableFuture<DeletedOffsets> deleteOffsets(String groupId, List<TopicPartition> partitions) {
        if (invalidId(groupId, false)) {
            return CompletableFuture.completedFuture(new DeletedOffsets(Errors.INVALID_GROUP_ID, Map.of()));
        }
        Route route = route(groupId);
        if (route.error() != Errors.NONE) {
            return CompletableFuture.completedFuture(new DeletedOffsets(route.error(), Map.of()));
        }
        CoordinatorShard shard = route.shard();
        ClassicGroup group = shard.groups().get(groupId);
        if (group == null || group.state() == GroupState.DEAD) {
            return CompletableFuture.completedFuture(new DeletedOffsets(Errors.GROUP_ID_NOT_FOUND, Map.of()));
        }
        if (group.state() != GroupState.EMPTY && !ConsumerProtocolNames.TYPE.equals(group.protocolType())) {
            return CompletableFuture.completedFuture(new DeletedOffsets(Errors.NON_EMPTY_GROUP, Map.of()));
        }
        Set<String> subscribed = group.state() == GroupState.EMPTY ? Set.of() : group.subscribedTopics();
        Map<TopicPartition, CommittedOffset> committed = group.offsets();
        Map<TopicPartition, Errors> results = new HashMap<>();
        Set<TopicPartition> deleting = new HashSet<>();
        List<SimpleRecord> records = new ArrayList<>();
        long now = shard.now();
        for (TopicPartition tp : partitions) {
            if (subscribed.contains(tp.topic())) {
                results.put(tp, Errors.GROUP_SUBSCRIBED_TO_TOPIC);
                continue;
            }
            results.put(tp, Errors.NONE);
            if (committed.containsKey(tp) && deleting.add(tp)) {
                records.add(new SimpleRecord(now, GroupRecords.offsetKey(groupId, tp), null));
            }
        }
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(new DeletedOffsets(Errors.NONE, results));
        }
        return shard.write(records).handle((position, error) -> {
            if (error != null) {
                return new DeletedOffsets(GroupErrors.forWrite(error, false), Map.of());
            }
            group.removeOffsets(deleting);
            return new DeletedOffsets(Errors.NONE, results);
        });
    }

    // ---------------------------------------------------------------- administration

    /** ListGroups over every loaded shard; a shard still loading makes the answer COORDINATOR_LOAD_IN_PROGRESS. */
    public record Listing(Errors error, List<ListGroupsResponseData.ListedGroup> groups) {}

    public Listing listGroups(Set<GroupState> states, Set<String> types) {
        List<ListGroupsResponseData.ListedGroup> listed = new ArrayList<>();
        Errors error = Errors.NONE;
        for (CoordinatorShard shard : shards.values()) {
            if (!shard.isLoaded()) {
                error = Errors.COORDINATOR_LOAD_IN_PROGRESS;
                continue;
            }
            for (ClassicGroup group : shard.groups().values()) {
                GroupState state = group.state();
                if (state == GroupState.DEAD || (!states.isEmpty() && !states.contains(state))) {
                    continue;
                }
                if (!types.isEmpty() && !types.contains("classic")) {
                    continue;
                }
                listed.add(new ListGroupsResponseData.ListedGroup()
                        .setGroupId(group.groupId())
                        .setProtocolType(group.protocolType())
                        .setGroupState(state.kafkaName())
                        .setGroupType("classic"));
            }
        }
        return new Listing(error, listed);
    }

    public DescribeGroupsResponseData.DescribedGroup describe(String groupId, short version) {
        if (invalidId(groupId, true)) {
            return new DescribeGroupsResponseData.DescribedGroup()
                    .setGroupId("")
                    .setErrorCode(Errors.INVALID_GROUP_ID.code());
        }
        Route route = route(groupId);
        if (route.error() != Errors.NONE) {
            return new DescribeGroupsResponseData.DescribedGroup()
                    .setGroupId(groupId)
                    .setErrorCode(route.error().code());
        }
        ClassicGroup group = route.shard().groups().get(groupId);
        if (group == null || group.state() == GroupState.DEAD) {
            DescribeGroupsResponseData.DescribedGroup dead = new DescribeGroupsResponseData.DescribedGroup()
                    .setGroupId(groupId)
                    .setGroupState(GroupState.DEAD.kafkaName())
                    .setProtocolType("")
                    .setProtocolData("");
            // From v6 on Kafka says so; before, an unknown group is described as Dead.
            return version >= 6
                    ? dead.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                            .setErrorMessage("Group " + groupId + " not found.")
                    : dead;
        }
        return group.describe();
    }

    public CompletableFuture<Errors> deleteGroup(String groupId) {
        if (invalidId(groupId, true)) {
            return CompletableFuture.completedFuture(Errors.INVALID_GROUP_ID);
        }
        Route route = route(groupId);
        if (route.error() != Errors.NONE) {
            return CompletableFuture.completedFuture(route.error());
        }
        CoordinatorShard shard = route.shard();
        ClassicGroup group = shard.groups().get(groupId);
        if (group == null) {
            return CompletableFuture.completedFuture(Errors.GROUP_ID_NOT_FOUND);
        }
        Errors marked = group.markDeleted();
        if (marked != Errors.NONE) {
            return CompletableFuture.completedFuture(marked);
        }
        shard.groups().remove(groupId, group);
        return shard.write(group.tombstones()).handle((position, error) -> {
            if (error != null) {
                return GroupErrors.forWrite(error, false);
            }
            LOG.info("Deleted group {}", groupId);
            return Errors.NONE;
        });
    }

    /** offsets.retention.minutes: expired offsets of empty groups go, and groups left with nothing go too. */
    void expireOffsets() {
        long now = time.milliseconds();
        for (CoordinatorShard shard : shards.values()) {
            if (!shard.isLoaded()) {
                continue;
            }
            for (ClassicGroup group : List.copyOf(shard.groups().values())) {
                try {
                    expire(shard, group, now);
                } catch (RuntimeException e) {
                    LOG.warn("Offset expiration of group {} failed", group.groupId(), e);
                }
            }
        }
    }

    private void expire(CoordinatorShard shard, ClassicGroup group, long now) {
        Set<TopicPartition> expired = group.expiredOffsets(now, config.offsetsRetentionMs());
        List<SimpleRecord> records = new ArrayList<>();
        expired.forEach(tp -> records.add(new SimpleRecord(now, GroupRecords.offsetKey(group.groupId(), tp), null)));
        CompletableFuture<Long> written =
                records.isEmpty() ? CompletableFuture.completedFuture(-1L) : shard.write(records);
        written.thenAccept(position -> {
            group.removeOffsets(expired);
            if (!expired.isEmpty()) {
                LOG.info("Expired {} offset(s) of group {}", expired.size(), group.groupId());
            }
            if (group.markDeadIfOffsetless()) {
                shard.groups().remove(group.groupId(), group);
                shard.write(List.of(new SimpleRecord(now, GroupRecords.groupKey(group.groupId()), null)));
            }
        });
    }

    private static Map<TopicPartition, Errors> all(Set<TopicPartition> partitions, Errors error) {
        Map<TopicPartition, Errors> results = new HashMap<>();
        partitions.forEach(tp -> results.put(tp, error));
        return results;
    }
}
