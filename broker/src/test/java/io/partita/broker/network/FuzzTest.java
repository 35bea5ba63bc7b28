package io.partita.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.RawConnection;
import io.partita.broker.testing.TestCluster;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzz run: thousands of valid requests with random mutations (flipped bytes, truncations,
 * garbage tails, overwritten sizes). Whatever each does to its own connection, the node keeps serving.
 */
@Tag("integration")
class FuzzTest {
    private static final int MUTATIONS = 4_000;
    private static final long SEED = 20261125L;

    @Test
    void mutatedRequestsLeaveTheNodeServing() throws Exception {
        try (TestCluster cluster = TestCluster.start(1, Map.of())) {
            String bootstrap = cluster.bootstrap();
            int port = cluster.cluster().nodes().get(0).port();
            try (Admin admin = Clients.admin(bootstrap)) {
                Clients.createTopic(admin, "fuzz", 2, Map.of());
            }
            List<byte[]> seeds = seedRequests();
            Random random = new Random(SEED);
            int answered = 0;
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] mutated = mutate(seeds.get(random.nextInt(seeds.size())), random);
                // One connection per mutation, half-closed after sending, so an incomplete frame ends at once
                // instead of waiting for bytes that never come.
                try (RawConnection connection = new RawConnection("127.0.0.1", port, 5_000)) {
                    if (random.nextInt(10) == 0) {
                        connection.sendRaw(mutated);
                    } else {
                        connection.sendFrame(mutated);
                    }
                    connection.finishSending();
                    while (connection.readFrame() != null) {
                        answered++;
                    }
                } catch (SocketTimeoutException noAnswer) {
                    throw new AssertionError("the node neither answered nor closed within 5 s, mutation " + i);
                } catch (IOException reset) {
                    // the node closed this connection while we were still sending: that is allowed
                }
            }
            assertThat(answered).isPositive();

            try (KafkaProducer<String, String> producer = Clients.producer(bootstrap, Map.of());
                    KafkaConsumer<String, String> consumer = Clients.consumer(bootstrap, Map.of())) {
                long offset = producer.send(new ProducerRecord<>("after-fuzz", 0, "k", "still serving"))
                        .get()
                        .offset();
                var records = Clients.readAll(
                        consumer,
                        List.of(new TopicPartition("after-fuzz", 0)),
                        (int) offset + 1,
                        Duration.ofSeconds(20));
                assertThat(records).last().extracting(r -> r.value()).isEqualTo("still serving");
            }
        }
    }

    private static List<byte[]> seedRequests() {
        List<AbstractRequest> requests = new ArrayList<>();
        requests.add(new ApiVersionsRequest.Builder().build((short) 3));
        requests.add(new MetadataRequest.Builder(new MetadataRequestData()
                        .setAllowAutoTopicCreation(true)
                        .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName("fuzz"))))
                .build((short) 12));
        MemoryRecords records = MemoryRecords.withRecords(
                Compression.NONE,
                new SimpleRecord(1L, "key".getBytes(), "value".getBytes()),
                new SimpleRecord(2L, "key2".getBytes(), "value2".getBytes()));
        ProduceRequestData produce = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(1_000);
        produce.topicData()
                .add(new ProduceRequestData.TopicProduceData()
                        .setName("fuzz")
                        .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData()
                                .setIndex(0)
                                .setRecords(records))));
        requests.add(ProduceRequest.builder(produce).build((short) 9));
        FetchRequestData fetch = new FetchRequestData()
                .setReplicaId(-1)
                .setMaxWaitMs(0)
                .setMinBytes(1)
                .setMaxBytes(1 << 20)
                .setSessionId(0)
                .setSessionEpoch(-1);
        fetch.topics()
                .add(new FetchRequestData.FetchTopic()
                        .setTopic("fuzz")
                        .setPartitions(List.of(new FetchRequestData.FetchPartition()
                                .setPartition(0)
                                .setFetchOffset(0)
                                .setPartitionMaxBytes(1 << 20)
                                .setCurrentLeaderEpoch(-1)
                                .setLogStartOffset(-1))));
        requests.add(new FetchRequest.SimpleBuilder(fetch).build((short) 12));
        ListOffsetsRequestData listOffsets = new ListOffsetsRequestData().setReplicaId(-1);
        listOffsets
                .topics()
                .add(new ListOffsetsRequestData.ListOffsetsTopic()
                        .setName("fuzz")
                        .setPartitions(List.of(new ListOffsetsRequestData.ListOffsetsPartition()
                                .setPartitionIndex(0)
                                .setTimestamp(-1))));
        requests.add(ListOffsetsRequest.Builder.forConsumer(false, IsolationLevel.READ_UNCOMMITTED)
                .setTargetTimes(listOffsets.topics())
                .build((short) 7));
        CreateTopicsRequestData create = new CreateTopicsRequestData().setTimeoutMs(1_000);
        create.topics()
                .add(new CreateTopicsRequestData.CreatableTopic()
                        .setName("fuzz-created")
                        .setNumPartitions(1)
                        .setReplicationFactor((short) 1));
        requests.add(new CreateTopicsRequest.Builder(create).build((short) 7));
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            seeds.add(RawConnection.serialize(requests.get(i), i));
        }
        return seeds;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] copy = seed.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> copy = Arrays.copyOf(copy, random.nextInt(copy.length));
            case 2 -> {
                byte[] longer = Arrays.copyOf(copy, copy.length + 1 + random.nextInt(64));
                for (int i = copy.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                copy = longer;
            }
            case 3 -> {
                int at = random.nextInt(Math.max(1, copy.length - 4));
                int value = random.nextBoolean() ? -1 : random.nextInt();
                copy[at] = (byte) (value >>> 24);
                copy[at + 1] = (byte) (value >>> 16);
                copy[at + 2] = (byte) (value >>> 8);
                copy[at + 3] = (byte) value;
            }
            default -> copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }
}
