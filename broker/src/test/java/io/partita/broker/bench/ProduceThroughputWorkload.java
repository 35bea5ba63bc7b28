package io.partita.broker.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One producer sending as fast as it can: {@code bench.records} records (fewer when larger than 100 bytes, for
 * the same bytes) with null keys and a fixed
 * random value of {@code recordSize} bytes, with the given {@code acks} and kafka-clients' defaults
 * for everything else (batch.size, linger.ms, compression none, sticky partitioner), repeated
 * {@code bench.repeats} times; the figure is the median. The clock runs from the first send to the
 * completion of the final flush. The same producer first warms up on a separate topic, so the
 * measured topic holds exactly the measured records.
 */
final class ProduceThroughputWorkload implements Workload {

    private static final Logger LOG = LoggerFactory.getLogger(ProduceThroughputWorkload.class);

    private final TopicSpec topic;
    private final int recordSize;
    private final String acks;

    ProduceThroughputWorkload(TopicSpec topic, int recordSize, String acks) {
        this.topic = topic;
        this.recordSize = recordSize;
        this.acks = acks;
    }

    @Override
    public String name() {
        String minIsr = topic.configs().get("min.insync.replicas");
        return "produce " + recordSize + " B, acks=" + acks + ", " + topic.partitions() + " partitions, RF "
                + topic.replicationFactor() + (minIsr == null ? "" : ", min.insync.replicas=" + minIsr);
    }

    @Override
    public List<String> metrics() {
        return List.of("records/s", "MiB/s");
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(topic, topic.warmup());
    }

    @Override
    public List<Measurement> run(String bootstrap, BenchConfig config) throws Exception {
        byte[] value = new byte[recordSize];
        new Random(42).nextBytes(value);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-producer");
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            Result warmup = send(
                    producer,
                    topic.warmup().name(),
                    value,
                    BenchConfig.sameBytes(config.warmupRecords(), recordSize),
                    config.maxWarmup());
            LOG.info("[{}] warm-up: {} records in {} ms", name(), warmup.acked, warmup.millis());
            producer.partitionsFor(topic.name()); // metadata outside the measurement

            List<Double> recordRates = new ArrayList<>();
            List<Double> mibRates = new ArrayList<>();
            for (int rep = 1; rep <= config.repeats(); rep++) {
                long records = BenchConfig.sameBytes(config.records(), recordSize);
                Result measured = send(producer, topic.name(), value, records, config.maxMeasure());
                double seconds = measured.nanos / 1e9;
                recordRates.add(measured.acked / seconds);
                mibRates.add(measured.acked * (double) recordSize / (1024 * 1024) / seconds);
                LOG.info(
                        "[{}] measured {}/{}: {} records in {} ms = {} records/s{}",
                        name(),
                        rep,
                        config.repeats(),
                        measured.acked,
                        measured.millis(),
                        Math.round(measured.acked / seconds),
                        measured.acked < records ? " (stopped at bench.maxSeconds)" : "");
            }
            return List.of(
                    new Measurement("records/s", Measurement.median(recordRates)),
                    new Measurement("MiB/s", Measurement.median(mibRates)));
        }
    }

    private Result send(
            KafkaProducer<byte[], byte[]> producer, String topicName, byte[] value, long count, Duration cap) {
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        Callback callback = (metadata, exception) -> {
            if (exception == null) {
                acked.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstError.compareAndSet(null, exception);
            }
        };
        long start = System.nanoTime();
        long stopAt = start + cap.toNanos();
        for (long i = 0; i < count; i++) {
            if ((i & 1023) == 0 && (System.nanoTime() - stopAt > 0 || firstError.get() != null)) {
                break;
            }
            producer.send(new ProducerRecord<>(topicName, null, value), callback);
        }
        producer.flush(); // bounded by delivery.timeout.ms: every send completes or fails by then
        long nanos = System.nanoTime() - start;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " sends to " + topicName + " failed", firstError.get());
        }
        return new Result(acked.get(), nanos);
    }

    private record Result(long acked, long nanos) {
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }
    }
}
