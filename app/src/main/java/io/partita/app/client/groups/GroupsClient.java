package io.partita.app.client.groups;

import static io.partita.app.client.core.ClientSession.READ_TIMEOUT_MS;
import static io.partita.app.client.core.ClientSession.stage;

import io.partita.app.client.core.ClientSession;
import io.partita.app.client.core.Failures;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer groups tab's requests: every group with its members and, per partition, the committed offset
 * between the log's start and end; the preview and the commit of an offset reset; deleting a group.
 */
public final class GroupsClient {
    private static final Logger LOG = LoggerFactory.getLogger(GroupsClient.class);

    private final ClientSession session;

    public GroupsClient(ClientSession session) {
        this.session = session;
    }

    /**
     * Every consumer group with its state, member count and, per partition it committed on or owns, the
     * committed offset, the log end and the owning member; sorted by group id.
     */
    public CompletableFuture<List<GroupInfo>> consumerGroups() {
        return session.withAdmin(a -> stage(
                        a.listConsumerGroups(new ListConsumerGroupsOptions().timeoutMs(READ_TIMEOUT_MS))
                                .all())
                .thenCompose(listings -> {
                    List<String> ids = listings.stream()
                            .map(ConsumerGroupListing::groupId)
                            .sorted()
                            .toList();
                    if (ids.isEmpty()) {
                        return CompletableFuture.completedFuture(List.<GroupInfo>of());
                    }
                    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
                    ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
                    return stage(a.describeConsumerGroups(ids).all())
                            .thenCombine(stage(a.listConsumerGroupOffsets(specs).all()), Map::entry)
                            .thenCompose(both -> withLogEnds(a, ids, both.getKey(), both.getValue()));
                }));
    }

    private CompletableFuture<List<GroupInfo>> withLogEnds(
            Admin a,
            List<String> ids,
            Map<String, ConsumerGroupDescription> descriptions,
            Map<String, Map<TopicPartition, OffsetAndMetadata>> commits) {
        Set<TopicPartition> partitions = new HashSet<>();
        commits.values().forEach(c -> partitions.addAll(c.keySet()));
        descriptions
                .values()
                .forEach(d -> d.members()
                        .forEach(m -> partitions.addAll(m.assignment().topicPartitions())));
        // Both ends of each partition's offset axis: the group view draws the committed offset between them.
        return logEdges(a, partitions)
                .thenApply(edges -> ids.stream()
                        .map(id -> {
                            var description = descriptions.get(id);
                            Map<TopicPartition, String> owners = new HashMap<>();
                            List<GroupMember> members = description.members().stream()
                                    .map(m -> new GroupMember(
                                            m.consumerId(), m.groupInstanceId().orElse(""), m.clientId(), m.host()))
                                    .sorted(Comparator.comparing(GroupMember::clientId)
                                            .thenComparing(GroupMember::memberId))
                                    .toList();
                            description
                                    .members()
                                    .forEach(m -> m.assignment()
                                            .topicPartitions()
                                            .forEach(tp -> owners.put(tp, m.consumerId())));
                            var committed = commits.getOrDefault(id, Map.of());
                            Set<TopicPartition> mine = new TreeSet<>(Comparator.comparing(TopicPartition::topic)
                                    .thenComparingInt(TopicPartition::partition));
                            mine.addAll(committed.keySet());
                            mine.addAll(owners.keySet());
                            List<PartitionLag> lags = mine.stream()
                                    .map(tp -> {
                                        var commit = committed.get(tp);
                                        long[] edge = edges.getOrDefault(tp, new long[] {0, 0});
                                        return new PartitionLag(
                                                tp.topic(),
                                                tp.partition(),
                                                edge[0],
                                                commit == null ? PartitionLag.NO_COMMIT : commit.offset(),
                                                edge[1],
                                                owners.getOrDefault(tp, ""));
                                    })
                                    .toList();
                            return new GroupInfo(id, description.groupState().toString(), members, lags);
                        })
                        .toList());
    }

    /**
     * The committed offset of every consumer group that has committed on partition {@code partition} of
     * {@code topic}, by group id in order: the partition log view draws them on the partition's offsets.
     */
    public CompletableFuture<Map<String, Long>> commitsOn(String topic, int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return session.withAdmin(a -> stage(
                        a.listConsumerGroups(new ListConsumerGroupsOptions().timeoutMs(READ_TIMEOUT_MS))
                                .all())
                .thenCompose(listings -> {
                    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
                    listings.forEach(l ->
                            specs.put(l.groupId(), new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(tp))));
                    if (specs.isEmpty()) {
                        return CompletableFuture.completedFuture(Map.<String, Long>of());
                    }
                    return stage(a.listConsumerGroupOffsets(specs).all()).thenApply(all -> {
                        Map<String, Long> commits = new TreeMap<>();
                        all.forEach((group, offsets) -> {
                            OffsetAndMetadata commit = offsets.get(tp);
                            if (commit != null && commit.offset() >= 0) {
                                commits.put(group, commit.offset());
                            }
                        });
                        return commits;
                    });
                }));
    }

    /** Each partition's log start and log end, as {start, end}. */
    private CompletableFuture<Map<TopicPartition, long[]>> logEdges(Admin a, Set<TopicPartition> partitions) {
        return offsetsAt(a, partitions, OffsetSpec.earliest())
                .thenCombine(offsetsAt(a, partitions, OffsetSpec.latest()), (starts, ends) -> {
                    Map<TopicPartition, long[]> edges = new HashMap<>();
                    ends.forEach((tp, end) ->
                            edges.put(tp, new long[] {Math.min(starts.getOrDefault(tp, 0L), end), end}));
                    return edges;
                });
    }

    /**
     * listOffsets with one spec for every partition; -1 where the cluster knows no such offset. A partition the
     * cluster cannot answer for (a deleted topic the group still has commits on) is left out rather than
     * failing the whole list.
     */
    private CompletableFuture<Map<TopicPartition, Long>> offsetsAt(
            Admin a, Collection<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(tp -> specs.put(tp, spec));
        var result = a.listOffsets(specs);
        Map<TopicPartition, Long> offsets = new ConcurrentHashMap<>();
        CompletableFuture<?>[] each = partitions.stream()
                .map(tp -> stage(result.partitionResult(tp)).handle((info, e) -> {
                    if (info != null) {
                        offsets.put(tp, info.offset());
                    } else {
                        LOG.debug("No offset for {}: {}", tp, Failures.describe(e));
                    }
                    return null;
                }))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(each).thenApply(v -> offsets);
    }

    /**
     * The preview of a reset of {@code group}'s committed offsets: its current commits (fresh, not the last
     * refresh's) and, from listOffsets, where {@code request} would move each of them. Changes nothing.
     */
    public CompletableFuture<List<ResetRow>> previewOffsetReset(String group, ResetRequest request) {
        return session.withAdmin(a -> stage(a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata())
                        .thenCompose(commits -> {
                            List<TopicPartition> scope = commits.keySet().stream()
                                    .filter(tp -> request.covers(tp.topic()))
                                    .toList();
                            var atTime = request.strategy() == ResetStrategy.TIMESTAMP
                                    ? offsetsAt(a, scope, OffsetSpec.forTimestamp(request.timestampMillis()))
                                    : CompletableFuture.completedFuture(Map.<TopicPartition, Long>of());
                            return logEdges(a, new HashSet<>(scope))
                                    .thenCombine(
                                            atTime,
                                            (edges, found) -> scope.stream()
                                                    .map(tp -> {
                                                        long[] edge = edges.getOrDefault(tp, new long[] {0, 0});
                                                        var commit = commits.get(tp);
                                                        return new PartitionOffsets(
                                                                tp.topic(),
                                                                tp.partition(),
                                                                commit == null
                                                                        ? PartitionLag.NO_COMMIT
                                                                        : commit.offset(),
                                                                edge[0],
                                                                edge[1],
                                                                found.getOrDefault(tp, PartitionOffsets.NONE));
                                                    })
                                                    .toList());
                        })
                        .thenApply(offsets -> ResetPlanner.plan(request, offsets)))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(explainGroupError(group, e)));
    }

    /** Commits the previewed offsets for {@code group}; the coordinator refuses while the group has members. */
    public CompletableFuture<Void> applyOffsetReset(String group, List<ResetRow> rows) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        rows.forEach(r -> offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.target())));
        LOG.info("Resetting the offsets of group {} on {} partition(s)", group, offsets.size());
        return session.withAdmin(
                        a -> stage(a.alterConsumerGroupOffsets(group, offsets).all()))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(explainGroupError(group, e)));
    }

    /** Deletes a consumer group and its committed offsets; the coordinator refuses while it has members. */
    public CompletableFuture<Void> deleteConsumerGroup(String group) {
        LOG.info("Deleting consumer group {}", group);
        return session.withAdmin(
                        a -> stage(a.deleteConsumerGroups(List.of(group)).all()))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(explainGroupError(group, e)));
    }

    /** Kafka's answers to "not while it has members" name protocol details; say what they mean. */
    private static Throwable explainGroupError(String group, Throwable failure) {
        Throwable cause = Failures.rootCause(failure);
        if (cause instanceof UnknownMemberIdException
                || cause instanceof GroupNotEmptyException
                || cause instanceof RebalanceInProgressException) {
            return new IllegalStateException(
                    "Group " + group + " has active members now. Kafka changes a group's"
                            + " offsets or deletes it only while the group is Empty: stop its consumers, then try again.",
                    cause);
        }
        if (cause instanceof GroupIdNotFoundException) {
            return new IllegalStateException("Group " + group + " no longer exists.", cause);
        }
        return cause;
    }
}
