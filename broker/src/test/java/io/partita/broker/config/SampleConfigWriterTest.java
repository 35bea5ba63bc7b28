package io.partita.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;

class SampleConfigWriterTest {
    private final String sample = SampleConfigWriter.sample(BrokerConfig.configDef());

    @Test
    void everyPropertyIsDocumentedOnceAndTheRestAreCommentedOut() throws Exception {
        for (ConfigKey key : BrokerConfig.configDef().configKeys().values()) {
            assertThat(sample.lines().filter(line -> line.matches("#?" + key.name.replace(".", "\\.") + "=.*")))
                    .as(key.name)
                    .hasSize(1);
        }
        Properties set = new Properties();
        set.load(new StringReader(sample));
        assertThat(set.stringPropertyNames())
                .containsExactlyInAnyOrder(
                        BrokerConfig.BROKER_ID,
                        BrokerConfig.LISTENERS,
                        BrokerConfig.LOG_DIRS,
                        BrokerConfig.ZOOKEEPER_CONNECT);
    }

    @Test
    void theFileIsAValidNodeConfiguration() throws Exception {
        Properties set = new Properties();
        set.load(new StringReader(sample));
        BrokerConfig config = new BrokerConfig(set);
        assertThat(config.brokerId()).isZero();
        assertThat(sample.lines()).allMatch(line -> line.length() <= 100 || !line.contains(" "));
        assertThat(sample).contains("# The id of this node; unique within the cluster.");
    }
}
