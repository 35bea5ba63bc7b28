package io.partita.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupRecordsTest {

    @Test
    void offsetKeysAndValuesRoundTrip() {
        TopicPartition tp = new TopicPartition("orders", 7);
        byte[] key = GroupRecords.offsetKey("g-ü", tp);
        assertThat(GroupRecords.decodeKey(ByteBuffer.wrap(key))).isEqualTo(new GroupRecords.OffsetKey("g-ü", tp));
        CommittedOffset offset = new CommittedOffset(42, 3, "meta", 1234L);
        assertThat(GroupRecords.decodeOffset(ByteBuffer.wrap(GroupRecords.offsetValue(offset))))
                .isEqualTo(offset);
    }

    @Test
    void keysOfTheSameGroupAndPartitionAreEqualSoCompactionKeepsTheLatest() {
        TopicPartition tp = new TopicPartition("t", 0);
        assertThat(GroupRecords.offsetKey("g", tp)).isEqualTo(GroupRecords.offsetKey("g", tp));
        assertThat(GroupRecords.offsetKey("g", tp))
                .isNotEqualTo(GroupRecords.offsetKey("g", new TopicPartition("t", 1)));
        assertThat(GroupRecords.groupKey("g")).isNotEqualTo(GroupRecords.offsetKey("g", tp));
        assertThat(GroupRecords.decodeKey(ByteBuffer.wrap(GroupRecords.groupKey("g"))))
                .isEqualTo(new GroupRecords.GroupKey("g"));
    }

    @Test
    void groupValuesRoundTripWithNullsAndMembers() {
        GroupSnapshot snapshot = new GroupSnapshot(
                "consumer",
                5,
                "range",
                "m-1",
                99L,
                List.of(
                        new GroupSnapshot.Member(
                                "m-1", null, "client", "/127.0.0.1", 300_000, 45_000, new byte[] {1, 2}, new byte[] {3
                                }),
                        new GroupSnapshot.Member(
                                "m-2", "instance", "client", "/127.0.0.1", 300_000, 45_000, new byte[0], new byte[0])));
        GroupSnapshot decoded = GroupRecords.decodeGroup(ByteBuffer.wrap(GroupRecords.groupValue(snapshot)));
        assertThat(decoded.protocolType()).isEqualTo("consumer");
        assertThat(decoded.generation()).isEqualTo(5);
        assertThat(decoded.protocolName()).isEqualTo("range");
        assertThat(decoded.leaderId()).isEqualTo("m-1");
        assertThat(decoded.members()).hasSize(2);
        assertThat(decoded.members().get(0).groupInstanceId()).isNull();
        assertThat(decoded.members().get(0).subscription()).containsExactly(1, 2);
        assertThat(decoded.members().get(1).groupInstanceId()).isEqualTo("instance");

        GroupSnapshot empty = new GroupSnapshot("", 0, null, null, 1L, List.of());
        GroupSnapshot decodedEmpty = GroupRecords.decodeGroup(ByteBuffer.wrap(GroupRecords.groupValue(empty)));
        assertThat(decodedEmpty.protocolName()).isNull();
        assertThat(decodedEmpty.leaderId()).isNull();
        assertThat(decodedEmpty.members()).isEmpty();
    }

    @Test
    void aKeyOfAnUnknownVersionIsSkipped() {
        assertThat(GroupRecords.decodeKey(ByteBuffer.wrap(new byte[] {0, 9, 0, 0})))
                .isNull();
    }
}
