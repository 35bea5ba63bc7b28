package io.partita.app.client.browse;

import io.partita.app.client.core.ClusterErrors;
import io.partita.app.client.core.Failures;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.PageMerge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser's live tail: a consumer of its own (without a group) on a thread of its own, positioned at the end
 * of the chosen partitions, that polls until stopped. Its own consumer, because a tail polls without end and the
 * reader's consumer serves page reads and searches one after the other.
 */
final class Follower {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);
    /** Short polls: a record produced shows within about this long, and stop is noticed at once (wake-up). */
    private static final Duration POLL = Duration.ofMillis(250);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final List<Integer> partitions;
    private final FollowControl control;
    private final Consumer<List<Message>> arrived;
    private final Executor ui;
    private volatile boolean running = true;

    /**
     * @param arrived hears each poll's records, ordered by timestamp (on the tail's thread; the caller moves them)
     * @param ui      where the control's futures complete (the FX thread in the app)
     */
    Follower(
            Properties client,
            String topic,
            List<Integer> partitions,
            FollowControl control,
            Consumer<List<Message>> arrived,
            Executor ui) {
        this.ui = ui;
        this.consumer = new KafkaConsumer<>(MessageReader.consumerProperties(client, "partita-tail"));
        this.topic = topic;
        this.partitions = List.copyOf(partitions);
        this.control = control;
        this.arrived = arrived;
        control.onStop(this::stop);
    }

    void stop() {
        running = false;
        try {
            consumer.wakeup();
        } catch (RuntimeException closedAlready) {
            LOG.debug("Tail already closed", closedAlready);
        }
    }

    /** Runs the tail on the calling thread until {@link #stop()}; completes the control's futures. */
    void run() {
        Throwable failure = null;
        try {
            List<PartitionInfo> known = consumer.partitionsFor(topic);
            if (known == null || known.isEmpty()) {
                throw new IllegalArgumentException("Topic " + topic + " does not exist (was it deleted?)");
            }
            List<TopicPartition> tps = new ArrayList<>();
            for (int p : partitions) {
                if (known.stream().noneMatch(i -> i.partition() == p)) {
                    throw new IllegalArgumentException("Topic " + topic + " has no partition " + p);
                }
                tps.add(new TopicPartition(topic, p));
            }
            consumer.assign(tps);
            // Asked now rather than left to the first poll, so what is produced once listening() completes shows.
            consumer.endOffsets(tps).forEach(consumer::seek);
            tps.forEach(consumer::position);
            ui.execute(() -> control.listening().complete(null));
            LOG.info("Following {} partitions {}", topic, partitions);
            while (running) {
                List<Message> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    batch.add(MessageReader.message(r));
                }
                if (!batch.isEmpty() && running) {
                    batch.sort(PageMerge.TIME_ORDER);
                    arrived.accept(batch);
                }
            }
        } catch (WakeupException stopped) {
            LOG.debug("Tail of {} woken to stop", topic);
        } catch (Throwable t) {
            failure = t;
            LOG.warn("Tail of {} stopped: {}", topic, Failures.describe(t));
        } finally {
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("Closing the tail's consumer", e);
            }
            LOG.info("Stopped following {}", topic);
        }
        Throwable explained = failure == null ? null : ClusterErrors.explain(failure);
        ui.execute(() -> {
            if (explained != null) {
                control.listening().completeExceptionally(explained);
                control.stopped().completeExceptionally(explained);
            } else {
                control.listening().complete(null);
                control.stopped().complete(null);
            }
        });
    }
}
