package io.partita.app.client.topics;

import static io.partita.app.client.core.ClientSession.REQUEST_TIMEOUT_MS;
import static io.partita.app.client.core.ClientSession.stage;

import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.core.ClientSession;
import io.partita.app.client.core.Failures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Topics tab's requests: create, delete, add partitions, change configs, and the figures the list and the
 * detail pane show (sizes from DescribeLogDirs, record counts from ListOffsets, configs from DescribeConfigs).
 */
public final class TopicsClient {
    private static final Logger LOG = LoggerFactory.getLogger(TopicsClient.class);

    private final ClientSession session;

    public TopicsClient(ClientSession session) {
        this.session = session;
    }

    /** Creates a topic; fails with the cluster's own error (topic exists, invalid name, too few brokers…). */
    public CompletableFuture<Void> createTopic(String name, int partitions, short replicationFactor) {
        return session.withAdmin(a -> {
            LOG.info("Creating topic {} ({} partitions, replication factor {})", name, partitions, replicationFactor);
            return stage(a.createTopics(
                            List.of(new NewTopic(name, partitions, replicationFactor)),
                            new CreateTopicsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                    .all());
        });
    }

    /** Creates a topic with config overrides (e.g. retention.ms); fails with the cluster's own error. */
    public CompletableFuture<Void> createTopic(
            String name, int partitions, short replicationFactor, Map<String, String> configs) {
        return session.withAdmin(a -> {
            LOG.info(
                    "Creating topic {} ({} partitions, replication factor {}, configs {})",
                    name,
                    partitions,
                    replicationFactor,
                    configs);
            return stage(a.createTopics(
                            List.of(new NewTopic(name, partitions, replicationFactor).configs(configs)),
                            new CreateTopicsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                    .all());
        });
    }

    /**
     * Per topic of {@code partitions} (a snapshot just read, so every topic is not described again), its size (the
     * leader replicas' sizes from DescribeLogDirs) and record count (latest minus
     * earliest offset from ListOffsets). Each half may fail alone (a cluster that denies DescribeLogDirs still
     * counts records); a topic with any partition unaccounted for gets {@link io.partita.app.client.topics.TopicStats#UNKNOWN}.
     */
    public CompletableFuture<Map<String, TopicStats>> topicStats(List<PartitionRow> partitions) {
        // Thousands of partitions make thousands of request entries and per-partition futures: build them on a
        // background thread, not on the caller's (the FX thread).
        return session.withAdmin(a -> CompletableFuture.supplyAsync(() -> partitionStats(a, partitions), session.work())
                .thenCompose(stats -> stats));
    }

    private CompletableFuture<Map<String, TopicStats>> partitionStats(Admin a, List<PartitionRow> partitions) {
        Map<TopicPartition, Integer> leaders = new HashMap<>();
        Map<String, List<TopicPartition>> byTopic = new HashMap<>();
        for (PartitionRow row : partitions) {
            var tp = new TopicPartition(row.topic(), row.partition());
            byTopic.computeIfAbsent(row.topic(), t -> new ArrayList<>()).add(tp);
            if (row.leader() != PartitionRow.NO_LEADER) {
                leaders.put(tp, row.leader());
            }
        }
        return leaderSizes(a, leaders).thenCombine(offsetRanges(a, leaders.keySet()), (sizes, ranges) -> {
            Map<String, TopicStats> stats = new HashMap<>();
            byTopic.forEach((topic, tps) -> {
                long size = 0;
                long records = 0;
                for (var tp : tps) {
                    Long s = sizes.get(tp);
                    long[] range = ranges.get(tp);
                    size = size < 0 || s == null ? -1 : size + s;
                    records = records < 0 || range == null ? -1 : records + (range[1] - range[0]);
                }
                stats.put(topic, new TopicStats(size, records));
            });
            return stats;
        });
    }

    /** One topic's partitions (leader, replicas, ISR, offsets, size) and configs; configs may fail alone. */
    public CompletableFuture<TopicDetail> topicDetail(String topic) {
        return session.withAdmin(a -> stage(
                        a.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                                .allTopicNames())
                .thenCompose(found -> {
                    TopicDescription d = found.get(topic);
                    CompletableFuture<Map.Entry<List<TopicConfig>, String>> configs = topicConfigs(a, topic)
                            .<Map.Entry<List<TopicConfig>, String>>thenApply(c -> Map.entry(c, ""))
                            .exceptionally(e -> Map.entry(List.of(), Failures.describe(e)));
                    Map<TopicPartition, Integer> leaders = leaders(d);
                    return leaderSizes(a, leaders)
                            .thenCombine(
                                    offsetRanges(a, leaders.keySet()),
                                    (sizes, ranges) -> d.partitions().stream()
                                            .map(p -> {
                                                var tp = new TopicPartition(topic, p.partition());
                                                long[] range = ranges.get(tp);
                                                return new PartitionDetail(
                                                        p.partition(),
                                                        p.leader() == null
                                                                        || p.leader()
                                                                                .isEmpty()
                                                                ? PartitionDetail.NO_LEADER
                                                                : p.leader().id(),
                                                        p.replicas().stream()
                                                                .map(Node::id)
                                                                .toList(),
                                                        p.isr().stream()
                                                                .map(Node::id)
                                                                .toList(),
                                                        range == null ? -1 : range[0],
                                                        range == null ? -1 : range[1],
                                                        sizes.getOrDefault(tp, -1L));
                                            })
                                            .toList())
                            .thenCombine(
                                    configs,
                                    (rows, c) -> new TopicDetail(
                                            topic,
                                            d.isInternal() || topic.startsWith("__"),
                                            rows,
                                            c.getKey(),
                                            c.getValue()));
                }));
    }

    /** Deletes a topic and all its records. */
    public CompletableFuture<Void> deleteTopic(String topic) {
        return session.withAdmin(a -> {
            LOG.info("Deleting topic {}", topic);
            return stage(a.deleteTopics(List.of(topic), new DeleteTopicsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                    .all());
        });
    }

    /** Raises a topic's partition count to {@code newTotal} (Kafka never lowers it). */
    public CompletableFuture<Void> addPartitions(String topic, int newTotal) {
        return session.withAdmin(a -> {
            LOG.info("Raising topic {} to {} partitions", topic, newTotal);
            return stage(a.createPartitions(
                            Map.of(topic, NewPartitions.increaseTo(newTotal)),
                            new CreatePartitionsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                    .all());
        });
    }

    /** Sets some topic configs and resets others to their inherited value (IncrementalAlterConfigs). */
    public CompletableFuture<Void> alterTopicConfigs(String topic, Map<String, String> set, Collection<String> reset) {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        List<AlterConfigOp> ops = new ArrayList<>();
        set.forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
        reset.forEach(k -> ops.add(new AlterConfigOp(new ConfigEntry(k, null), AlterConfigOp.OpType.DELETE)));
        return session.withAdmin(a -> {
            LOG.info("Altering configs of topic {}: set {}, reset {}", topic, set, reset);
            return stage(a.incrementalAlterConfigs(
                            Map.of(resource, ops), new AlterConfigsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                    .all());
        });
    }

    private CompletableFuture<List<TopicConfig>> topicConfigs(Admin a, String topic) {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return stage(a.describeConfigs(
                                List.of(resource),
                                new DescribeConfigsOptions()
                                        .includeDocumentation(true)
                                        .timeoutMs(REQUEST_TIMEOUT_MS))
                        .all())
                .thenApply(all -> all.get(resource).entries().stream()
                        .map(e -> new TopicConfig(
                                e.name(),
                                e.value(),
                                e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG,
                                describeSource(e.source()),
                                e.isReadOnly(),
                                e.isSensitive(),
                                e.documentation() == null ? "" : e.documentation()))
                        .sorted(Comparator.comparing((TopicConfig c) -> !c.overridden())
                                .thenComparing(TopicConfig::name))
                        .toList());
    }

    private static String describeSource(ConfigEntry.ConfigSource source) {
        return switch (source) {
            case DYNAMIC_TOPIC_CONFIG -> "topic override";
            case DYNAMIC_BROKER_CONFIG, DYNAMIC_DEFAULT_BROKER_CONFIG, STATIC_BROKER_CONFIG -> "broker config";
            case DEFAULT_CONFIG -> "default";
            default -> source.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** The partitions of {@code d} that have a leader, with its id. */
    private static Map<TopicPartition, Integer> leaders(TopicDescription d) {
        Map<TopicPartition, Integer> leaders = new HashMap<>();
        d.partitions().stream()
                .filter(p -> p.leader() != null && !p.leader().isEmpty())
                .forEach(p -> leaders.put(
                        new TopicPartition(d.name(), p.partition()), p.leader().id()));
        return leaders;
    }

    /**
     * Each partition's size on its leader, from DescribeLogDirs sent to the leaders. A broker that fails to answer
     * leaves its partitions out (unknown) instead of failing the whole map.
     */
    private CompletableFuture<Map<TopicPartition, Long>> leaderSizes(Admin a, Map<TopicPartition, Integer> leaders) {
        if (leaders.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        var perBroker = a.describeLogDirs(
                        Set.copyOf(leaders.values()), new DescribeLogDirsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
                .descriptions();
        Map<TopicPartition, Long> sizes = new ConcurrentHashMap<>();
        CompletableFuture<?>[] answers = perBroker.entrySet().stream()
                .map(e -> stage(e.getValue()).handle((dirs, failure) -> {
                    if (failure != null) {
                        LOG.debug("No log dirs from broker {}: {}", e.getKey(), Failures.describe(failure));
                        return null;
                    }
                    // A JBOD broker lists a partition under one dir (plus a "future" copy while it moves): count the
                    // current one.
                    dirs.values()
                            .forEach(dir -> dir.replicaInfos().forEach((tp, info) -> {
                                if (!info.isFuture() && e.getKey().equals(leaders.get(tp))) {
                                    sizes.merge(tp, info.size(), Long::sum);
                                }
                            }));
                    return null;
                }))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(answers).thenApply(v -> sizes);
    }

    /**
     * Each partition's earliest and latest offset ({@code [start, end]}); for a client, Kafka's "latest" is the high
     * watermark. Partitions without a leader or whose request failed are left out (unknown).
     */
    private CompletableFuture<Map<TopicPartition, long[]>> offsetRanges(Admin a, Collection<TopicPartition> led) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        led.forEach(tp -> {
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        });
        if (earliest.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        var options = new ListOffsetsOptions().timeoutMs(REQUEST_TIMEOUT_MS);
        var starts = a.listOffsets(earliest, options);
        var ends = a.listOffsets(latest, options);
        Map<TopicPartition, long[]> ranges = new ConcurrentHashMap<>();
        CompletableFuture<?>[] answers = earliest.keySet().stream()
                .map(tp -> stage(starts.partitionResult(tp))
                        .thenCombine(
                                stage(ends.partitionResult(tp)),
                                (s, e) -> ranges.put(tp, new long[] {s.offset(), e.offset()}))
                        .handle((v, failure) -> null))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(answers).thenApply(v -> ranges);
    }
}
