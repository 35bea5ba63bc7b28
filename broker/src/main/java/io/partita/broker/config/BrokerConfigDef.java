package io.partita.broker.config;

import static io.partita.broker.config.BrokerConfig.*;

import io.partita.broker.log.LogStoreSettings;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * The one place each node property is declared: its Kafka name (the constants of {@link BrokerConfig}), type,
 * default, valid values and documentation, as Kafka's {@code KafkaConfig} declares them. {@link BrokerConfig}
 * reads a node's properties against it and gives the rest of the node typed values.
 */
final class BrokerConfigDef {
    private BrokerConfigDef() {}

    static ConfigDef define() {
        return new ConfigDef()
                .define(
                        BROKER_ID,
                        Type.INT,
                        0,
                        Range.atLeast(0),
                        Importance.HIGH,
                        "The id of this node; unique within the cluster.")
                .define(
                        BROKER_RACK,
                        Type.STRING,
                        null,
                        Importance.MEDIUM,
                        "The rack of this node, used for rack-aware replica assignment.")
                .define(
                        LISTENERS,
                        Type.STRING,
                        "PLAINTEXT://:9092",
                        Importance.HIGH,
                        "The listener this node binds, as PLAINTEXT://host:port. An empty host binds every interface;"
                                + " port 0 picks a free port.")
                .define(
                        ADVERTISED_LISTENERS,
                        Type.STRING,
                        null,
                        Importance.HIGH,
                        "The listener published to clients in metadata, if different from listeners.")
                .define(
                        LOG_DIRS,
                        Type.LIST,
                        null,
                        Importance.HIGH,
                        "The directory holding this node's LMDB environment (the first entry is used).")
                .define(
                        LOG_DIR,
                        Type.STRING,
                        "/tmp/partita-logs",
                        Importance.HIGH,
                        "The data directory, used when log.dirs is not set.")
                .define(
                        ZOOKEEPER_CONNECT,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        Importance.HIGH,
                        "ZooKeeper connection string host:port[,host:port][/chroot]. Partita keeps its znodes under"
                                + " /partita below it.")
                .define(
                        ZOOKEEPER_SESSION_TIMEOUT_MS,
                        Type.INT,
                        18_000,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "ZooKeeper session timeout: how long a dead node keeps its registration.")
                .define(
                        ZOOKEEPER_CONNECTION_TIMEOUT_MS,
                        Type.INT,
                        null,
                        Importance.HIGH,
                        "How long to wait for the first ZooKeeper connection; the session timeout when not set.")
                .define(
                        NUM_NETWORK_THREADS,
                        Type.INT,
                        3,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "Threads that read requests and write responses.")
                .define(
                        NUM_IO_THREADS,
                        Type.INT,
                        8,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "Threads for request work that may wait (ZooKeeper writes, admin operations).")
                .define(
                        SOCKET_REQUEST_MAX_BYTES,
                        Type.INT,
                        100 * 1024 * 1024,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "The largest request frame accepted; a larger one closes the connection.")
                .define(
                        SOCKET_SEND_BUFFER_BYTES,
                        Type.INT,
                        100 * 1024,
                        Importance.HIGH,
                        "SO_SNDBUF of client connections; -1 leaves it to the operating system.")
                .define(
                        SOCKET_RECEIVE_BUFFER_BYTES,
                        Type.INT,
                        100 * 1024,
                        Importance.HIGH,
                        "SO_RCVBUF of client connections; -1 leaves it to the operating system.")
                .define(
                        MAX_CONNECTIONS,
                        Type.INT,
                        Integer.MAX_VALUE,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "The most connections the node holds at once; while it holds that many it accepts no new one"
                                + " (clients wait) until one closes.")
                .define(
                        MAX_CONNECTIONS_PER_IP,
                        Type.INT,
                        Integer.MAX_VALUE,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "The most connections from one IP address; a connection past it is closed at once.")
                .define(
                        CONNECTIONS_MAX_IDLE_MS,
                        Type.LONG,
                        600_000L,
                        Importance.MEDIUM,
                        "Idle connections (nothing read or written, no request waiting) are closed after this long.")
                .define(
                        MESSAGE_MAX_BYTES,
                        Type.INT,
                        1024 * 1024 + 12,
                        Range.atLeast(0),
                        Importance.HIGH,
                        "The largest record batch accepted (the default of the topic config max.message.bytes).")
                .define(
                        NUM_PARTITIONS,
                        Type.INT,
                        1,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        "Partitions of an auto-created topic, or of a created one that does not say.")
                .define(
                        DEFAULT_REPLICATION_FACTOR,
                        Type.INT,
                        1,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        "Replication factor of an auto-created topic, or of a created one that does not say.")
                .define(
                        AUTO_CREATE_TOPICS_ENABLE,
                        Type.BOOLEAN,
                        true,
                        Importance.HIGH,
                        "Create a topic when a client first asks for its metadata.")
                .define(DELETE_TOPIC_ENABLE, Type.BOOLEAN, true, Importance.HIGH, "Allow deleting topics.")
                .define(
                        LOG_RETENTION_HOURS,
                        Type.INT,
                        168,
                        Importance.HIGH,
                        "Hours to keep data; overridden by log.retention.minutes and log.retention.ms.")
                .define(
                        LOG_RETENTION_MINUTES,
                        Type.INT,
                        null,
                        Importance.HIGH,
                        "Minutes to keep data; overridden by log.retention.ms.")
                .define(
                        LOG_RETENTION_MS,
                        Type.LONG,
                        null,
                        Importance.HIGH,
                        "Milliseconds to keep data; -1 keeps it forever.")
                .define(
                        LOG_RETENTION_BYTES,
                        Type.LONG,
                        -1L,
                        Importance.HIGH,
                        "The most bytes a partition keeps before old batches are deleted; -1 for no limit.")
                .define(
                        LOG_RETENTION_CHECK_INTERVAL_MS,
                        Type.LONG,
                        300_000L,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        "How often retention runs.")
                .define(
                        LOG_FLUSH_INTERVAL_MESSAGES,
                        Type.LONG,
                        Long.MAX_VALUE,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "Messages appended to a partition before the LMDB environment is synced to disk.")
                .define(
                        LOG_FLUSH_INTERVAL_MS,
                        Type.LONG,
                        null,
                        Importance.HIGH,
                        "Milliseconds a message may stay unsynced; log.flush.scheduler.interval.ms when not set.")
                .define(
                        LOG_FLUSH_SCHEDULER_INTERVAL_MS,
                        Type.LONG,
                        Long.MAX_VALUE,
                        Importance.HIGH,
                        "The default of log.flush.interval.ms.")
                .define(
                        LOG_SEGMENT_BYTES,
                        Type.INT,
                        1024 * 1024 * 1024,
                        Range.atLeast(14),
                        Importance.LOW,
                        "The default segment.bytes: the size at which a partition's virtual active segment rolls.")
                .define(
                        LOG_ROLL_MS,
                        Type.LONG,
                        null,
                        Importance.HIGH,
                        "The default segment.ms; log.roll.hours when not set.")
                .define(
                        LOG_ROLL_HOURS,
                        Type.INT,
                        168,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "Hours after which a partition's virtual active segment rolls; overridden by log.roll.ms.")
                .define(
                        LOG_CLEANER_ENABLE,
                        Type.BOOLEAN,
                        true,
                        Importance.MEDIUM,
                        "Run the log cleaner, which compacts topics whose cleanup.policy includes compact.")
                .define(
                        LOG_CLEANER_BACKOFF_MS,
                        Type.LONG,
                        15_000L,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "How long the cleaner sleeps when no log needs cleaning.")
                .define(
                        LOG_CLEANER_DEDUPE_BUFFER_SIZE,
                        Type.LONG,
                        128L * 1024 * 1024,
                        Importance.MEDIUM,
                        "Memory for the cleaner's key -> offset map; a pass maps at most this much of the dirty log.")
                .define(
                        LOG_CLEANER_IO_BUFFER_LOAD_FACTOR,
                        Type.DOUBLE,
                        0.9,
                        Importance.MEDIUM,
                        "How full the cleaner's key -> offset map may get.")
                .define(
                        LOG_CLEANER_MIN_CLEANABLE_RATIO,
                        Type.DOUBLE,
                        0.5,
                        Range.between(0, 1),
                        Importance.MEDIUM,
                        "The default min.cleanable.dirty.ratio.")
                .define(
                        LOG_CLEANER_MIN_COMPACTION_LAG_MS,
                        Type.LONG,
                        0L,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "The default min.compaction.lag.ms.")
                .define(
                        LOG_CLEANER_MAX_COMPACTION_LAG_MS,
                        Type.LONG,
                        Long.MAX_VALUE,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        "The default max.compaction.lag.ms.")
                .define(
                        LOG_CLEANUP_POLICY,
                        Type.LIST,
                        "delete",
                        ConfigDef.ValidList.in("delete", "compact"),
                        Importance.MEDIUM,
                        "The default cleanup policy of topics.")
                .define(
                        LOG_CLEANER_DELETE_RETENTION_MS,
                        Type.LONG,
                        86_400_000L,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "How long tombstones are kept in compacted topics.")
                .define(
                        LOG_MESSAGE_TIMESTAMP_TYPE,
                        Type.STRING,
                        "CreateTime",
                        ValidString.in("CreateTime", "LogAppendTime"),
                        Importance.MEDIUM,
                        "Whether record timestamps are the producer's or the broker's.")
                .define(
                        LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS,
                        Type.LONG,
                        Long.MAX_VALUE,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "How far in the past a CreateTime timestamp may be.")
                .define(
                        LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS,
                        Type.LONG,
                        3_600_000L,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "How far in the future a CreateTime timestamp may be.")
                .define(
                        COMPRESSION_TYPE,
                        Type.STRING,
                        "producer",
                        ValidString.in("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"),
                        Importance.HIGH,
                        "The codec of stored batches; 'producer' keeps what the producer sent.")
                .define(
                        MIN_INSYNC_REPLICAS,
                        Type.INT,
                        1,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "In-sync replicas an acks=all write needs.")
                .define(
                        UNCLEAN_LEADER_ELECTION_ENABLE,
                        Type.BOOLEAN,
                        false,
                        Importance.HIGH,
                        "Whether a replica outside the ISR may become leader, at the cost of losing data.")
                .define(
                        FETCH_MAX_BYTES,
                        Type.INT,
                        55 * 1024 * 1024,
                        Range.atLeast(1024),
                        Importance.MEDIUM,
                        "The most bytes one fetch response carries.")
                .define(
                        REQUEST_TIMEOUT_MS,
                        Type.INT,
                        30_000,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        "How long an admin operation waits for the cluster to reflect it.")
                .define(
                        CONTROLLED_SHUTDOWN_ENABLE,
                        Type.BOOLEAN,
                        true,
                        Importance.MEDIUM,
                        "Whether a node stopping cleanly first has the controller move its partition leaderships to"
                                + " other in-sync replicas, so clients do not wait for a failover.")
                .define(
                        CONTROLLED_SHUTDOWN_TIMEOUT_MS,
                        Type.LONG,
                        30_000L,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "How long a stopping node waits for its leaderships to move before it stops anyway. It takes"
                                + " the place of Kafka's controlled.shutdown.max.retries and"
                                + " controlled.shutdown.retry.backoff.ms: there is no request to retry, the node watches"
                                + " the metadata.")
                .define(
                        AUTO_LEADER_REBALANCE_ENABLE,
                        Type.BOOLEAN,
                        true,
                        Importance.HIGH,
                        "Enables auto leader balancing. The controller periodically checks the distribution of"
                                + " partition leaderships and moves leaderships back to preferred replicas where a"
                                + " node's imbalance exceeds leader.imbalance.per.broker.percentage.")
                .define(
                        LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS,
                        Type.LONG,
                        300L,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "The frequency with which the partition rebalance check is triggered by the controller.")
                .define(
                        LEADER_IMBALANCE_PER_BROKER_PERCENTAGE,
                        Type.INT,
                        10,
                        Range.atLeast(0),
                        Importance.HIGH,
                        "The ratio of leader imbalance allowed per broker, in percent. The controller triggers a"
                                + " leader balance if it goes above this value per broker.")
                .define(
                        LMDB_MAP_SIZE_BYTES,
                        Type.LONG,
                        64L * 1024 * 1024 * 1024,
                        Range.atLeast(1024 * 1024),
                        Importance.LOW,
                        "Initial LMDB map size (address space, not disk); grows when full.")
                .define(
                        LMDB_WRITEBACK_INTERVAL_MS,
                        Type.LONG,
                        LogStoreSettings.DEFAULT_WRITEBACK_INTERVAL_MS,
                        Range.atLeast(0),
                        Importance.LOW,
                        "How often the node hands the dirty pages of its data file to the disk, without waiting for "
                                + "it (Linux). Small steady batches keep a burst of old appends from stalling new "
                                + "commits; it is not a sync. 0 leaves writeback to the kernel.")
                .define(
                        LMDB_CHECKPOINT_INTERVAL_MS,
                        Type.LONG,
                        1_000L,
                        Range.atLeast(0),
                        Importance.LOW,
                        "How often the node syncs its LMDB environment and saves a checkpoint of it that a machine crash"
                                + " cannot damage: after a power cut or OS crash the node reopens that checkpoint whole"
                                + " and loses at most this interval of its own writes, which replication brings back."
                                + " 0 turns it off (a machine crash may then leave the data unreadable).")
                .define(
                        MAX_PARTITIONS,
                        Type.INT,
                        16_000,
                        Range.between(1, 1_000_000),
                        Importance.MEDIUM,
                        "The most partition replicas this node holds. Its LMDB environment is opened with room for that"
                                + " many (two databases each); CreateTopics, CreatePartitions and reassignments that would"
                                + " give it more are refused with a message saying so, and the node warns at 80 %.")
                .define(
                        REPLICA_LAG_TIME_MAX_MS,
                        Type.LONG,
                        30_000L,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "A follower that has not caught up with the leader's log end for this long leaves the ISR.")
                .define(
                        REPLICA_FETCH_WAIT_MAX_MS,
                        Type.INT,
                        500,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "How long a follower's fetch waits at the leader for data; below replica.lag.time.max.ms.")
                .define(
                        REPLICA_FETCH_MIN_BYTES,
                        Type.INT,
                        1,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        "The bytes a follower's fetch waits for before the leader answers.")
                .define(
                        REPLICA_FETCH_MAX_BYTES,
                        Type.INT,
                        1024 * 1024,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "The bytes a follower fetches per partition (at least one batch, whatever its size).")
                .define(
                        REPLICA_FETCH_RESPONSE_MAX_BYTES,
                        Type.INT,
                        10 * 1024 * 1024,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "The bytes a follower's whole fetch response carries at most.")
                .define(
                        REPLICA_FETCH_BACKOFF_MS,
                        Type.INT,
                        1_000,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "How long a follower pauses fetching a partition after an error.")
                .define(
                        REPLICA_SOCKET_TIMEOUT_MS,
                        Type.INT,
                        30_000,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        "The socket timeout of a follower's connection to its leader; above replica.fetch.wait.max.ms.")
                .define(
                        OFFSETS_TOPIC_NUM_PARTITIONS,
                        Type.INT,
                        50,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "The number of partitions of the offset commit topic (should not change after deployment).")
                .define(
                        OFFSETS_TOPIC_REPLICATION_FACTOR,
                        Type.SHORT,
                        null,
                        Importance.HIGH,
                        "The replication factor of the offsets topic. Unlike Kafka (default 3, refusing to create the"
                                + " topic on a smaller cluster), the default is the smaller of 3 and the live node count,"
                                + " so a one-node cluster has working consumer groups.")
                .define(
                        OFFSETS_RETENTION_MINUTES,
                        Type.INT,
                        7 * 24 * 60,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "After a consumer group loses all its consumers (i.e. becomes empty) its offsets will be kept"
                                + " for this retention period before getting discarded. For standalone consumers (using"
                                + " manual assignment), offsets will be expired after the time of last commit plus this"
                                + " retention period.")
                .define(
                        OFFSETS_RETENTION_CHECK_INTERVAL_MS,
                        Type.LONG,
                        600_000L,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "Frequency at which to check for stale offsets.")
                .define(
                        OFFSETS_COMMIT_TIMEOUT_MS,
                        Type.INT,
                        5_000,
                        Range.atLeast(1),
                        Importance.HIGH,
                        "Offset commit will be delayed until all replicas for the offsets topic receive the commit or"
                                + " this timeout is reached.")
                .define(
                        OFFSET_METADATA_MAX_BYTES,
                        Type.INT,
                        4096,
                        Importance.HIGH,
                        "The maximum size for a metadata entry associated with an offset commit.")
                .define(
                        GROUP_INITIAL_REBALANCE_DELAY_MS,
                        Type.INT,
                        3_000,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "The amount of time the group coordinator will wait for more consumers to join a new group"
                                + " before performing the first rebalance.")
                .define(
                        GROUP_MIN_SESSION_TIMEOUT_MS,
                        Type.INT,
                        6_000,
                        Importance.MEDIUM,
                        "The minimum allowed session timeout for registered consumers.")
                .define(
                        GROUP_MAX_SESSION_TIMEOUT_MS,
                        Type.INT,
                        1_800_000,
                        Importance.MEDIUM,
                        "The maximum allowed session timeout for registered consumers.")
                .define(
                        GROUP_MAX_SIZE,
                        Type.INT,
                        Integer.MAX_VALUE,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        "The maximum number of consumers that a single consumer group can accommodate.");
    }
}
