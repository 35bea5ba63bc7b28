package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.kafka.common.Uuid;

/**
 * Keys and values of the shared {@code meta} database. Keys start with a kind byte, then the topic id and
 * partition, so one partition's producer entries are a contiguous range:
 * <pre>
 *   'P' topicId(16) partition(4)                 -> PartitionState (with the topic name: the registry)
 *   'S' topicId(16) partition(4) producerId(8)   -> ProducerStateEntry
 * </pre>
 * Values start with a format version byte so a later release can read what this one wrote.
 */
final class MetaCodec {

    static final byte PARTITION_KIND = 'P';
    static final byte PRODUCER_KIND = 'S';
    static final int PARTITION_KEY_SIZE = 1 + 16 + 4;
    private static final byte FORMAT_V1 = 1;
    /** V2 partition state: V1 plus the virtual active segment and the cleaner checkpoint. */
    private static final byte FORMAT_V2 = 2;

    private MetaCodec() {}

    static String logDatabaseName(PartitionKey key) {
        return "log:" + key.topicId() + ":" + key.partition();
    }

    static String timeIndexDatabaseName(PartitionKey key) {
        return "tix:" + key.topicId() + ":" + key.partition();
    }

    static ByteBuffer partitionKey(PartitionKey key) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(PARTITION_KEY_SIZE);
        writePrefix(buffer, PARTITION_KIND, key);
        return buffer.flip();
    }

    static ByteBuffer producerPrefix(PartitionKey key) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(PARTITION_KEY_SIZE);
        writePrefix(buffer, PRODUCER_KIND, key);
        return buffer.flip();
    }

    /** The producer entry's key, written into a buffer from {@code buffers} (given the size it needs). */
    static ByteBuffer producerKey(PartitionKey key, long producerId, IntFunction<ByteBuffer> buffers) {
        ByteBuffer buffer = buffers.apply(PARTITION_KEY_SIZE + 8);
        writePrefix(buffer, PRODUCER_KIND, key);
        buffer.putLong(producerId);
        return buffer.flip();
    }

    private static void writePrefix(ByteBuffer buffer, byte kind, PartitionKey key) {
        buffer.put(kind)
                .putLong(key.topicId().getMostSignificantBits())
                .putLong(key.topicId().getLeastSignificantBits())
                .putInt(key.partition());
    }

    static boolean hasPrefix(ByteBuffer key, ByteBuffer prefix) {
        if (key.remaining() < prefix.remaining()) {
            return false;
        }
        for (int i = 0; i < prefix.remaining(); i++) {
            if (key.get(key.position() + i) != prefix.get(prefix.position() + i)) {
                return false;
            }
        }
        return true;
    }

    static boolean isPartitionKey(ByteBuffer key) {
        return key.remaining() == PARTITION_KEY_SIZE && key.get(key.position()) == PARTITION_KIND;
    }

    static long producerIdOf(ByteBuffer key) {
        return key.order(ByteOrder.BIG_ENDIAN).getLong(key.position() + PARTITION_KEY_SIZE);
    }

    /** The PartitionKey of a 'P' key, given the topic name stored in its value. */
    static PartitionKey decodePartitionKey(ByteBuffer key, String topic) {
        ByteBuffer k = key.duplicate().order(ByteOrder.BIG_ENDIAN);
        k.get();
        Uuid topicId = new Uuid(k.getLong(), k.getLong());
        return new PartitionKey(topicId, topic, k.getInt());
    }

    /** The partition state, written into a buffer from {@code buffers} (given the size it needs). */
    static ByteBuffer encodeState(PartitionState state, IntFunction<ByteBuffer> buffers) {
        byte[] topic = state.topic().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer =
                buffers.apply(1 + 2 + topic.length + 5 * 8 + 4 + state.epochs().size() * 12 + 5 * 8);
        buffer.put(FORMAT_V2)
                .putShort((short) topic.length)
                .put(topic)
                .putLong(state.logStartOffset())
                .putLong(state.logEndOffset())
                .putLong(state.highWatermark())
                .putLong(state.sizeInBytes())
                .putLong(state.maxTimestamp())
                .putInt(state.epochs().size());
        for (EpochEntry entry : state.epochs()) {
            buffer.putInt(entry.epoch()).putLong(entry.startOffset());
        }
        ActiveSegment active = state.activeSegment();
        buffer.putLong(active.baseOffset())
                .putLong(active.sizeInBytes())
                .putLong(active.firstTimestamp())
                .putLong(active.createdMs())
                .putLong(state.cleanerCheckpoint());
        return buffer.flip();
    }

    static PartitionState decodeState(ByteBuffer value) {
        ByteBuffer v = value.duplicate().order(ByteOrder.BIG_ENDIAN);
        byte version = v.get();
        if (version != FORMAT_V2) {
            checkVersion(version);
        }
        byte[] topic = new byte[v.getShort()];
        v.get(topic);
        long logStart = v.getLong();
        long logEnd = v.getLong();
        long highWatermark = v.getLong();
        long size = v.getLong();
        long maxTimestamp = v.getLong();
        int count = v.getInt();
        List<EpochEntry> epochs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            epochs.add(new EpochEntry(v.getInt(), v.getLong()));
        }
        ActiveSegment active;
        long cleanerCheckpoint;
        if (version == FORMAT_V2) {
            active = new ActiveSegment(v.getLong(), v.getLong(), v.getLong(), v.getLong());
            cleanerCheckpoint = v.getLong();
        } else {
            // Written before segments were tracked: what is stored counts as rolled segments.
            active = new ActiveSegment(logEnd, 0, -1, -1);
            cleanerCheckpoint = -1;
        }
        return new PartitionState(
                new String(topic, StandardCharsets.UTF_8),
                logStart,
                logEnd,
                highWatermark,
                size,
                maxTimestamp,
                epochs,
                active,
                cleanerCheckpoint);
    }

    /** The producer entry, written into a buffer from {@code buffers} (given the size it needs). */
    static ByteBuffer encodeProducer(ProducerStateEntry entry, IntFunction<ByteBuffer> buffers) {
        ByteBuffer buffer = buffers.apply(1 + 2 + 1 + entry.batches().size() * 32);
        buffer.put(FORMAT_V1).putShort(entry.producerEpoch()).put((byte)
                entry.batches().size());
        for (BatchMetadata batch : entry.batches()) {
            buffer.putInt(batch.firstSeq())
                    .putInt(batch.lastSeq())
                    .putLong(batch.firstOffset())
                    .putLong(batch.lastOffset())
                    .putLong(batch.timestamp());
        }
        return buffer.flip();
    }

    static ProducerStateEntry decodeProducer(long producerId, ByteBuffer value) {
        ByteBuffer v = value.duplicate().order(ByteOrder.BIG_ENDIAN);
        checkVersion(v.get());
        short epoch = v.getShort();
        int count = v.get();
        List<BatchMetadata> batches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batches.add(new BatchMetadata(v.getInt(), v.getInt(), v.getLong(), v.getLong(), v.getLong()));
        }
        return new ProducerStateEntry(producerId, epoch, batches);
    }

    private static void checkVersion(byte version) {
        if (version != FORMAT_V1) {
            throw new IllegalStateException("Unknown meta format version " + version);
        }
    }
}
