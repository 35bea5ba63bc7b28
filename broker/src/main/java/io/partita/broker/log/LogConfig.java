package io.partita.broker.log;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidList;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.TimestampType;

/** Topic-level configuration, Kafka's names and semantics, declared once with a ConfigDef. Immutable. */
public final class LogConfig {
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final String MAX_COMPACTION_LAG_MS = "max.compaction.lag.ms";

    public static final String CLEANUP_POLICY_DELETE = "delete";
    public static final String CLEANUP_POLICY_COMPACT = "compact";
    public static final String COMPRESSION_PRODUCER = "producer";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    RETENTION_MS,
                    Type.LONG,
                    604_800_000L,
                    Range.atLeast(-1),
                    Importance.MEDIUM,
                    "How long a batch is kept before it may be deleted; -1 keeps it forever.")
            .define(
                    RETENTION_BYTES,
                    Type.LONG,
                    -1L,
                    Importance.MEDIUM,
                    "How large the partition may grow before its oldest batches are deleted; -1 means no limit.")
            .define(
                    MAX_MESSAGE_BYTES,
                    Type.INT,
                    1_048_588,
                    Range.atLeast(0),
                    Importance.MEDIUM,
                    "The largest record batch size allowed.")
            .define(
                    MESSAGE_TIMESTAMP_TYPE,
                    Type.STRING,
                    TimestampType.CREATE_TIME.name,
                    ValidString.in(TimestampType.CREATE_TIME.name, TimestampType.LOG_APPEND_TIME.name),
                    Importance.MEDIUM,
                    "Whether record timestamps are the producer's (CreateTime) or the broker's (LogAppendTime).")
            .define(
                    COMPRESSION_TYPE,
                    Type.STRING,
                    COMPRESSION_PRODUCER,
                    ValidString.in(COMPRESSION_PRODUCER, "uncompressed", "gzip", "snappy", "lz4", "zstd"),
                    Importance.MEDIUM,
                    "The codec of stored batches; 'producer' keeps whatever the producer used.")
            .define(
                    CLEANUP_POLICY,
                    Type.LIST,
                    CLEANUP_POLICY_DELETE,
                    ValidList.in(CLEANUP_POLICY_COMPACT, CLEANUP_POLICY_DELETE),
                    Importance.MEDIUM,
                    "'delete' removes old batches by retention; 'compact' keeps the latest value per key.")
            .define(
                    MIN_INSYNC_REPLICAS,
                    Type.INT,
                    1,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    "The fewest in-sync replicas for an acks=all produce to succeed.")
            .define(
                    FLUSH_MESSAGES,
                    Type.LONG,
                    Long.MAX_VALUE,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    "Sync the environment to disk after this many messages appended to the partition.")
            .define(
                    FLUSH_MS,
                    Type.LONG,
                    Long.MAX_VALUE,
                    Range.atLeast(0),
                    Importance.MEDIUM,
                    "Sync the environment to disk when the partition's oldest unsynced message is this old.")
            .define(
                    UNCLEAN_LEADER_ELECTION_ENABLE,
                    Type.BOOLEAN,
                    false,
                    Importance.MEDIUM,
                    "Whether an out-of-sync replica may become leader as a last resort.")
            .define(
                    SEGMENT_BYTES,
                    Type.INT,
                    1_073_741_824,
                    Range.atLeast(14),
                    Importance.LOW,
                    "The size at which the partition's virtual active segment rolls; compaction never touches"
                            + " the active segment (LMDB storage has no segment files).")
            .define(
                    SEGMENT_MS,
                    Type.LONG,
                    604_800_000L,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    "The age at which the partition's virtual active segment rolls, so that compaction can"
                            + " reach its records even when it fills slowly.")
            .define(
                    MESSAGE_TIMESTAMP_BEFORE_MAX_MS,
                    Type.LONG,
                    Long.MAX_VALUE,
                    Range.atLeast(0),
                    Importance.MEDIUM,
                    "How far in the past a CreateTime timestamp may be.")
            .define(
                    MESSAGE_TIMESTAMP_AFTER_MAX_MS,
                    Type.LONG,
                    3_600_000L,
                    Range.atLeast(0),
                    Importance.MEDIUM,
                    "How far in the future a CreateTime timestamp may be.")
            .define(
                    DELETE_RETENTION_MS,
                    Type.LONG,
                    86_400_000L,
                    Range.atLeast(0),
                    Importance.MEDIUM,
                    "How long tombstones are kept on compacted topics.")
            .define(
                    MIN_CLEANABLE_DIRTY_RATIO,
                    Type.DOUBLE,
                    0.5,
                    Range.between(0, 1),
                    Importance.MEDIUM,
                    "The share of the log not yet compacted at which the cleaner compacts it.")
            .define(
                    MIN_COMPACTION_LAG_MS,
                    Type.LONG,
                    0L,
                    Range.atLeast(0),
                    Importance.MEDIUM,
                    "The least time a record stays uncompacted.")
            .define(
                    MAX_COMPACTION_LAG_MS,
                    Type.LONG,
                    Long.MAX_VALUE,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    "The longest time a record stays uncompacted, whatever the dirty ratio.");

    private static final LogConfig DEFAULTS = from(Map.of(), Map.of());

    private final Map<String, Object> values;
    private final Set<String> overriddenNames;
    private final TimestampType timestampType;

    private LogConfig(Map<String, Object> values, Set<String> overriddenNames) {
        this.values = Collections.unmodifiableMap(values);
        this.overriddenNames = Collections.unmodifiableSet(overriddenNames);
        this.timestampType = TimestampType.forName((String) values.get(MESSAGE_TIMESTAMP_TYPE));
    }

    public static ConfigDef configDef() {
        return CONFIG_DEF;
    }

    /** Kafka's defaults throughout. */
    public static LogConfig defaults() {
        return DEFAULTS;
    }

    /**
     * The effective configuration of a topic. {@code defaults} are the broker's derived defaults by topic-config
     * name (may be empty); {@code overrides} are the topic's own. Throws ConfigException on an unknown name or
     * a bad value.
     */
    public static LogConfig from(Map<String, ?> defaults, Map<String, ?> overrides) {
        rejectUnknown(defaults);
        rejectUnknown(overrides);
        Map<String, Object> merged = new HashMap<>(defaults);
        merged.putAll(overrides);
        Map<String, Object> parsed = new LinkedHashMap<>(CONFIG_DEF.parse(merged));
        long minLag = (Long) parsed.get(MIN_COMPACTION_LAG_MS);
        long maxLag = (Long) parsed.get(MAX_COMPACTION_LAG_MS);
        if (minLag > maxLag) {
            // Kafka's LogConfig.validateValues rule.
            throw new ConfigException("conflict topic config setting " + MIN_COMPACTION_LAG_MS + " (" + minLag + ") > "
                    + MAX_COMPACTION_LAG_MS + " (" + maxLag + ")");
        }
        return new LogConfig(parsed, new TreeSet<>(overrides.keySet()));
    }

    public static Set<String> names() {
        return CONFIG_DEF.names();
    }

    private static void rejectUnknown(Map<String, ?> configs) {
        for (String name : configs.keySet()) {
            if (!CONFIG_DEF.names().contains(name)) {
                throw new ConfigException("Unknown topic config name: " + name);
            }
        }
    }

    public long retentionMs() {
        return (Long) values.get(RETENTION_MS);
    }

    public long retentionBytes() {
        return (Long) values.get(RETENTION_BYTES);
    }

    public int maxMessageBytes() {
        return (Integer) values.get(MAX_MESSAGE_BYTES);
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    /** "producer", "uncompressed", "gzip", "snappy", "lz4" or "zstd". */
    public String compressionType() {
        return (String) values.get(COMPRESSION_TYPE);
    }

    @SuppressWarnings("unchecked")
    public List<String> cleanupPolicy() {
        return (List<String>) values.get(CLEANUP_POLICY);
    }

    public boolean deleteEnabled() {
        return cleanupPolicy().contains(CLEANUP_POLICY_DELETE);
    }

    public boolean compacted() {
        return cleanupPolicy().contains(CLEANUP_POLICY_COMPACT);
    }

    public int minInSyncReplicas() {
        return (Integer) values.get(MIN_INSYNC_REPLICAS);
    }

    public long flushMessages() {
        return (Long) values.get(FLUSH_MESSAGES);
    }

    public long flushMs() {
        return (Long) values.get(FLUSH_MS);
    }

    public boolean uncleanLeaderElectionEnable() {
        return (Boolean) values.get(UNCLEAN_LEADER_ELECTION_ENABLE);
    }

    public int segmentBytes() {
        return (Integer) values.get(SEGMENT_BYTES);
    }

    public long messageTimestampBeforeMaxMs() {
        return (Long) values.get(MESSAGE_TIMESTAMP_BEFORE_MAX_MS);
    }

    public long messageTimestampAfterMaxMs() {
        return (Long) values.get(MESSAGE_TIMESTAMP_AFTER_MAX_MS);
    }

    public long deleteRetentionMs() {
        return (Long) values.get(DELETE_RETENTION_MS);
    }

    public long segmentMs() {
        return (Long) values.get(SEGMENT_MS);
    }

    public double minCleanableDirtyRatio() {
        return (Double) values.get(MIN_CLEANABLE_DIRTY_RATIO);
    }

    public long minCompactionLagMs() {
        return (Long) values.get(MIN_COMPACTION_LAG_MS);
    }

    public long maxCompactionLagMs() {
        return (Long) values.get(MAX_COMPACTION_LAG_MS);
    }

    /** Every name with its effective value. */
    public Map<String, Object> values() {
        return values;
    }

    /** The names the topic set itself (as opposed to defaults). */
    public Set<String> overriddenNames() {
        return overriddenNames;
    }

    @Override
    public String toString() {
        return "LogConfig" + values;
    }
}
