package io.partita.app.client.browse;

import io.partita.app.client.records.BrowsePage;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessagePage;
import io.partita.app.client.records.PageMerge;
import io.partita.app.client.records.PagePositions;
import io.partita.app.client.records.ReplayRange;
import io.partita.app.client.records.StartAt;
import io.partita.app.client.records.StopAt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's part that reads records for the message browser: one consumer without a group (nothing is
 * committed, no rebalance), assigned one partition per read and positioned by seek, so jumping to any offset
 * costs one offset-index lookup on the broker rather than a scan. A consumer is not thread-safe, so every read
 * runs on this reader's own thread, one after the other; {@link #cancel()} wakes a read that waits.
 */
public final class MessageReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageReader.class);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(10);
    private static final int FETCH_MAX_WAIT_MS = 50;

    private final KafkaConsumer<byte[], byte[]> consumer;
    /** A wake-up outside a read would abort the next one; so only a read in progress is woken. */
    private final AtomicBoolean reading = new AtomicBoolean();

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "partita-message-reader");
        t.setDaemon(true);
        return t;
    });

    /** @param client the connection's client settings (bootstrap servers, security) */
    public MessageReader(Properties client) {
        consumer = new KafkaConsumer<>(consumerProperties(client, "partita-browser"));
    }

    /** A group-less consumer's settings that never commit nor create a topic; shared with the live tail. */
    public static Properties consumerProperties(Properties client, String clientId) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // browsing never creates a topic
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_DEADLINE.toMillis());
        // The consumer fetches ahead for the partition it last read; when that partition is read to its end, the
        // broker holds the fetch up to this long, and the next read (another partition: a replay of several
        // takes turns) waits behind it. Kafka's 500 ms made a 15-partition replay wait 7 s before its first record.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Up to {@code limit} records of a partition from {@code start} on. */
    public CompletableFuture<MessagePage> read(String topic, int partition, StartAt start, int limit) {
        return onThread(() -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            long[] bounds = bounds(tp);
            long forTime = -1;
            if (start instanceof StartAt.Time time) {
                Map<TopicPartition, OffsetAndTimestamp> found =
                        consumer.offsetsForTimes(Map.of(tp, time.epochMillis()));
                forTime = found.get(tp) == null ? -1 : found.get(tp).offset();
            }
            long from = StartAt.resolve(start, bounds[0], bounds[1], forTime);
            return page(tp, from, Math.min(bounds[1], from + limit), bounds);
        });
    }

    /**
     * The offsets a replay from {@code start} to {@code stop} covers in a partition: the times are looked up with
     * offsets-for-times (one request for both), so each partition stops at its own first record at that time.
     */
    public CompletableFuture<ReplayRange> range(String topic, int partition, StartAt start, StopAt stop) {
        return onThread(() -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            long[] bounds = bounds(tp);
            long forStart = start instanceof StartAt.Time t ? offsetForTime(tp, t.epochMillis()) : -1;
            long forStop = stop instanceof StopAt.Time t ? offsetForTime(tp, t.epochMillis()) : -1;
            return ReplayRange.resolve(partition, start, stop, bounds[0], bounds[1], forStart, forStop);
        });
    }

    /** Up to {@code limit} records of {@code range} from {@code from} on, without asking for the log's bounds again. */
    public CompletableFuture<MessagePage> readSpan(ReplayRange range, String topic, long from, int limit) {
        return onThread(() -> {
            TopicPartition tp = new TopicPartition(topic, range.partition());
            consumer.assign(List.of(tp));
            return page(tp, from, Math.min(range.until(), from + limit), new long[] {range.logStart(), range.logEnd()});
        });
    }

    /** The first offset with a timestamp at or after {@code epochMillis}, or -1 when no record is that late. */
    private long offsetForTime(TopicPartition tp, long epochMillis) {
        OffsetAndTimestamp found =
                consumer.offsetsForTimes(Map.of(tp, epochMillis)).get(tp);
        return found == null ? -1 : found.offset();
    }

    /** Up to {@code limit} records just before {@code before} (the previous page). */
    public CompletableFuture<MessagePage> readBefore(String topic, int partition, long before, int limit) {
        return onThread(() -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            long[] bounds = bounds(tp);
            long until = Math.min(before, bounds[1]);
            long from = Math.max(bounds[0], until - limit);
            return page(tp, from, until, bounds);
        });
    }

    /**
     * A page of up to {@code limit} records across {@code partitions}, merged by timestamp, each partition
     * positioned from the same {@code start}. An offset past a partition's end starts that partition at its end
     * (partitions differ in length); past the end of all of them is refused, as for one partition.
     */
    public CompletableFuture<BrowsePage> readAll(String topic, List<Integer> partitions, StartAt start, int limit) {
        return onThread(() -> {
            Map<Integer, long[]> bounds = bounds(topic, partitions);
            Map<Integer, Long> forTime = new HashMap<>();
            if (start instanceof StartAt.Time time) {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(p -> query.put(new TopicPartition(topic, p), time.epochMillis()));
                consumer.offsetsForTimes(query)
                        .forEach((tp, found) -> forTime.put(tp.partition(), found == null ? -1 : found.offset()));
            }
            if (start instanceof StartAt.Offset o && bounds.values().stream().allMatch(b -> o.offset() > b[1])) {
                throw new IllegalArgumentException("offset " + o.offset() + " is past the end of every partition");
            }
            Map<Integer, Long> from = new TreeMap<>();
            bounds.forEach((p, b) -> {
                StartAt own = start instanceof StartAt.Offset o && o.offset() > b[1] ? new StartAt.Offset(b[1]) : start;
                from.put(p, StartAt.resolve(own, b[0], b[1], forTime.getOrDefault(p, -1L)));
            });
            return forward(topic, new PagePositions(from), bounds, limit);
        });
    }

    /** The page of up to {@code limit} records from {@code from} on in each of its partitions (Newer). */
    public CompletableFuture<BrowsePage> readAllFrom(String topic, PagePositions from, int limit) {
        return onThread(() -> forward(topic, from, bounds(topic, from.partitions()), limit));
    }

    /** The page of up to {@code limit} records just before {@code before} in each of its partitions (Older). */
    public CompletableFuture<BrowsePage> readAllBefore(String topic, PagePositions before, int limit) {
        return onThread(() -> {
            Map<Integer, long[]> bounds = bounds(topic, before.partitions());
            Map<Integer, long[]> ranges = new TreeMap<>();
            Map<Integer, Long> until = new TreeMap<>();
            bounds.forEach((p, b) -> {
                long end = Math.max(b[0], Math.min(before.offset(p), b[1]));
                until.put(p, end);
                ranges.put(p, new long[] {Math.max(b[0], end - limit), end});
            });
            // Enough of each partition for the whole page, then the newest `limit` of them across partitions.
            List<Message> page = PageMerge.last(fetch(topic, ranges), limit);
            PagePositions next = new PagePositions(until);
            return browsePage(topic, next.before(page), next, bounds, page);
        });
    }

    private BrowsePage forward(String topic, PagePositions from, Map<Integer, long[]> bounds, int limit) {
        Map<Integer, long[]> ranges = new TreeMap<>();
        from.offsets().forEach((p, o) -> ranges.put(p, new long[] {o, Math.min(bounds.get(p)[1], o + limit)}));
        List<Message> page = PageMerge.first(fetch(topic, ranges), limit);
        return browsePage(topic, from, from.after(page), bounds, page);
    }

    private static BrowsePage browsePage(
            String topic, PagePositions from, PagePositions next, Map<Integer, long[]> bounds, List<Message> page) {
        Map<Integer, Long> starts = new TreeMap<>();
        Map<Integer, Long> ends = new TreeMap<>();
        bounds.forEach((p, b) -> {
            starts.put(p, b[0]);
            ends.put(p, b[1]);
        });
        return new BrowsePage(topic, from, next, starts, ends, page);
    }

    /** Each partition's log start and end, as [start, end]; a missing topic or partition is named. */
    private Map<Integer, long[]> bounds(String topic, List<Integer> wanted) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalArgumentException("Topic " + topic + " does not exist (was it deleted?)");
        }
        List<TopicPartition> tps = new ArrayList<>();
        for (int p : wanted) {
            if (partitions.stream().noneMatch(info -> info.partition() == p)) {
                throw new IllegalArgumentException("Topic " + topic + " has no partition " + p);
            }
            tps.add(new TopicPartition(topic, p));
        }
        consumer.assign(tps);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(tps);
        Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
        Map<Integer, long[]> bounds = new TreeMap<>();
        tps.forEach(tp -> bounds.put(tp.partition(), new long[] {starts.get(tp), ends.get(tp)}));
        return bounds;
    }

    /**
     * Reads [from, until) of each partition of {@code ranges} in one poll loop (the partitions are assigned by
     * {@link #bounds}); a partition done is paused so that its fetches stop.
     */
    private Map<Integer, List<Message>> fetch(String topic, Map<Integer, long[]> ranges) {
        Map<Integer, List<Message>> read = new TreeMap<>();
        Map<TopicPartition, long[]> open = new HashMap<>();
        consumer.resume(consumer.assignment());
        ranges.forEach((p, r) -> {
            read.put(p, new ArrayList<>());
            TopicPartition tp = new TopicPartition(topic, p);
            // Every assigned partition needs a position, even one with nothing to read: without one, a poll asks
            // for the reset policy, and the browser's is "none" (an empty partition failed the whole page).
            consumer.seek(tp, r[0]);
            if (r[0] < r[1]) {
                open.put(tp, r);
            } else {
                consumer.pause(List.of(tp));
            }
        });
        long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
        try {
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (TopicPartition tp : List.copyOf(open.keySet())) {
                    long until = open.get(tp)[1];
                    for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                        if (r.offset() < until) {
                            read.get(tp.partition()).add(message(r));
                        }
                    }
                    // The position also passes the gaps of a compacted log.
                    if (consumer.position(tp) >= until) {
                        open.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
            }
        } catch (WakeupException cancelled) {
            LOG.debug("Read of {} cancelled", topic);
        } finally {
            consumer.resume(consumer.assignment());
        }
        return read;
    }

    /** Stops a read that waits for records; it completes with what it has. */
    public void cancel() {
        if (reading.get()) {
            consumer.wakeup();
        }
    }

    /** The partition's log start and end (high watermark), as [start, end]. */
    private long[] bounds(TopicPartition tp) {
        // Asked first, so a deleted topic is named as such rather than timing out in the offset lookups.
        List<PartitionInfo> partitions = consumer.partitionsFor(tp.topic());
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalArgumentException("Topic " + tp.topic() + " does not exist (was it deleted?)");
        }
        if (partitions.stream().noneMatch(p -> p.partition() == tp.partition())) {
            throw new IllegalArgumentException("Topic " + tp.topic() + " has no partition " + tp.partition());
        }
        consumer.assign(List.of(tp));
        long start = consumer.beginningOffsets(List.of(tp)).get(tp);
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        return new long[] {start, end};
    }

    /** Reads [from, until) of {@code tp}; a compacted log may have fewer records than offsets in the range. */
    private MessagePage page(TopicPartition tp, long from, long until, long[] bounds) {
        List<Message> messages = new ArrayList<>();
        long next = from;
        if (from < until) {
            consumer.seek(tp, from);
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            try {
                while (next < until && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r :
                            consumer.poll(Duration.ofMillis(200)).records(tp)) {
                        if (r.offset() >= until) {
                            break;
                        }
                        messages.add(message(r));
                        next = r.offset() + 1;
                    }
                    // Past a gap at the end of a compacted range, the position says how far the log was read.
                    next = Math.max(next, Math.min(until, consumer.position(tp)));
                }
            } catch (WakeupException cancelled) {
                LOG.debug("Read of {} cancelled at offset {}", tp, next);
            }
        }
        return new MessagePage(tp.topic(), tp.partition(), from, next, bounds[0], bounds[1], messages);
    }

    public static Message message(ConsumerRecord<byte[], byte[]> r) {
        List<Message.Header> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new Message.Header(h.key(), h.value()));
        }
        return new Message(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), headers);
    }

    private <T> CompletableFuture<T> onThread(Callable<T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                reading.set(true);
                try {
                    result.complete(read.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                } finally {
                    reading.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("The connection is closed", e));
        }
        return result;
    }

    @Override
    public void close() {
        cancel();
        // The consumer belongs to the reader's thread: it is closed there, after any read still queued.
        thread.execute(() -> consumer.close(Duration.ofSeconds(2)));
        thread.shutdown();
        try {
            if (!thread.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("The message reader did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
