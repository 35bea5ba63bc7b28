package io.partita.broker.replication;

import io.partita.broker.testing.Clients;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An idempotent producer with acks=all writing "v0", "v1", ... round-robin over a topic's partitions from its
 * own thread until stopped, every outcome written to an {@link AckLedger}. It sends at a steady rate with a
 * bounded number of records in flight: flat out it would take both shared cores from the nodes it is testing,
 * and a restarted node would spend the test catching up on millions of records.
 */
final class ContinuousProducer implements AutoCloseable {
    private static final int MAX_UNANSWERED = 500;

    private final String topic;
    private final int partitions;
    private final AckLedger ledger;
    private final KafkaProducer<String, String> producer;
    private final Semaphore window = new Semaphore(MAX_UNANSWERED);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> crashed = new AtomicReference<>();
    private final Thread thread;
    private final long intervalNanos;
    private long sent;

    ContinuousProducer(String bootstrap, String topic, int partitions, int recordsPerSecond, AckLedger ledger) {
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / recordsPerSecond;
        this.topic = topic;
        this.partitions = partitions;
        this.ledger = ledger;
        // Retries until the delivery timeout: an election or an ISR shrink takes seconds, and a failed send
        // only weakens the check (it may be present or absent).
        this.producer = Clients.producer(
                bootstrap,
                Map.of(
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100,
                        ProducerConfig.CLIENT_ID_CONFIG, "chaos-producer"));
        this.thread = new Thread(this::run, "chaos-producer");
    }

    ContinuousProducer start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            long next = System.nanoTime();
            while (!stop.get()) {
                next += intervalNanos;
                long ahead = next - System.nanoTime();
                if (ahead > 0) {
                    LockSupport.parkNanos(ahead); // pacing the load, not waiting for a condition
                } else if (ahead < -TimeUnit.SECONDS.toNanos(1)) {
                    next = System.nanoTime(); // after a stall, resume the rate instead of bursting to catch up
                }
                while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (stop.get()) {
                        return;
                    }
                }
                String value = "v" + sent;
                int partition = (int) (sent % partitions);
                sent++;
                producer.send(new ProducerRecord<>(topic, partition, null, value), (metadata, error) -> {
                    window.release();
                    ledger.record(partition, value, metadata, error);
                });
            }
        } catch (Throwable t) {
            crashed.set(t);
        }
    }

    /** Stops sending and waits until every send has been acknowledged or has failed. */
    @Override
    public void close() throws Exception {
        stop.set(true);
        thread.join(TimeUnit.SECONDS.toMillis(30));
        producer.close(Duration.ofMinutes(4)); // flushes: every callback has run when it returns
        if (crashed.get() != null) {
            throw new AssertionError("the producer thread died", crashed.get());
        }
    }
}
