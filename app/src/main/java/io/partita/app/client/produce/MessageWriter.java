package io.partita.app.client.produce;

import io.partita.app.client.records.Message;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The gateway's part that writes records (the produce form, replays, imports): one idempotent acks=all
 * producer, created on first use. A send never blocks the caller for long: metadata waits are bounded by
 * {@code max.block.ms}, and the returned future completes when the cluster acknowledged the record or gave up.
 */
public final class MessageWriter implements AutoCloseable {
    private static final int MAX_BLOCK_MS = 10_000;
    private static final int DELIVERY_TIMEOUT_MS = 30_000;

    private final Properties client;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;
    /** send() can wait for metadata (up to max.block.ms): never on the caller's (the FX) thread. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "partita-message-writer");
        t.setDaemon(true);
        return t;
    });

    /** @param client the connection's client settings (bootstrap servers, security) */
    public MessageWriter(Properties client) {
        this.client = client;
    }

    /** Sends one record; completes with where it landed. */
    public CompletableFuture<Delivery> send(ProduceRequest request) {
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        try {
            sender.execute(() -> sendNow(request, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("The connection is closed", e));
        }
        return result;
    }

    private void sendNow(ProduceRequest request, CompletableFuture<Delivery> result) {
        try {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                    request.topic(), request.partition(), request.timestamp(), request.key(), request.value());
            for (Message.Header h : request.headers()) {
                record.headers().add(new RecordHeader(h.name(), h.value()));
            }
            producer().send(record, (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(new Delivery(
                            metadata.topic(), metadata.partition(), metadata.offset(), metadata.timestamp()));
                }
            });
        } catch (RuntimeException e) { // a bad partition, a record too large, a metadata wait that timed out
            result.completeExceptionally(e);
        }
    }

    /** The partition Kafka's default partitioner chooses for a key (murmur2 of its bytes), as clients do. */
    public static int partitionForKey(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (closed) {
            throw new IllegalStateException("The connection is closed");
        }
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(client);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "partita-producer");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        sender.shutdown();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
