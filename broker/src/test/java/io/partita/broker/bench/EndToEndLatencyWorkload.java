package io.partita.broker.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end latency at a fixed, moderate rate: one producer sends {@code bench.latencyRate} records per
 * second (100 bytes, acks as given, kafka-clients' defaults otherwise) and one consumer in the same JVM,
 * assigned every partition at its end, reads them; a record's latency is from the moment it was <em>due</em>
 * to be sent to the moment the consumer has it. Counting from the schedule rather than the actual send keeps
 * a stalled send from hiding the records queued behind it (coordinated omission). The first
 * {@code bench.latencyWarmupSeconds} are not counted; then {@code bench.latencySeconds} are, and the figures
 * are p50, p99 and p99.9 over all of them.
 */
final class EndToEndLatencyWorkload implements Workload {

    private static final Logger LOG = LoggerFactory.getLogger(EndToEndLatencyWorkload.class);
    private static final int RECORD_SIZE = 100;

    private final TopicSpec topic;
    private final String acks;

    EndToEndLatencyWorkload(TopicSpec topic, String acks) {
        this.topic = topic;
        this.acks = acks;
    }

    @Override
    public String name() {
        return "end-to-end latency at " + rate() + " records/s, " + RECORD_SIZE + " B, acks=" + acks + ", "
                + topic.partitions() + " partitions, RF " + topic.replicationFactor();
    }

    private static int rate() {
        return Integer.getInteger("bench.latencyRate", 5_000);
    }

    @Override
    public List<String> metrics() {
        return List.of("p50 ms", "p99 ms", "p99.9 ms");
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(topic);
    }

    @Override
    public List<Measurement> run(String bootstrap, BenchConfig config) throws Exception {
        int rate = rate();
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.latencyWarmupSeconds", 5));
        Duration measured = Duration.ofSeconds(Integer.getInteger("bench.latencySeconds", 20));
        int total = (int) ((warmup.toSeconds() + measured.toSeconds()) * rate);
        int firstCounted = (int) (warmup.toSeconds() * rate);
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        // When the producer had each record acknowledged, from the same due time: splits the end-to-end figure
        // into the produce path and the rest (the fetch path), for the log.
        long[] acked = new long[total];

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(bootstrap))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30))); // resolve before sending
            producer.partitionsFor(topic.name());

            AtomicReference<Throwable> sendError = new AtomicReference<>();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            Thread sender = new Thread(
                    () -> {
                        byte[] value = new byte[RECORD_SIZE];
                        for (int i = 0; i < total && sendError.get() == null; i++) {
                            long due = start + i * period;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            ByteBuffer.wrap(value).putInt(0, i).putLong(4, due);
                            int index = i;
                            producer.send(new ProducerRecord<>(topic.name(), null, value.clone()), (md, e) -> {
                                if (e != null) {
                                    sendError.compareAndSet(null, e);
                                } else {
                                    acked[index] = System.nanoTime() - due;
                                }
                            });
                        }
                    },
                    "bench-latency-sender");
            sender.start();

            int received = 0;
            long deadline = start
                    + TimeUnit.SECONDS.toNanos(warmup.toSeconds() + measured.toSeconds())
                    + config.stallTimeout().toNanos();
            while (received < total && System.nanoTime() < deadline && sendError.get() == null) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    ByteBuffer value = ByteBuffer.wrap(record.value());
                    int i = value.getInt(0);
                    if (i >= 0 && i < total && latencies[i] < 0) {
                        latencies[i] = now - value.getLong(4);
                        received++;
                    }
                }
            }
            sender.join(TimeUnit.SECONDS.toMillis(30));
            if (sendError.get() != null) {
                throw new IllegalStateException("a send failed", sendError.get());
            }
            if (received < total) {
                throw new IllegalStateException("only " + received + " of " + total + " records arrived");
            }
        }
        long[] counted = Arrays.copyOfRange(latencies, firstCounted, total);
        Arrays.sort(counted);
        long[] ackCounted = Arrays.copyOfRange(acked, firstCounted, total);
        Arrays.sort(ackCounted);
        LOG.info(
                "[{}] {} records counted, max {} ms; acknowledged to the producer: p50 {}, p99 {}, p99.9 {}, max {} ms",
                name(),
                counted.length,
                counted[counted.length - 1] / 1e6,
                percentile(ackCounted, 0.50),
                percentile(ackCounted, 0.99),
                percentile(ackCounted, 0.999),
                ackCounted[ackCounted.length - 1] / 1e6);
        return List.of(
                new Measurement("p50 ms", percentile(counted, 0.50)),
                new Measurement("p99 ms", percentile(counted, 0.99)),
                new Measurement("p99.9 ms", percentile(counted, 0.999)));
    }

    /** The value at or below which {@code fraction} of the sorted samples lie, in milliseconds. */
    static double percentile(long[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private Properties producerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-latency-producer");
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static Properties consumerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-latency-consumer");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
