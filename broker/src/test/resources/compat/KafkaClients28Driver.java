import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Drives kafka-clients 2.8 (whatever is on this JVM's classpath) against a broker, for
 * io.partita.broker.compat.KafkaClients28CompatibilityTest. Run as a single-file source program:
 *
 * <pre>
 * java -cp &lt;kafka-clients 2.8 jars&gt; KafkaClients28Driver.java \
 *     &lt;bootstrap&gt; &lt;topic written by the new client&gt; &lt;its record count&gt;
 * </pre>
 *
 * Every step runs even when an earlier one failed (each uses its own topic where it can). A step prints
 * {@code RESULT key=value} lines for the test to check, or {@code FAIL step: stack trace}. The exit status is
 * the number of failed steps. The driver checks nothing itself beyond what it needs to go on; every client
 * call has a deadline.
 */
public final class KafkaClients28Driver {
    static final String DATA = "compat28-data";
    static final String GROWN = "compat28-grown";
    static final String DOOMED = "compat28-doomed";
    static final int PER_PARTITION = 60;
    static final long BASE_TIME = 1_600_000_000_000L;
    static final Duration DEADLINE = Duration.ofSeconds(20);

    static String bootstrap;
    static int failures;

    interface Step {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        bootstrap = args[0];
        String fromNewClient = args[1];
        int fromNewClientCount = Integer.parseInt(args[2]);
        result("client.version", AppInfoParser.getVersion());
        try (Admin admin = Admin.create(adminProps())) {
            step("describeCluster", () -> describeCluster(admin));
            step("createTopics", () -> createTopics(admin));
            step("listTopics", () -> result("listTopics", String.join(",", new TreeMap<>(admin.listTopics().namesToListings()
                    .get(20, TimeUnit.SECONDS)).keySet())));
            step("describeTopics", () -> describeTopics(admin));
            step("describeConfigs", () -> describeConfigs(admin));
            step("incrementalAlterConfigs", () -> incrementalAlterConfigs(admin));
            step("createPartitions", () -> createPartitions(admin));
            step("produce.acks1.none", () -> produce("acks1.none", 0, Map.of(ProducerConfig.ACKS_CONFIG, "1",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false", ProducerConfig.COMPRESSION_TYPE_CONFIG, "none")));
            step("produce.acksAll.idempotent.lz4", () -> produce("acksAll.idempotent.lz4", 1, Map.of(
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")));
            step("produce.acksAll.idempotent.zstd", () -> produce("acksAll.idempotent.zstd", 2, Map.of(
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")));
            step("produce.acks1.snappy", () -> produce("acks1.snappy", 3, Map.of(ProducerConfig.ACKS_CONFIG, "1",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false", ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy")));
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps())) {
                step("consume.fromBeginning", () -> consumeFromBeginning(consumer));
                step("consume.fromNewClient", () -> consumeFromNewClient(consumer, fromNewClient, fromNewClientCount));
                step("consume.offsetsForTimes", () -> offsetsForTimes(consumer));
                step("consume.seekToEnd", () -> seekToEnd(consumer));
                step("listOffsets", () -> listOffsets(admin));
                step("deleteRecords", () -> deleteRecords(admin, consumer));
            }
            step("group.subscribeAndCommit", () -> groupSubscribeAndCommit(admin, fromNewClient, fromNewClientCount));
            step("describeLogDirs", () -> describeLogDirs(admin));
            step("deleteTopics", () -> deleteTopics(admin));
        }
        System.out.println("DONE failures=" + failures);
        System.out.flush();
        System.exit(Math.min(failures, 100));
    }

    // ---- admin -------------------------------------------------------------------------------------------------

    static void describeCluster(Admin admin) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster();
        result("describeCluster.clusterId", cluster.clusterId().get(20, TimeUnit.SECONDS));
        result("describeCluster.controller", cluster.controller().get(20, TimeUnit.SECONDS).id());
        result("describeCluster.nodes", cluster.nodes().get(20, TimeUnit.SECONDS).stream()
                .map(n -> n.id() + "@" + n.host() + ":" + n.port()).sorted().collect(Collectors.joining(",")));
    }

    static void createTopics(Admin admin) throws Exception {
        CreateTopicsResult created = admin.createTopics(List.of(
                new NewTopic(DATA, 4, (short) 1).configs(Map.of("retention.ms", "3600000", "cleanup.policy", "delete")),
                new NewTopic(GROWN, 1, (short) 1).configs(Map.of("max.message.bytes", "500000")),
                new NewTopic(DOOMED, 2, (short) 1)));
        created.all().get(20, TimeUnit.SECONDS);
        result("createTopics.numPartitions", created.numPartitions(DATA).get());
        result("createTopics.replicationFactor", created.replicationFactor(DATA).get());
        result("createTopics.topicIdSet", !created.topicId(DATA).get().equals(org.apache.kafka.common.Uuid.ZERO_UUID));
        result("createTopics.config.retention.ms", created.config(DATA).get().get("retention.ms").value());
        result("createTopics.config.max.message.bytes", created.config(GROWN).get().get("max.message.bytes").value());
        result("createTopics.duplicate", failure(() -> admin.createTopics(List.of(new NewTopic(DATA, 1, (short) 1)))
                .all().get(20, TimeUnit.SECONDS)));
        result("createTopics.badConfig", failure(() -> admin.createTopics(List.of(new NewTopic("compat28-bad", 1, (short) 1)
                .configs(Map.of("retention.ms", "soon"))))
                .all().get(20, TimeUnit.SECONDS)));
        result("createTopics.tooManyReplicas", failure(() -> admin.createTopics(
                List.of(new NewTopic("compat28-bad", 1, (short) 3)))
                .all().get(20, TimeUnit.SECONDS)));
    }

    static void describeTopics(Admin admin) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(DATA)).all().get(20, TimeUnit.SECONDS).get(DATA);
        result("describeTopics.partitions", description.partitions().size());
        result("describeTopics.internal", description.isInternal());
        result("describeTopics.leaders", description.partitions().stream()
                .map(p -> p.partition() + ":" + p.leader().id() + ":" + ids(p.replicas()) + ":" + ids(p.isr()))
                .collect(Collectors.joining(",")));
    }

    static String ids(List<org.apache.kafka.common.Node> nodes) {
        return nodes.stream().map(n -> String.valueOf(n.id())).collect(Collectors.joining("/"));
    }

    static void describeConfigs(Admin admin) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, DATA);
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "0");
        Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(topic, broker)).all().get(20, TimeUnit.SECONDS);
        ConfigEntry retention = configs.get(topic).get("retention.ms");
        result("describeConfigs.topic.retention.ms", retention.value() + ":" + retention.source());
        ConfigEntry segment = configs.get(topic).get("max.message.bytes");
        result("describeConfigs.topic.max.message.bytes",
                segment == null ? "absent" : segment.value() + ":" + segment.source());
        result("describeConfigs.unknownTopic", failure(() -> admin.describeConfigs(List.of(
                new ConfigResource(ConfigResource.Type.TOPIC, "compat28-never-was"))).all().get(20, TimeUnit.SECONDS)));
        ConfigEntry maxBytes = configs.get(broker).get("message.max.bytes");
        result("describeConfigs.broker.message.max.bytes", maxBytes == null ? "absent" : maxBytes.value());
        result("describeConfigs.broker.entries", configs.get(broker).entries().size() > 0);
    }

    static void incrementalAlterConfigs(Admin admin) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, DATA);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(
                new AlterConfigOp(new ConfigEntry("retention.ms", "7200000"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", ""), AlterConfigOp.OpType.DELETE))))
                .all().get(20, TimeUnit.SECONDS);
        // The node applies config changes through its ZooKeeper watch, so a describe may briefly show the old
        // values (as a KRaft broker's metadata cache may): read until the change shows, or the deadline.
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Config config;
        do {
            config = admin.describeConfigs(List.of(topic)).all().get(20, TimeUnit.SECONDS).get(topic);
        } while (!(config.get("retention.ms").value().equals("7200000")
                && config.get("cleanup.policy").source() == ConfigEntry.ConfigSource.DEFAULT_CONFIG)
                && System.nanoTime() < deadline && pause());
        ConfigEntry retention = config.get("retention.ms");
        ConfigEntry cleanup = config.get("cleanup.policy");
        result("incrementalAlterConfigs.retention.ms", retention.value() + ":" + retention.source());
        result("incrementalAlterConfigs.cleanup.policy", cleanup.value() + ":" + cleanup.source());
        result("incrementalAlterConfigs.invalid", failure(() -> admin.incrementalAlterConfigs(Map.of(topic, List.of(
                    new AlterConfigOp(new ConfigEntry("retention.ms", "not-a-number"), AlterConfigOp.OpType.SET))))
                    .all().get(20, TimeUnit.SECONDS)));
    }

    static void createPartitions(Admin admin) throws Exception {
        admin.createPartitions(Map.of(GROWN, NewPartitions.increaseTo(3))).all().get(20, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int seen;
        do {
            seen = admin.describeTopics(List.of(GROWN)).all().get(20, TimeUnit.SECONDS).get(GROWN).partitions().size();
        } while (seen != 3 && System.nanoTime() < deadline && pause());
        result("createPartitions.partitions", seen);
        result("createPartitions.shrink", failure(() -> admin.createPartitions(Map.of(GROWN, NewPartitions.increaseTo(2)))
                .all().get(20, TimeUnit.SECONDS)));
    }

    static void listOffsets(Admin admin) throws Exception {
        TopicPartition p0 = new TopicPartition(DATA, 0);
        TopicPartition p1 = new TopicPartition(DATA, 1);
        ListOffsetsResult earliest = admin.listOffsets(Map.of(p0, OffsetSpec.earliest(), p1, OffsetSpec.earliest()));
        ListOffsetsResult latest = admin.listOffsets(Map.of(p0, OffsetSpec.latest(), p1, OffsetSpec.latest()));
        ListOffsetsResult byTime = admin.listOffsets(Map.of(p1, OffsetSpec.forTimestamp(BASE_TIME + 20_500)));
        result("listOffsets.earliest", earliest.partitionResult(p0).get(20, TimeUnit.SECONDS).offset() + ","
                + earliest.partitionResult(p1).get(20, TimeUnit.SECONDS).offset());
        result("listOffsets.latest", latest.partitionResult(p0).get(20, TimeUnit.SECONDS).offset() + ","
                + latest.partitionResult(p1).get(20, TimeUnit.SECONDS).offset());
        ListOffsetsResult.ListOffsetsResultInfo info = byTime.partitionResult(p1).get(20, TimeUnit.SECONDS);
        result("listOffsets.forTimestamp", info.offset() + "@" + info.timestamp());
    }

    static void deleteRecords(Admin admin, KafkaConsumer<String, String> consumer) throws Exception {
        TopicPartition p0 = new TopicPartition(DATA, 0);
        result("deleteRecords.lowWatermark", admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(10)))
                .lowWatermarks().get(p0).get(20, TimeUnit.SECONDS).lowWatermark());
        result("deleteRecords.earliest", admin.listOffsets(Map.of(p0, OffsetSpec.earliest())).partitionResult(p0)
                .get(20, TimeUnit.SECONDS).offset());
        consumer.assign(List.of(p0));
        consumer.seekToBeginning(List.of(p0));
        result("deleteRecords.consumer.position", consumer.position(p0, DEADLINE));
        List<ConsumerRecord<String, String>> records = poll(consumer, PER_PARTITION - 10);
        result("deleteRecords.consumer.firstOffset", records.isEmpty() ? -1 : records.get(0).offset());
        result("deleteRecords.consumer.count", records.size());
        result("deleteRecords.beyondEnd", failure(() -> admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(1_000)))
                .all().get(20, TimeUnit.SECONDS)));
        // Below the log start offset now: the fetch is out of range, and auto.offset.reset=earliest moves it up.
        consumer.seek(p0, 5);
        List<ConsumerRecord<String, String>> reset = poll(consumer, PER_PARTITION - 10);
        result("deleteRecords.outOfRange.firstOffset", reset.isEmpty() ? -1 : reset.get(0).offset());
    }

    static void describeLogDirs(Admin admin) throws Exception {
        Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(List.of(0)).allDescriptions()
                .get(20, TimeUnit.SECONDS);
        Map<String, LogDirDescription> ofNode = dirs.get(0);
        result("describeLogDirs.dirs", ofNode.size());
        Map<TopicPartition, ReplicaInfo> replicas = new HashMap<>();
        for (LogDirDescription dir : ofNode.values()) {
            if (dir.error() != null) {
                result("describeLogDirs.error", dir.error().toString());
            }
            replicas.putAll(dir.replicaInfos());
        }
        ReplicaInfo info = replicas.get(new TopicPartition(DATA, 1));
        result("describeLogDirs.data1",
                info == null ? "absent" : (info.size() > 0 ? "size>0" : "size=0") + ",future=" + info.isFuture());
        result("describeLogDirs.grownPartitions", replicas.keySet().stream().filter(tp -> tp.topic().equals(GROWN)).count());
    }

    static void deleteTopics(Admin admin) throws Exception {
        admin.deleteTopics(List.of(DOOMED)).all().get(20, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Set<String> names;
        do {
            names = admin.listTopics().names().get(20, TimeUnit.SECONDS);
        } while (names.contains(DOOMED) && System.nanoTime() < deadline && pause());
        result("deleteTopics.gone", !names.contains(DOOMED));
        result("deleteTopics.unknown", failure(() -> admin.deleteTopics(List.of("compat28-never-was"))
                .all().get(20, TimeUnit.SECONDS)));
    }

    // ---- producer ----------------------------------------------------------------------------------------------

    /** PER_PARTITION records to one partition of DATA, in two flushes (so more than one batch), with timestamps. */
    static void produce(String name, int partition, Map<String, String> settings) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putAll(settings);
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < PER_PARTITION; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(DATA, partition, BASE_TIME + i * 1_000L,
                        "k" + i, value(partition, i));
                record.headers().add("h", ("p" + partition).getBytes(StandardCharsets.UTF_8));
                futures.add(producer.send(record));
                if (i == PER_PARTITION / 2) {
                    producer.flush();
                }
            }
            producer.flush();
            for (java.util.concurrent.Future<RecordMetadata> f : futures) {
                sent.add(f.get(20, TimeUnit.SECONDS));
            }
        }
        StringBuilder offsets = new StringBuilder();
        boolean sequential = true;
        for (int i = 0; i < sent.size(); i++) {
            sequential &= sent.get(i).offset() == i && sent.get(i).partition() == partition;
        }
        offsets.append(sent.get(0).offset()).append("..").append(sent.get(sent.size() - 1).offset());
        result("produce." + name + ".offsets", offsets + (sequential ? "" : " (not sequential)"));
        result("produce." + name + ".timestamp", sent.get(5).timestamp());
    }

    static String value(int partition, int i) {
        // Compressible but not trivial: the same text repeated, numbered.
        return ("value-" + partition + "-" + i + " ").repeat(1 + i % 7);
    }

    // ---- consumer ----------------------------------------------------------------------------------------------

    static Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "25");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        props.put(ConsumerConfig.CHECK_CRCS_CONFIG, "true");
        return props;
    }

    static void consumeFromBeginning(KafkaConsumer<String, String> consumer) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            partitions.add(new TopicPartition(DATA, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        List<ConsumerRecord<String, String>> records = poll(consumer, 4 * PER_PARTITION);
        result("consume.fromBeginning.count", records.size());
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = records.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition, TreeMap::new, Collectors.toList()));
        for (Map.Entry<Integer, List<ConsumerRecord<String, String>>> e : byPartition.entrySet()) {
            int p = e.getKey();
            List<ConsumerRecord<String, String>> list = e.getValue();
            boolean intact = list.size() == PER_PARTITION;
            for (int i = 0; intact && i < list.size(); i++) {
                ConsumerRecord<String, String> r = list.get(i);
                Header h = r.headers().lastHeader("h");
                intact = r.offset() == i && r.key().equals("k" + i) && r.value().equals(value(p, i))
                        && r.timestamp() == BASE_TIME + i * 1_000L && h != null
                        && new String(h.value(), StandardCharsets.UTF_8).equals("p" + p);
            }
            result("consume.fromBeginning.partition" + p, list.size() + (intact ? " intact" : " NOT intact: " + list.get(0)));
        }
    }

    /** A group member of 2.8: one-key FindCoordinator, JoinGroup v7, OffsetCommit v8, one-group OffsetFetch v7. */
    static void groupSubscribeAndCommit(Admin admin, String topic, int count) throws Exception {
        Properties props = consumerProps();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "compat28-group");
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = poll(consumer, count);
            result("group.consumed", records.size());
            result("group.assignment", consumer.assignment());
            consumer.commitSync();
            result("group.committed", consumer.committed(Set.of(tp)).get(tp).offset());
            result("group.state", admin.describeConsumerGroups(List.of("compat28-group")).all().get(20, TimeUnit.SECONDS)
                    .get("compat28-group").state());
        }
        result("group.adminOffsets", admin.listConsumerGroupOffsets("compat28-group").partitionsToOffsetAndMetadata()
                .get(20, TimeUnit.SECONDS).get(tp).offset());
    }

    static void consumeFromNewClient(KafkaConsumer<String, String> consumer, String topic, int count) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seek(tp, 0);
        List<ConsumerRecord<String, String>> records = poll(consumer, count);
        boolean intact = records.size() == count;
        for (int i = 0; intact && i < count; i++) {
            intact = records.get(i).offset() == i && records.get(i).value().equals("from-4.4-" + i);
        }
        result("consume.fromNewClient", records.size() + (intact ? " intact" : " NOT intact"));
    }

    static void offsetsForTimes(KafkaConsumer<String, String> consumer) throws Exception {
        TopicPartition p1 = new TopicPartition(DATA, 1);
        TopicPartition p2 = new TopicPartition(DATA, 2);
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(
                Map.of(p1, BASE_TIME + 50_500, p2, BASE_TIME + 1_000_000), DEADLINE);
        OffsetAndTimestamp at = found.get(p1);
        result("consume.offsetsForTimes.p1", at == null ? "null" : at.offset() + "@" + at.timestamp());
        result("consume.offsetsForTimes.p2", String.valueOf(found.get(p2)));
        consumer.assign(List.of(p1));
        consumer.seek(p1, at.offset());
        List<ConsumerRecord<String, String>> records = poll(consumer, PER_PARTITION - 51);
        result("consume.offsetsForTimes.readFrom", records.isEmpty() ? "nothing" : records.get(0).offset() + ":" + records.get(0).key()
                + " count " + records.size());
    }

    static void seekToEnd(KafkaConsumer<String, String> consumer) throws Exception {
        List<TopicPartition> partitions = List.of(new TopicPartition(DATA, 0), new TopicPartition(DATA, 3));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        result("consume.seekToEnd.position", consumer.position(partitions.get(0), DEADLINE) + ","
                + consumer.position(partitions.get(1), DEADLINE));
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, DEADLINE);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, DEADLINE);
        result("consume.seekToEnd.endOffsets", end.get(partitions.get(0)) + "," + end.get(partitions.get(1)));
        result("consume.seekToEnd.beginningOffsets", beginning.get(partitions.get(0)) + "," + beginning.get(partitions.get(1)));
        result("consume.seekToEnd.pollAtEnd", consumer.poll(Duration.ofMillis(300)).count());
    }

    /** Polls until {@code expected} records arrived or the deadline passed; returns what arrived, in order. */
    static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (records.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    static Properties adminProps() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return props;
    }

    /** The simple name of the exception a call failed with, or "succeeded". */
    static String failure(Step call) throws Exception {
        try {
            call.run();
            return "succeeded";
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause().getClass().getSimpleName();
        }
    }

    static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void step(String name, Step step) {
        try {
            step.run();
            System.out.println("STEP " + name + " ok");
        } catch (Throwable t) {
            failures++;
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            System.out.println("FAIL " + name + ": " + trace);
        }
        System.out.flush();
    }

    static void result(String key, Object value) {
        System.out.println("RESULT " + key + "=" + value);
        System.out.flush();
    }
}
