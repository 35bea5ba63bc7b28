package io.partita.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.RawConnection;
import io.partita.broker.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every admin-client call of the broker-node issue, judged by the real AdminClient. */
@Tag("integration")
class AdminClientTest {
    private static TestCluster cluster;
    private static Admin admin;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(1, Map.of());
        admin = Clients.admin(cluster.bootstrap());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        admin.close();
        cluster.close();
    }

    @Test
    void createsListsDescribesAndDeletesTopics() throws Exception {
        CreateTopicsResult created = admin.createTopics(List.of(new NewTopic("orders", 4, (short) 1)
                .configs(Map.of("retention.ms", "3600000", "cleanup.policy", "delete"))));
        Uuid id = created.topicId("orders").get();
        assertThat(id).isNotEqualTo(Uuid.ZERO_UUID);
        assertThat(created.numPartitions("orders").get()).isEqualTo(4);
        assertThat(created.config("orders").get().get("retention.ms").value()).isEqualTo("3600000");

        assertThat(admin.listTopics().names().get()).contains("orders");
        TopicDescription description =
                admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
        assertThat(description.topicId()).isEqualTo(id);
        assertThat(description.partitions()).hasSize(4);
        assertThat(description.partitions()).allSatisfy(p -> {
            assertThat(p.leader().id()).isEqualTo(0);
            assertThat(p.isr()).extracting(n -> n.id()).containsExactly(0);
        });
        TopicDescription byId = admin.describeTopics(TopicCollection.ofTopicIds(List.of(id)))
                .allTopicIds()
                .get()
                .get(id);
        assertThat(byId.name()).isEqualTo("orders");

        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1)))
                        .all()
                        .get())
                .hasCauseInstanceOf(TopicExistsException.class);

        admin.deleteTopics(List.of("orders")).all().get();
        assertThat(admin.listTopics().names().get()).doesNotContain("orders");
        assertThatThrownBy(() ->
                        admin.describeTopics(List.of("orders")).allTopicNames().get())
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void validateOnlyCreatesNothingAndBadRequestsGetKafkasErrors() throws Exception {
        admin.createTopics(List.of(new NewTopic("dry-run", 3, (short) 1)), new CreateTopicsOptions().validateOnly(true))
                .all()
                .get();
        assertThat(admin.listTopics().names().get()).doesNotContain("dry-run");

        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("bad name!", 1, (short) 1)))
                        .all()
                        .get())
                .hasCauseInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("too-many-replicas", 1, (short) 3)))
                        .all()
                        .get())
                .hasCauseInstanceOf(InvalidReplicationFactorException.class);
        assertThatThrownBy(() -> admin.createTopics(List.of(
                                new NewTopic("bad-config", 1, (short) 1).configs(Map.of("retention.ms", "soon"))))
                        .all()
                        .get())
                .hasCauseInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("zero", 0, (short) 1)))
                        .all()
                        .get())
                .hasCauseInstanceOf(InvalidPartitionsException.class);
        Clients.createTopic(admin, "metrics.like", 1, Map.of());
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("metrics_like", 1, (short) 1)))
                        .all()
                        .get())
                .hasCauseInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("collides");
        assertThat(admin.listTopics().names().get())
                .doesNotContain("bad name!", "too-many-replicas", "bad-config", "zero", "metrics_like");
    }

    /** librdkafka clients send operation timeout 0: "answer once the request is made", as Kafka does. */
    @Test
    void aZeroTimeoutIsAnsweredOnceTheRequestIsMade() throws Exception {
        // The Java admin client also uses the timeout as its own deadline, so this is sent as librdkafka would.
        CreateTopicsRequestData data = new CreateTopicsRequestData().setTimeoutMs(0);
        data.topics()
                .add(new CreateTopicsRequestData.CreatableTopic()
                        .setName("no-wait")
                        .setNumPartitions(2)
                        .setReplicationFactor((short) 1));
        int port = cluster.cluster().nodes().get(0).port();
        try (RawConnection raw = new RawConnection("127.0.0.1", port, 5_000)) {
            var header = raw.send(new CreateTopicsRequest.Builder(data).build((short) 7));
            CreateTopicsResponse response = raw.receive(header);
            assertThat(response.data().topics().find("no-wait").errorCode()).isZero();
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(admin.describeTopics(List.of("no-wait"))
                                .allTopicNames()
                                .get()
                                .get("no-wait")
                                .partitions())
                        .hasSize(2));
    }

    @Test
    void createsPartitions() throws Exception {
        Clients.createTopic(admin, "growing", 2, Map.of());
        admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(5)))
                .all()
                .get();
        assertThat(admin.describeTopics(List.of("growing"))
                        .allTopicNames()
                        .get()
                        .get("growing")
                        .partitions())
                .hasSize(5);
        assertThatThrownBy(() -> admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(3)))
                        .all()
                        .get())
                .hasCauseInstanceOf(InvalidPartitionsException.class);
        try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
            assertThat(producer.send(new ProducerRecord<>("growing", 4, "k", "v"))
                            .get()
                            .offset())
                    .isZero();
        }
    }

    @Test
    void describesAndAltersTopicConfigs() throws Exception {
        Clients.createTopic(admin, "configured", 1, Map.of("retention.bytes", "1048576"));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "configured");
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("retention.bytes").value()).isEqualTo("1048576");
        assertThat(config.get("retention.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("retention.ms").value()).isEqualTo("604800000");
        assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(config.get("max.message.bytes").value()).isEqualTo("1048588");
        Config withSynonyms = admin.describeConfigs(
                        List.of(resource), new DescribeConfigsOptions().includeSynonyms(true))
                .all()
                .get()
                .get(resource);
        assertThat(withSynonyms.get("retention.bytes").synonyms())
                .extracting(s -> s.name() + "=" + s.value() + "@" + s.source())
                .containsExactly(
                        "retention.bytes=1048576@DYNAMIC_TOPIC_CONFIG", "log.retention.bytes=-1@DEFAULT_CONFIG");

        admin.incrementalAlterConfigs(Map.of(
                        resource,
                        List.of(
                                new AlterConfigOp(new ConfigEntry("retention.ms", "60000"), AlterConfigOp.OpType.SET),
                                new AlterConfigOp(new ConfigEntry("retention.bytes", ""), AlterConfigOp.OpType.DELETE),
                                new AlterConfigOp(
                                        new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND))))
                .all()
                .get();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Config altered =
                    admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(altered.get("retention.ms").value()).isEqualTo("60000");
            assertThat(altered.get("retention.bytes").value()).isEqualTo("-1");
            assertThat(altered.get("cleanup.policy").value()).isEqualTo("delete,compact");
        });

        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(
                                resource,
                                List.of(new AlterConfigOp(
                                        new ConfigEntry("no.such.config", "1"), AlterConfigOp.OpType.SET))))
                        .all()
                        .get())
                .hasCauseInstanceOf(InvalidConfigurationException.class);

        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "0");
        Config brokerConfig = admin.describeConfigs(List.of(broker)).all().get().get(broker);
        assertThat(brokerConfig.get("message.max.bytes").value()).isEqualTo("1048588");
        assertThat(brokerConfig.get("auto.create.topics.enable").value()).isEqualTo("true");
    }

    @Test
    void describesTheCluster() throws Exception {
        DescribeClusterResult result = admin.describeCluster();
        assertThat(result.clusterId().get()).isNotBlank();
        assertThat(result.nodes().get()).extracting(n -> n.id()).containsExactly(0);
        assertThat(result.controller().get().id()).isEqualTo(0);
    }

    @Test
    void listsOffsetsAndDeletesRecords() throws Exception {
        Clients.createTopic(admin, "offsets", 1, Map.of());
        TopicPartition tp = new TopicPartition("offsets", 0);
        long base = 1_600_000_000_000L;
        try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
            for (int i = 0; i < 10; i++) {
                // Timestamps rise, except record 7 which is the largest of all.
                long ts = i == 7 ? base + 100_000 : base + i * 1000L;
                producer.send(new ProducerRecord<>("offsets", 0, ts, "k" + i, "v" + i))
                        .get();
            }
        }
        assertThat(offset(tp, OffsetSpec.earliest()).offset()).isZero();
        assertThat(offset(tp, OffsetSpec.latest()).offset()).isEqualTo(10);
        ListOffsetsResult.ListOffsetsResultInfo max = offset(tp, OffsetSpec.maxTimestamp());
        assertThat(max.offset()).isEqualTo(7);
        assertThat(max.timestamp()).isEqualTo(base + 100_000);
        ListOffsetsResult.ListOffsetsResultInfo byTime = offset(tp, OffsetSpec.forTimestamp(base + 3500));
        assertThat(byTime.offset()).isEqualTo(4);
        assertThat(byTime.timestamp()).isEqualTo(base + 4000);
        assertThat(offset(tp, OffsetSpec.forTimestamp(base + 200_000)).offset()).isEqualTo(-1);

        long low = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(6)))
                .lowWatermarks()
                .get(tp)
                .get()
                .lowWatermark();
        assertThat(low).isEqualTo(6);
        assertThat(offset(tp, OffsetSpec.earliest()).offset()).isEqualTo(6);
        assertThat(offset(tp, OffsetSpec.latest()).offset()).isEqualTo(10);
    }

    @Test
    void describesLogDirs() throws Exception {
        Clients.createTopic(admin, "sized", 2, Map.of());
        try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
            producer.send(new ProducerRecord<>("sized", 1, "k", "v".repeat(1000)))
                    .get();
        }
        Map<String, LogDirDescription> dirs =
                admin.describeLogDirs(List.of(0)).allDescriptions().get().get(0);
        assertThat(dirs).hasSize(1);
        LogDirDescription dir = dirs.values().iterator().next();
        assertThat(dir.error()).isNull();
        assertThat(dir.replicaInfos().get(new TopicPartition("sized", 1)).size())
                .isGreaterThan(1000);
        assertThat(dir.replicaInfos()).containsKey(new TopicPartition("sized", 0));
    }

    @Test
    void listsTopicsWithoutInternalOnes() throws Exception {
        Clients.createTopic(admin, "visible", 1, Map.of());
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(false))
                .names()
                .get();
        assertThat(names).contains("visible");
    }

    private ListOffsetsResult.ListOffsetsResultInfo offset(TopicPartition tp, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        return admin.listOffsets(Map.of(tp, spec)).partitionResult(tp).get();
    }
}
