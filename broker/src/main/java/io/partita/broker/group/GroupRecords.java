package io.partita.broker.group;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The record format of {@code __consumer_offsets}: ours, since Kafka's coordinator record schemas are not part
 * of kafka-clients. Every key and value starts with a 2-byte version, so the format can evolve; a reader skips
 * keys of versions it does not know. Keys are chosen for compaction: one key per (group, topic, partition)
 * for offsets, one per group for its metadata; a record with a null value (a tombstone) deletes.
 *
 * <pre>
 * offset key  (version 0): group, topic, partition
 * group key   (version 1): group
 * offset value(version 0): offset int64, leader epoch int32, metadata string, commit timestamp int64
 * group value (version 0): protocol type, generation int32, protocol name?, leader?, state timestamp int64,
 *                          members int32 × (member id, instance id?, client id, client host,
 *                          rebalance timeout int32, session timeout int32, subscription bytes, assignment bytes)
 * </pre>
 * Strings are an int16 length (-1 for null) and UTF-8 bytes; byte arrays an int32 length and the bytes.
 */
public final class GroupRecords {
    static final short OFFSET_KEY_VERSION = 0;
    static final short GROUP_KEY_VERSION = 1;
    private static final short VALUE_VERSION = 0;

    private GroupRecords() {}

    /** A decoded key. */
    public sealed interface Key permits OffsetKey, GroupKey {
        String groupId();
    }

    public record OffsetKey(String groupId, TopicPartition partition) implements Key {}

    public record GroupKey(String groupId) implements Key {}

    public static byte[] offsetKey(String groupId, TopicPartition tp) {
        Writer w = new Writer();
        w.int16(OFFSET_KEY_VERSION);
        w.string(groupId);
        w.string(tp.topic());
        w.int32(tp.partition());
        return w.bytes();
    }

    public static byte[] groupKey(String groupId) {
        Writer w = new Writer();
        w.int16(GROUP_KEY_VERSION);
        w.string(groupId);
        return w.bytes();
    }

    /** The key, or null for a key version this code does not know (written by a newer node). */
    public static Key decodeKey(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        short version = b.getShort();
        return switch (version) {
            case OFFSET_KEY_VERSION -> {
                String group = readString(b);
                String topic = readString(b);
                yield new OffsetKey(group, new TopicPartition(topic, b.getInt()));
            }
            case GROUP_KEY_VERSION -> new GroupKey(readString(b));
            default -> null;
        };
    }

    public static byte[] offsetValue(CommittedOffset offset) {
        Writer w = new Writer();
        w.int16(VALUE_VERSION);
        w.int64(offset.offset());
        w.int32(offset.leaderEpoch());
        w.string(offset.metadata());
        w.int64(offset.commitTimestamp());
        return w.bytes();
    }

    public static CommittedOffset decodeOffset(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        checkVersion(b.getShort());
        return new CommittedOffset(b.getLong(), b.getInt(), readString(b), b.getLong());
    }

    public static byte[] groupValue(GroupSnapshot group) {
        Writer w = new Writer();
        w.int16(VALUE_VERSION);
        w.string(group.protocolType());
        w.int32(group.generation());
        w.string(group.protocolName());
        w.string(group.leaderId());
        w.int64(group.stateTimestamp());
        w.int32(group.members().size());
        for (GroupSnapshot.Member m : group.members()) {
            w.string(m.memberId());
            w.string(m.groupInstanceId());
            w.string(m.clientId());
            w.string(m.clientHost());
            w.int32(m.rebalanceTimeoutMs());
            w.int32(m.sessionTimeoutMs());
            w.bytes(m.subscription());
            w.bytes(m.assignment());
        }
        return w.bytes();
    }

    public static GroupSnapshot decodeGroup(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        checkVersion(b.getShort());
        String protocolType = readString(b);
        int generation = b.getInt();
        String protocolName = readString(b);
        String leader = readString(b);
        long stateTimestamp = b.getLong();
        int count = b.getInt();
        List<GroupSnapshot.Member> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new GroupSnapshot.Member(
                    readString(b),
                    readString(b),
                    readString(b),
                    readString(b),
                    b.getInt(),
                    b.getInt(),
                    readBytes(b),
                    readBytes(b)));
        }
        return new GroupSnapshot(protocolType, generation, protocolName, leader, stateTimestamp, members);
    }

    private static void checkVersion(short version) {
        if (version != VALUE_VERSION) {
            throw new IllegalArgumentException("Unknown value version " + version + " in " + OffsetsTopic.NAME);
        }
    }

    private static String readString(ByteBuffer b) {
        short length = b.getShort();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuffer b) {
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        return bytes;
    }

    /** A growing big-endian buffer. */
    private static final class Writer {
        private ByteBuffer buffer = ByteBuffer.allocate(64);

        private void ensure(int more) {
            if (buffer.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }

        void int16(short v) {
            ensure(2);
            buffer.putShort(v);
        }

        void int32(int v) {
            ensure(4);
            buffer.putInt(v);
        }

        void int64(long v) {
            ensure(8);
            buffer.putLong(v);
        }

        void string(String s) {
            if (s == null) {
                int16((short) -1);
                return;
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("String of " + bytes.length + " bytes is too long");
            }
            int16((short) bytes.length);
            ensure(bytes.length);
            buffer.put(bytes);
        }

        void bytes(byte[] bytes) {
            byte[] b = bytes == null ? new byte[0] : bytes;
            int32(b.length);
            ensure(b.length);
            buffer.put(b);
        }

        byte[] bytes() {
            byte[] out = new byte[buffer.position()];
            buffer.flip();
            buffer.get(out);
            return out;
        }
    }
}
