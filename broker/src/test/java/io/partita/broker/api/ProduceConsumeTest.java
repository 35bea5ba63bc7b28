package io.partita.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.testing.Clients;
import io.partita.broker.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Java producer and consumer round-trip everything a record carries, for every acks and codec. */
@Tag("integration")
class ProduceConsumeTest {
    private static final int PARTITIONS = 3;
    private static final int RECORDS_PER_PARTITION = 400;
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

    static Stream<Arguments> acksAndCodecs() {
        List<Arguments> cases = new ArrayList<>();
        for (String acks : List.of("0", "1", "all")) {
            for (String codec : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
                cases.add(Arguments.of(acks, codec));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "acks={0} compression={1}")
    @MethodSource("acksAndCodecs")
    void roundTripsKeysValuesHeadersAndTimestampsInOrder(String acks, String codec) throws Exception {
        String topic = "round-trip-" + acks + "-" + codec;
        Clients.createTopic(admin, topic, PARTITIONS, Map.of());
        long baseTimestamp = 1_700_000_000_000L;
        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        List<Future<RecordMetadata>> acked = new ArrayList<>();
        try (KafkaProducer<String, String> producer = Clients.producer(
                cluster.bootstrap(),
                Map.of(
                        ProducerConfig.ACKS_CONFIG,
                        acks,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        codec,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        acks.equals("all"),
                        ProducerConfig.LINGER_MS_CONFIG,
                        5))) {
            for (int i = 0; i < RECORDS_PER_PARTITION * PARTITIONS; i++) {
                int partition = i % PARTITIONS;
                RecordHeaders headers = new RecordHeaders();
                headers.add(new RecordHeader("index", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
                headers.add(new RecordHeader("empty", new byte[0]));
                String key = i % 10 == 0 ? null : "key-" + i;
                String value = i % 17 == 0 ? null : "value-" + i + "-" + "x".repeat(i % 50);
                ProducerRecord<String, String> record =
                        new ProducerRecord<>(topic, partition, baseTimestamp + i, key, value, headers);
                sent.add(record);
                acked.add(producer.send(record));
            }
            producer.flush();
        }
        if (!acks.equals("0")) {
            for (int i = 0; i < acked.size(); i++) {
                RecordMetadata metadata = acked.get(i).get();
                assertThat(metadata.partition()).isEqualTo(i % PARTITIONS);
                assertThat(metadata.offset()).isEqualTo(i / PARTITIONS);
            }
        }

        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster.bootstrap(), Map.of())) {
            List<ConsumerRecord<String, String>> received =
                    Clients.readAll(consumer, partitions, sent.size(), Duration.ofSeconds(30));
            assertThat(received).hasSize(sent.size());
            for (int p = 0; p < PARTITIONS; p++) {
                int partition = p;
                List<ConsumerRecord<String, String>> inPartition = received.stream()
                        .filter(r -> r.partition() == partition)
                        .toList();
                List<ProducerRecord<String, String>> sentToPartition =
                        sent.stream().filter(r -> r.partition() == partition).toList();
                assertThat(inPartition).hasSize(sentToPartition.size());
                for (int i = 0; i < inPartition.size(); i++) {
                    ConsumerRecord<String, String> got = inPartition.get(i);
                    ProducerRecord<String, String> want = sentToPartition.get(i);
                    assertThat(got.offset()).isEqualTo(i);
                    assertThat(got.key()).isEqualTo(want.key());
                    assertThat(got.value()).isEqualTo(want.value());
                    assertThat(got.timestamp()).isEqualTo(want.timestamp());
                    assertThat(got.headers().toArray())
                            .containsExactly(want.headers().toArray());
                }
            }
        }
    }
}
