package io.partita.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.RawConnection;
import io.partita.broker.testing.TestCluster;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad input gets Kafka's error code or closes only its own connection, and a well-behaved client
 * on another connection keeps working.
 */
@Tag("integration")
class BadInputTest {
    private static final String TOPIC = "bad-input";
    private static TestCluster cluster;
    private static int port;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(1, Map.of("socket.request.max.bytes", Integer.toString(4 * 1024 * 1024)));
        port = cluster.cluster().nodes().get(0).port();
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            Clients.createTopic(admin, TOPIC, 1, Map.of());
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    /** After every case: a normal producer on its own connection still gets its write acknowledged. */
    @AfterEach
    void otherClientsKeepWorking() throws Exception {
        try (KafkaProducer<String, String> producer = Clients.producer(cluster.bootstrap(), Map.of())) {
            assertThat(producer.send(new ProducerRecord<>(TOPIC, "still", "serving"))
                            .get()
                            .offset())
                    .isNotNegative();
        }
    }

    private static RawConnection connect() throws Exception {
        return new RawConnection("127.0.0.1", port, 5_000);
    }

    @Test
    void garbageBytesCloseOnlyThatConnection() throws Exception {
        byte[] garbage = new byte[64];
        new Random(42).nextBytes(garbage);
        try (RawConnection raw = connect()) {
            raw.sendFrame(garbage);
            assertThat(raw.isClosedByServer()).isTrue();
        }
        try (RawConnection raw = connect()) {
            raw.sendRaw("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aFrameOverSocketRequestMaxBytesClosesTheConnection() throws Exception {
        try (RawConnection raw = connect()) {
            raw.sendRaw(ByteBuffer.allocate(4).putInt(64 * 1024 * 1024).array());
            assertThat(raw.isClosedByServer()).isTrue();
        }
        try (RawConnection raw = connect()) {
            raw.sendRaw(ByteBuffer.allocate(4).putInt(-5).array());
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aTruncatedHeaderClosesTheConnection() throws Exception {
        try (RawConnection raw = connect()) {
            raw.sendFrame(new byte[] {0, 3, 0});
            assertThat(raw.isClosedByServer()).isTrue();
        }
        try (RawConnection raw = connect()) {
            raw.sendFrame(new byte[0]);
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void anUnknownApiKeyClosesTheConnection() throws Exception {
        try (RawConnection raw = connect()) {
            ByteBuffer header = ByteBuffer.allocate(10)
                    .putShort((short) 9_999)
                    .putShort((short) 0)
                    .putInt(1)
                    .putShort((short) -1);
            raw.sendFrame(header.array());
            assertThat(raw.isClosedByServer()).isTrue();
        }
        // A key the client library knows but this node does not serve (ACLs: no authorizer).
        try (RawConnection raw = connect()) {
            ByteBuffer header = ByteBuffer.allocate(10)
                    .putShort(ApiKeys.DESCRIBE_ACLS.id)
                    .putShort((short) 0)
                    .putInt(1)
                    .putShort((short) -1);
            raw.sendFrame(header.array());
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void unsupportedVersions() throws Exception {
        // ApiVersions at a version from the future: UNSUPPORTED_VERSION in a v0 response that lists the ranges.
        try (RawConnection raw = connect()) {
            short future = (short) (ApiKeys.API_VERSIONS.latestVersion() + 5);
            ByteBuffer request = ByteBuffer.allocate(14)
                    .putShort(ApiKeys.API_VERSIONS.id)
                    .putShort(future)
                    .putInt(7)
                    .putShort((short) -1)
                    .putInt(0);
            raw.sendFrame(request.array());
            ByteBuffer frame = raw.readFrame();
            assertThat(frame).isNotNull();
            ResponseHeader.parse(frame, (short) 0);
            ApiVersionsResponse response = ApiVersionsResponse.parse(new ByteBufferAccessor(frame), (short) 0);
            ApiVersionsResponseData data = response.data();
            assertThat(Errors.forCode(data.errorCode())).isEqualTo(Errors.UNSUPPORTED_VERSION);
            assertThat(data.apiKeys().find(ApiKeys.PRODUCE.id)).isNotNull();
            assertThat(raw.isClosedByServer()).isFalse();
        }
        // Any other API at a version this node does not serve cannot be answered in a form the client reads.
        try (RawConnection raw = connect()) {
            ByteBuffer request = ByteBuffer.allocate(10)
                    .putShort(ApiKeys.METADATA.id)
                    .putShort((short) 99)
                    .putInt(1)
                    .putShort((short) -1);
            raw.sendFrame(request.array());
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void apiVersionsAdvertisesExactlyWhatIsServed() throws Exception {
        try (RawConnection raw = connect()) {
            RequestHeader header = raw.send(new ApiVersionsRequest.Builder().build((short) 3));
            ApiVersionsResponse response = raw.receive(header);
            assertThat(response.data().errorCode()).isZero();
            assertThat(response.data().apiKeys())
                    .extracting(k -> ApiKeys.forId(k.apiKey()))
                    .containsExactlyInAnyOrder(
                            ApiKeys.PRODUCE,
                            ApiKeys.FETCH,
                            ApiKeys.LIST_OFFSETS,
                            ApiKeys.METADATA,
                            ApiKeys.API_VERSIONS,
                            ApiKeys.CREATE_TOPICS,
                            ApiKeys.DELETE_TOPICS,
                            ApiKeys.CREATE_PARTITIONS,
                            ApiKeys.DESCRIBE_CONFIGS,
                            ApiKeys.ALTER_CONFIGS,
                            ApiKeys.INCREMENTAL_ALTER_CONFIGS,
                            ApiKeys.DESCRIBE_CLUSTER,
                            ApiKeys.INIT_PRODUCER_ID,
                            ApiKeys.DELETE_RECORDS,
                            ApiKeys.DESCRIBE_LOG_DIRS,
                            ApiKeys.OFFSET_FOR_LEADER_EPOCH,
                            ApiKeys.ELECT_LEADERS,
                            ApiKeys.ALTER_PARTITION_REASSIGNMENTS,
                            ApiKeys.LIST_PARTITION_REASSIGNMENTS,
                            ApiKeys.FIND_COORDINATOR,
                            ApiKeys.JOIN_GROUP,
                            ApiKeys.SYNC_GROUP,
                            ApiKeys.HEARTBEAT,
                            ApiKeys.LEAVE_GROUP,
                            ApiKeys.OFFSET_COMMIT,
                            ApiKeys.OFFSET_FETCH,
                            ApiKeys.LIST_GROUPS,
                            ApiKeys.DESCRIBE_GROUPS,
                            ApiKeys.DELETE_GROUPS,
                            ApiKeys.OFFSET_DELETE,
                            ApiKeys.SASL_HANDSHAKE,
                            ApiKeys.SASL_AUTHENTICATE);
        }
    }

    @Test
    void aBatchWithABadCrcIsCorruptMessage() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(
                Compression.NONE,
                new SimpleRecord(System.currentTimeMillis(), "k".getBytes(), "a value to corrupt".getBytes()));
        ByteBuffer buffer = records.buffer();
        int last = buffer.limit() - 3;
        buffer.put(last, (byte) (buffer.get(last) ^ 0x5A));
        assertThat(produce(MemoryRecords.readableRecords(buffer), TOPIC)).isEqualTo(Errors.CORRUPT_MESSAGE);
    }

    @Test
    void aBatchOverMessageMaxBytesIsMessageTooLarge() throws Exception {
        byte[] big = new byte[1_100_000];
        new Random(7).nextBytes(big);
        MemoryRecords records =
                MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(System.currentTimeMillis(), null, big));
        assertThat(produce(records, TOPIC)).isEqualTo(Errors.MESSAGE_TOO_LARGE);
    }

    @Test
    void invalidTopicNamesAreInvalidTopicException() throws Exception {
        for (String name : List.of("bad name", "x".repeat(250), "..", "ünïcødé", "a/b")) {
            try (RawConnection raw = connect()) {
                RequestHeader header = raw.send(new MetadataRequest.Builder(new MetadataRequestData()
                                .setAllowAutoTopicCreation(true)
                                .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName(name))))
                        .build((short) 12));
                MetadataResponse response = raw.receive(header);
                assertThat(response.errors()).containsEntry(name, Errors.INVALID_TOPIC_EXCEPTION);
            }
        }
        try (KafkaProducer<String, String> producer =
                Clients.producer(cluster.bootstrap(), Map.of("max.block.ms", 5_000))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("no spaces allowed", "v"))
                            .get())
                    .hasCauseInstanceOf(InvalidTopicException.class);
        }
    }

    @Test
    void aFailedProduceWithAcksZeroClosesItsConnectionAndASuccessfulOneGetsNoResponse() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(
                Compression.NONE,
                new SimpleRecord(System.currentTimeMillis(), "k".getBytes(), "fire and forget".getBytes()));
        try (RawConnection raw = new RawConnection("127.0.0.1", port, 1_000)) {
            raw.send(ProduceRequest.builder(acksZero(records, TOPIC, 0)).build((short) 9));
            assertThat(raw.isClosedByServer())
                    .as("a good acks=0 produce leaves the connection open")
                    .isFalse();
        }
        try (RawConnection raw = connect()) {
            raw.send(ProduceRequest.builder(acksZero(records, TOPIC, 99)).build((short) 9));
            assertThat(raw.isClosedByServer())
                    .as("an acks=0 produce to a missing partition")
                    .isTrue();
        }
    }

    private static ProduceRequestData acksZero(MemoryRecords records, String topic, int partition) {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) 0).setTimeoutMs(5_000);
        data.topicData()
                .add(new ProduceRequestData.TopicProduceData()
                        .setName(topic)
                        .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData()
                                .setIndex(partition)
                                .setRecords(records))));
        return data;
    }

    private static Errors produce(MemoryRecords records, String topic) throws Exception {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(5_000);
        data.topicData()
                .add(new ProduceRequestData.TopicProduceData()
                        .setName(topic)
                        .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData()
                                .setIndex(0)
                                .setRecords(records))));
        try (RawConnection raw = connect()) {
            RequestHeader header = raw.send(ProduceRequest.builder(data).build((short) 9));
            ProduceResponse response = raw.receive(header);
            return Errors.forCode(response.data()
                    .responses()
                    .iterator()
                    .next()
                    .partitionResponses()
                    .get(0)
                    .errorCode());
        }
    }
}
