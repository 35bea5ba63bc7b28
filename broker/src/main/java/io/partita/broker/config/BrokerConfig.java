package io.partita.broker.config;

import io.partita.broker.group.GroupConfig;
import io.partita.broker.log.LogCleanerSettings;
import io.partita.broker.log.LogConfig;
import io.partita.broker.replication.ReplicationSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;

/**
 * A node's configuration. Every property is declared once ({@link BrokerConfigDef}), with Apache Kafka's name,
 * default and meaning, so that a user's {@code server.properties} habits carry over. Topic-level defaults are derived
 * from the {@code log.*} properties exactly as Kafka derives them ({@link #topicDefaults()}).
 */
public final class BrokerConfig extends AbstractConfig {

    public static final String BROKER_ID = "broker.id";
    public static final String BROKER_RACK = "broker.rack";
    public static final String LISTENERS = "listeners";
    public static final String ADVERTISED_LISTENERS = "advertised.listeners";
    public static final String LOG_DIRS = "log.dirs";
    public static final String LOG_DIR = "log.dir";
    public static final String ZOOKEEPER_CONNECT = "zookeeper.connect";
    public static final String ZOOKEEPER_SESSION_TIMEOUT_MS = "zookeeper.session.timeout.ms";
    public static final String ZOOKEEPER_CONNECTION_TIMEOUT_MS = "zookeeper.connection.timeout.ms";
    public static final String NUM_NETWORK_THREADS = "num.network.threads";
    public static final String NUM_IO_THREADS = "num.io.threads";
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    public static final String MAX_CONNECTIONS = "max.connections";
    public static final String MAX_CONNECTIONS_PER_IP = "max.connections.per.ip";
    public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
    public static final String DELETE_TOPIC_ENABLE = "delete.topic.enable";
    public static final String LOG_RETENTION_HOURS = "log.retention.hours";
    public static final String LOG_RETENTION_MINUTES = "log.retention.minutes";
    public static final String LOG_RETENTION_MS = "log.retention.ms";
    public static final String LOG_RETENTION_BYTES = "log.retention.bytes";
    public static final String LOG_RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final String LOG_FLUSH_INTERVAL_MESSAGES = "log.flush.interval.messages";
    public static final String LOG_FLUSH_INTERVAL_MS = "log.flush.interval.ms";
    public static final String LOG_FLUSH_SCHEDULER_INTERVAL_MS = "log.flush.scheduler.interval.ms";
    public static final String LOG_SEGMENT_BYTES = "log.segment.bytes";
    public static final String LOG_CLEANUP_POLICY = "log.cleanup.policy";
    public static final String LOG_CLEANER_DELETE_RETENTION_MS = "log.cleaner.delete.retention.ms";
    public static final String LOG_ROLL_MS = "log.roll.ms";
    public static final String LOG_ROLL_HOURS = "log.roll.hours";
    public static final String LOG_CLEANER_ENABLE = "log.cleaner.enable";
    public static final String LOG_CLEANER_BACKOFF_MS = "log.cleaner.backoff.ms";
    public static final String LOG_CLEANER_DEDUPE_BUFFER_SIZE = "log.cleaner.dedupe.buffer.size";
    public static final String LOG_CLEANER_IO_BUFFER_LOAD_FACTOR = "log.cleaner.io.buffer.load.factor";
    public static final String LOG_CLEANER_MIN_CLEANABLE_RATIO = "log.cleaner.min.cleanable.ratio";
    public static final String LOG_CLEANER_MIN_COMPACTION_LAG_MS = "log.cleaner.min.compaction.lag.ms";
    public static final String LOG_CLEANER_MAX_COMPACTION_LAG_MS = "log.cleaner.max.compaction.lag.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_TYPE = "log.message.timestamp.type";
    public static final String LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "log.message.timestamp.before.max.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS = "log.message.timestamp.after.max.ms";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    public static final String FETCH_MAX_BYTES = "fetch.max.bytes";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String CONTROLLED_SHUTDOWN_ENABLE = "controlled.shutdown.enable";
    public static final String CONTROLLED_SHUTDOWN_TIMEOUT_MS = "partita.controlled.shutdown.timeout.ms";
    public static final String AUTO_LEADER_REBALANCE_ENABLE = "auto.leader.rebalance.enable";
    public static final String LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS = "leader.imbalance.check.interval.seconds";
    public static final String LEADER_IMBALANCE_PER_BROKER_PERCENTAGE = "leader.imbalance.per.broker.percentage";
    public static final String LMDB_MAP_SIZE_BYTES = "partita.lmdb.map.size.bytes";
    public static final String LMDB_WRITEBACK_INTERVAL_MS = "partita.lmdb.writeback.interval.ms";
    public static final String MAX_PARTITIONS = "partita.max.partitions";
    public static final String LMDB_CHECKPOINT_INTERVAL_MS = "partita.lmdb.checkpoint.interval.ms";
    public static final String REPLICA_LAG_TIME_MAX_MS = "replica.lag.time.max.ms";
    public static final String REPLICA_FETCH_WAIT_MAX_MS = "replica.fetch.wait.max.ms";
    public static final String REPLICA_FETCH_MIN_BYTES = "replica.fetch.min.bytes";
    public static final String REPLICA_FETCH_MAX_BYTES = "replica.fetch.max.bytes";
    public static final String REPLICA_FETCH_RESPONSE_MAX_BYTES = "replica.fetch.response.max.bytes";
    public static final String REPLICA_FETCH_BACKOFF_MS = "replica.fetch.backoff.ms";
    public static final String REPLICA_SOCKET_TIMEOUT_MS = "replica.socket.timeout.ms";
    public static final String OFFSETS_TOPIC_NUM_PARTITIONS = "offsets.topic.num.partitions";
    public static final String OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";
    public static final String OFFSETS_COMMIT_TIMEOUT_MS = "offsets.commit.timeout.ms";
    public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String GROUP_MAX_SIZE = "group.max.size";

    private static final ConfigDef CONFIG = BrokerConfigDef.define();

    public BrokerConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
        UnsupportedProperties.refuseSecurity(props);
        listener();
        advertisedListener();
    }

    public static ConfigDef configDef() {
        return CONFIG;
    }

    /** Logs each supplied property this node does not know, in Kafka's words (once, as a node starts). */
    public void logUnknown(Logger log) {
        UnsupportedProperties.logUnknown(originals(), CONFIG.names(), log);
    }

    public int brokerId() {
        return getInt(BROKER_ID);
    }

    public Optional<String> rack() {
        return Optional.ofNullable(getString(BROKER_RACK));
    }

    public Listener listener() {
        return Listener.parse(LISTENERS, getString(LISTENERS));
    }

    /** What clients are told; the bound listener when no advertised one is set. */
    public Listener advertisedListener() {
        String advertised = getString(ADVERTISED_LISTENERS);
        return advertised == null ? listener() : Listener.parse(ADVERTISED_LISTENERS, advertised);
    }

    public Path dataDir() {
        List<String> dirs = getList(LOG_DIRS);
        return Path.of(dirs == null || dirs.isEmpty() ? getString(LOG_DIR) : dirs.get(0));
    }

    public String zookeeperConnect() {
        return getString(ZOOKEEPER_CONNECT);
    }

    public int zookeeperSessionTimeoutMs() {
        return getInt(ZOOKEEPER_SESSION_TIMEOUT_MS);
    }

    public int zookeeperConnectionTimeoutMs() {
        Integer timeout = getInt(ZOOKEEPER_CONNECTION_TIMEOUT_MS);
        return timeout == null ? zookeeperSessionTimeoutMs() : timeout;
    }

    public int networkThreads() {
        return getInt(NUM_NETWORK_THREADS);
    }

    public int ioThreads() {
        return getInt(NUM_IO_THREADS);
    }

    public int socketRequestMaxBytes() {
        return getInt(SOCKET_REQUEST_MAX_BYTES);
    }

    public int socketSendBufferBytes() {
        return getInt(SOCKET_SEND_BUFFER_BYTES);
    }

    public int socketReceiveBufferBytes() {
        return getInt(SOCKET_RECEIVE_BUFFER_BYTES);
    }

    public int maxConnections() {
        return getInt(MAX_CONNECTIONS);
    }

    public int maxConnectionsPerIp() {
        return getInt(MAX_CONNECTIONS_PER_IP);
    }

    public long connectionsMaxIdleMs() {
        return getLong(CONNECTIONS_MAX_IDLE_MS);
    }

    public int numPartitions() {
        return getInt(NUM_PARTITIONS);
    }

    public short defaultReplicationFactor() {
        return getInt(DEFAULT_REPLICATION_FACTOR).shortValue();
    }

    public boolean autoCreateTopics() {
        return getBoolean(AUTO_CREATE_TOPICS_ENABLE);
    }

    public boolean deleteTopicEnable() {
        return getBoolean(DELETE_TOPIC_ENABLE);
    }

    public int fetchMaxBytes() {
        return getInt(FETCH_MAX_BYTES);
    }

    public int requestTimeoutMs() {
        return getInt(REQUEST_TIMEOUT_MS);
    }

    public ReplicationSettings replication() {
        return new ReplicationSettings(
                getLong(REPLICA_LAG_TIME_MAX_MS),
                getInt(REPLICA_FETCH_WAIT_MAX_MS),
                getInt(REPLICA_FETCH_MIN_BYTES),
                getInt(REPLICA_FETCH_MAX_BYTES),
                getInt(REPLICA_FETCH_RESPONSE_MAX_BYTES),
                getInt(REPLICA_FETCH_BACKOFF_MS),
                getInt(REPLICA_SOCKET_TIMEOUT_MS));
    }

    /** The group coordinator's settings; the offsets topic's replication factor is resolved against the cluster. */
    public GroupConfig groups() {
        Short rf = getShort(OFFSETS_TOPIC_REPLICATION_FACTOR);
        return new GroupConfig(
                getInt(OFFSETS_TOPIC_NUM_PARTITIONS),
                rf == null ? -1 : rf,
                getInt(OFFSETS_RETENTION_MINUTES) * 60_000L,
                getLong(OFFSETS_RETENTION_CHECK_INTERVAL_MS),
                getInt(OFFSETS_COMMIT_TIMEOUT_MS),
                getInt(OFFSET_METADATA_MAX_BYTES),
                getInt(GROUP_INITIAL_REBALANCE_DELAY_MS),
                getInt(GROUP_MIN_SESSION_TIMEOUT_MS),
                getInt(GROUP_MAX_SESSION_TIMEOUT_MS),
                getInt(GROUP_MAX_SIZE));
    }

    public long retentionCheckIntervalMs() {
        return getLong(LOG_RETENTION_CHECK_INTERVAL_MS);
    }

    public long flushIntervalMessages() {
        return getLong(LOG_FLUSH_INTERVAL_MESSAGES);
    }

    public long flushIntervalMs() {
        Long ms = getLong(LOG_FLUSH_INTERVAL_MS);
        return ms == null ? getLong(LOG_FLUSH_SCHEDULER_INTERVAL_MS) : ms;
    }

    public boolean controlledShutdownEnable() {
        return getBoolean(CONTROLLED_SHUTDOWN_ENABLE);
    }

    public long controlledShutdownTimeoutMs() {
        return getLong(CONTROLLED_SHUTDOWN_TIMEOUT_MS);
    }

    public boolean autoLeaderRebalanceEnable() {
        return getBoolean(AUTO_LEADER_REBALANCE_ENABLE);
    }

    public long leaderImbalanceCheckIntervalMs() {
        return getLong(LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS) * 1000;
    }

    public int leaderImbalancePerBrokerPercentage() {
        return getInt(LEADER_IMBALANCE_PER_BROKER_PERCENTAGE);
    }

    public long lmdbMapSizeBytes() {
        return getLong(LMDB_MAP_SIZE_BYTES);
    }

    public int maxPartitions() {
        return getInt(MAX_PARTITIONS);
    }

    public long lmdbCheckpointIntervalMs() {
        return getLong(LMDB_CHECKPOINT_INTERVAL_MS);
    }

    public long lmdbWritebackIntervalMs() {
        return getLong(LMDB_WRITEBACK_INTERVAL_MS);
    }

    /** Kafka's precedence: log.roll.ms, then log.roll.hours. */
    public long rollMs() {
        Long ms = getLong(LOG_ROLL_MS);
        return ms != null ? ms : getInt(LOG_ROLL_HOURS) * 3_600_000L;
    }

    public LogCleanerSettings cleaner() {
        return new LogCleanerSettings(
                getBoolean(LOG_CLEANER_ENABLE),
                getLong(LOG_CLEANER_BACKOFF_MS),
                getLong(LOG_CLEANER_DEDUPE_BUFFER_SIZE),
                getDouble(LOG_CLEANER_IO_BUFFER_LOAD_FACTOR));
    }

    /** Kafka's precedence: log.retention.ms, then .minutes, then .hours. */
    public long retentionMs() {
        Long ms = getLong(LOG_RETENTION_MS);
        if (ms != null) {
            return ms < 0 ? -1 : ms;
        }
        Integer minutes = getInt(LOG_RETENTION_MINUTES);
        if (minutes != null) {
            return minutes < 0 ? -1 : minutes * 60_000L;
        }
        int hours = getInt(LOG_RETENTION_HOURS);
        return hours < 0 ? -1 : hours * 3_600_000L;
    }

    /** The broker-wide defaults of topic configs, keyed by the topic config name. */
    public Map<String, Object> topicDefaults() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(LogConfig.RETENTION_MS, retentionMs());
        defaults.put(LogConfig.RETENTION_BYTES, getLong(LOG_RETENTION_BYTES));
        defaults.put(LogConfig.MAX_MESSAGE_BYTES, getInt(MESSAGE_MAX_BYTES));
        defaults.put(LogConfig.MESSAGE_TIMESTAMP_TYPE, getString(LOG_MESSAGE_TIMESTAMP_TYPE));
        defaults.put(LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS, getLong(LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS));
        defaults.put(LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS, getLong(LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS));
        defaults.put(LogConfig.COMPRESSION_TYPE, getString(COMPRESSION_TYPE));
        defaults.put(LogConfig.CLEANUP_POLICY, String.join(",", getList(LOG_CLEANUP_POLICY)));
        defaults.put(LogConfig.MIN_INSYNC_REPLICAS, getInt(MIN_INSYNC_REPLICAS));
        defaults.put(LogConfig.FLUSH_MESSAGES, flushIntervalMessages());
        defaults.put(LogConfig.FLUSH_MS, flushIntervalMs());
        defaults.put(LogConfig.UNCLEAN_LEADER_ELECTION_ENABLE, getBoolean(UNCLEAN_LEADER_ELECTION_ENABLE));
        defaults.put(LogConfig.SEGMENT_BYTES, getInt(LOG_SEGMENT_BYTES));
        defaults.put(LogConfig.DELETE_RETENTION_MS, getLong(LOG_CLEANER_DELETE_RETENTION_MS));
        defaults.put(LogConfig.SEGMENT_MS, rollMs());
        defaults.put(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, getDouble(LOG_CLEANER_MIN_CLEANABLE_RATIO));
        defaults.put(LogConfig.MIN_COMPACTION_LAG_MS, getLong(LOG_CLEANER_MIN_COMPACTION_LAG_MS));
        defaults.put(LogConfig.MAX_COMPACTION_LAG_MS, getLong(LOG_CLEANER_MAX_COMPACTION_LAG_MS));
        return defaults;
    }

    /** Which broker property supplies the default of a topic config (for DescribeConfigs synonyms). */
    public static Optional<String> brokerSynonym(String topicConfig) {
        return Optional.ofNullable(
                switch (topicConfig) {
                    case LogConfig.RETENTION_MS -> LOG_RETENTION_MS;
                    case LogConfig.RETENTION_BYTES -> LOG_RETENTION_BYTES;
                    case LogConfig.MAX_MESSAGE_BYTES -> MESSAGE_MAX_BYTES;
                    case LogConfig.MESSAGE_TIMESTAMP_TYPE -> LOG_MESSAGE_TIMESTAMP_TYPE;
                    case LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS -> LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS;
                    case LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS -> LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS;
                    case LogConfig.COMPRESSION_TYPE -> COMPRESSION_TYPE;
                    case LogConfig.CLEANUP_POLICY -> LOG_CLEANUP_POLICY;
                    case LogConfig.MIN_INSYNC_REPLICAS -> MIN_INSYNC_REPLICAS;
                    case LogConfig.FLUSH_MESSAGES -> LOG_FLUSH_INTERVAL_MESSAGES;
                    case LogConfig.FLUSH_MS -> LOG_FLUSH_INTERVAL_MS;
                    case LogConfig.UNCLEAN_LEADER_ELECTION_ENABLE -> UNCLEAN_LEADER_ELECTION_ENABLE;
                    case LogConfig.SEGMENT_BYTES -> LOG_SEGMENT_BYTES;
                    case LogConfig.DELETE_RETENTION_MS -> LOG_CLEANER_DELETE_RETENTION_MS;
                    case LogConfig.SEGMENT_MS -> LOG_ROLL_MS;
                    case LogConfig.MIN_CLEANABLE_DIRTY_RATIO -> LOG_CLEANER_MIN_CLEANABLE_RATIO;
                    case LogConfig.MIN_COMPACTION_LAG_MS -> LOG_CLEANER_MIN_COMPACTION_LAG_MS;
                    case LogConfig.MAX_COMPACTION_LAG_MS -> LOG_CLEANER_MAX_COMPACTION_LAG_MS;
                    default -> null;
                });
    }

    /** A PLAINTEXT listener: the only security protocol the broker speaks so far. */
    public record Listener(String host, int port) {
        static Listener parse(String property, String value) {
            String trimmed = value.trim();
            String prefix = "PLAINTEXT://";
            if (!trimmed.startsWith(prefix) || trimmed.contains(",")) {
                throw new ConfigException(property, value, "expected one listener of the form PLAINTEXT://host:port");
            }
            String hostPort = trimmed.substring(prefix.length());
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new ConfigException(property, value, "missing :port");
            }
            try {
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    throw new ConfigException(property, value, "port out of range");
                }
                String host = hostPort.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                return new Listener(host, port);
            } catch (NumberFormatException e) {
                throw new ConfigException(property, value, "port is not a number");
            }
        }
    }
}
