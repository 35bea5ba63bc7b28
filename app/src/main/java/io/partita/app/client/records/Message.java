package io.partita.app.client.records;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One record as the app shows, exports and re-produces it: where it sits, when, and its bytes untouched.
 *
 * @param timestamp milliseconds since the epoch, as the record carries it
 * @param key       null for a record without a key
 * @param value     null for a tombstone
 */
public record Message(
        String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {

    /** A record header: a name and bytes (possibly null). */
    public record Header(String name, byte[] value) {
        public Header {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && name.equals(h.name) && Arrays.equals(value, h.value);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return name + "=" + Bytes.preview(value, 40);
        }
    }

    public Message {
        Objects.requireNonNull(topic, "topic");
        headers = List.copyOf(headers);
    }

    /** Key, value and header bytes: what the record weighs, without the batch's overhead. */
    public int size() {
        int size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header h : headers) {
            size += h.name().length() + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    // Records compare their arrays by reference; messages are compared by content (export/import round trips).
    @Override
    public boolean equals(Object o) {
        return o instanceof Message m
                && topic.equals(m.topic)
                && partition == m.partition
                && offset == m.offset
                && timestamp == m.timestamp
                && Arrays.equals(key, m.key)
                && Arrays.equals(value, m.value)
                && headers.equals(m.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(key), Arrays.hashCode(value), headers);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " key=" + Bytes.preview(key, 40) + " value="
                + Bytes.preview(value, 60);
    }
}
