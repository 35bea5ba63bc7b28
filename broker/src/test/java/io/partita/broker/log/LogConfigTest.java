package io.partita.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void defaultsAreKafkas() {
        LogConfig config = LogConfig.defaults();
        assertThat(config.retentionMs()).isEqualTo(604_800_000L);
        assertThat(config.retentionBytes()).isEqualTo(-1L);
        assertThat(config.maxMessageBytes()).isEqualTo(1_048_588);
        assertThat(config.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(config.compressionType()).isEqualTo("producer");
        assertThat(config.cleanupPolicy()).containsExactly("delete");
        assertThat(config.minInSyncReplicas()).isEqualTo(1);
        assertThat(config.flushMessages()).isEqualTo(Long.MAX_VALUE);
        assertThat(config.flushMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(config.uncleanLeaderElectionEnable()).isFalse();
        assertThat(config.segmentBytes()).isEqualTo(1_073_741_824);
        assertThat(config.messageTimestampBeforeMaxMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(config.messageTimestampAfterMaxMs()).isEqualTo(3_600_000L);
        assertThat(config.deleteRetentionMs()).isEqualTo(86_400_000L);
        assertThat(config.values().keySet()).isEqualTo(LogConfig.names());
        assertThat(config.overriddenNames()).isEmpty();
    }

    @Test
    void overridesWinOverBrokerDefaultsAndParseStrings() {
        LogConfig config = LogConfig.from(
                Map.of("retention.ms", "1000", "compression.type", "lz4"),
                Map.of(
                        "retention.ms",
                        "5000",
                        "message.timestamp.type",
                        "LogAppendTime",
                        "cleanup.policy",
                        "compact,delete"));
        assertThat(config.retentionMs()).isEqualTo(5000L);
        assertThat(config.compressionType()).isEqualTo("lz4");
        assertThat(config.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(config.cleanupPolicy()).isEqualTo(List.of("compact", "delete"));
        assertThat(config.compacted()).isTrue();
        assertThat(config.deleteEnabled()).isTrue();
        assertThat(config.overriddenNames())
                .containsExactlyInAnyOrder("retention.ms", "message.timestamp.type", "cleanup.policy");
        assertThat(config.values()).containsEntry("retention.ms", 5000L);
    }

    @Test
    void rejectsUnknownNamesAndBadValues() {
        assertThatThrownBy(() -> LogConfig.from(Map.of(), Map.of("retention.mss", "1")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> LogConfig.from(Map.of(), Map.of("compression.type", "brotli")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> LogConfig.from(Map.of(), Map.of("retention.ms", "-2")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> LogConfig.from(Map.of(), Map.of("cleanup.policy", "keep")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> LogConfig.from(Map.of(), Map.of("max.message.bytes", "lots")))
                .isInstanceOf(ConfigException.class);
    }
}
