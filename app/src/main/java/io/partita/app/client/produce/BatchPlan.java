package io.partita.app.client.produce;

import io.partita.app.client.records.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A generated batch as the produce form describes it: where to, how many, how fast, and the templates that make
 * each record's key, value and header values.
 *
 * @param partition  null: the default partitioner chooses
 * @param fileValue  the bytes of a value file, sent as they are in every record; null: {@code value} is used
 * @param json       every rendered value must be a JSON document
 * @param timestamp  null: the producer's clock
 * @param firstSeq   the {@code {{seq}}} of the first record
 * @param perSecond  records a second; 0 or less: as fast as possible
 */
public record BatchPlan(
        String topic,
        Integer partition,
        Template key,
        Template value,
        byte[] fileValue,
        boolean json,
        List<HeaderTemplate> headers,
        Long timestamp,
        long count,
        long firstSeq,
        double perSecond) {
    /** More would only fill the cluster by accident; a larger load belongs in a load-generating tool. */
    public static final long MAX_COUNT = 1_000_000;

    /** A header whose value is a template (null: a header without a value). */
    public record HeaderTemplate(String name, Template value) {}

    public BatchPlan {
        Objects.requireNonNull(topic, "topic");
        headers = List.copyOf(headers);
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException(
                    "The batch size must be from 1 to " + MAX_COUNT + ", not " + count + ".");
        }
    }

    /**
     * The {@code index}-th record (0-based) of the batch.
     *
     * @throws IllegalArgumentException naming the record whose value is not JSON
     */
    public ProduceRequest request(long index, Random random, Instant now) {
        long seq = firstSeq + index;
        String keyText = key.render(seq, random, now);
        byte[] valueBytes = fileValue;
        if (valueBytes == null) {
            try {
                valueBytes = ProduceInput.value(
                        value.render(seq, random, now),
                        json ? ProduceInput.ValueKind.JSON : ProduceInput.ValueKind.TEXT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Record " + (index + 1) + " of the batch ({{seq}} = " + seq + "): " + e.getMessage());
            }
        }
        List<Message.Header> rendered = new ArrayList<>(headers.size());
        for (HeaderTemplate h : headers) {
            rendered.add(new Message.Header(
                    h.name(),
                    h.value() == null
                            ? null
                            : h.value().render(seq, random, now).getBytes(StandardCharsets.UTF_8)));
        }
        return new ProduceRequest(topic, partition, ProduceInput.key(keyText), valueBytes, rendered, timestamp);
    }

    /**
     * When the {@code index}-th record is due, in nanoseconds after the batch started: evenly spaced from the start,
     * so a slow send is caught up with rather than pushing every later record back.
     */
    public long dueNanos(long index) {
        return perSecond > 0 ? (long) (index * 1_000_000_000d / perSecond) : 0;
    }
}
