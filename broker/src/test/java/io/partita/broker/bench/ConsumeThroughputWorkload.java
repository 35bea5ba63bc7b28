package io.partita.broker.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer reading a topic from the beginning to the end offsets it had when it started, with
 * kafka-clients' default fetch settings. Partitions are assigned manually (no group), so the figure
 * is the fetch path's, not the rebalance's. Each repetition seeks back to the beginning and reads it all
 * again; the figure is the median of {@code bench.repeats} repetitions, and of at least
 * {@value #MIN_PASSES}: one pass takes about a second, so a single driver GC or a core taken by something
 * else moves it by a fifth, and a median of two is just their mean. Unmeasured first: the
 * producer's warm-up topic and one pass over the measured topic. So it must run after a
 * {@link ProduceThroughputWorkload} on the same topic.
 */
final class ConsumeThroughputWorkload implements Workload {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumeThroughputWorkload.class);
    private static final Duration OFFSETS_TIMEOUT = Duration.ofSeconds(30);
    static final int MIN_PASSES = 5;

    private final TopicSpec topic;

    ConsumeThroughputWorkload(TopicSpec topic) {
        this.topic = topic;
    }

    @Override
    public String name() {
        return "consume from beginning, " + topic.partitions() + " partitions, RF " + topic.replicationFactor();
    }

    @Override
    public List<String> metrics() {
        return List.of("records/s");
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(); // reads what the produce workload wrote
    }

    @Override
    public List<Measurement> run(String bootstrap, BenchConfig config) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-consumer");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            // Warm-up: the producer's warm-up topic, then one unmeasured pass over the measured topic
            // (a short warm-up left the first measured pass markedly slower than the next ones).
            Result warmup = drain(consumer, topic.warmup().name(), config.maxWarmup(), config.stallTimeout());
            Result warmPass = drain(consumer, topic.name(), config.maxWarmup(), config.stallTimeout());
            LOG.info(
                    "[{}] warm-up: {} + {} records in {} ms",
                    name(),
                    warmup.records,
                    warmPass.records,
                    warmup.millis() + warmPass.millis());

            List<Double> rates = new ArrayList<>();
            int passes = Math.max(config.repeats(), MIN_PASSES);
            for (int rep = 1; rep <= passes; rep++) {
                Result measured = drain(consumer, topic.name(), config.maxMeasure(), config.stallTimeout());
                if (measured.records == 0) {
                    throw new IllegalStateException(
                            "Topic " + topic.name() + " is empty: run a produce workload first");
                }
                double rate = measured.records / (measured.nanos / 1e9);
                rates.add(rate);
                LOG.info(
                        "[{}] measured {}/{}: {} of {} records ({} bytes) in {} ms = {} records/s",
                        name(),
                        rep,
                        passes,
                        measured.records,
                        measured.expected,
                        measured.bytes,
                        measured.millis(),
                        Math.round(rate));
            }
            return List.of(new Measurement("records/s", Measurement.median(rates)));
        }
    }

    private Result drain(KafkaConsumer<byte[], byte[]> consumer, String topicName, Duration cap, Duration stall) {
        List<PartitionInfo> infos = consumer.partitionsFor(topicName, OFFSETS_TIMEOUT);
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, OFFSETS_TIMEOUT);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, OFFSETS_TIMEOUT);
        long expected =
                partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();

        long records = 0;
        long bytes = 0;
        long start = System.nanoTime();
        long stopAt = start + cap.toNanos();
        long lastProgress = start;
        while (records < expected) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
            long now = System.nanoTime();
            if (!batch.isEmpty()) {
                records += batch.count();
                for (var record : batch) {
                    bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
                }
                lastProgress = now;
            } else if (now - lastProgress > stall.toNanos()) {
                throw new IllegalStateException("Consumer of " + topicName + " got nothing for " + stall + " after "
                        + records + " of " + expected + " records; positions "
                        + partitions.stream()
                                .map(tp -> tp + "=" + consumer.position(tp, OFFSETS_TIMEOUT))
                                .toList());
            }
            if (now - stopAt > 0) {
                break;
            }
        }
        return new Result(records, expected, bytes, System.nanoTime() - start);
    }

    private record Result(long records, long expected, long bytes, long nanos) {
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }
    }
}
