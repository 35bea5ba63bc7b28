package io.partita.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Properties that would make a user believe the node is secured stop it; unknown ones are logged. */
class UnsupportedPropertiesTest {

    private static Map<String, String> config(String name, String value) {
        Map<String, String> props = new HashMap<>();
        props.put(BrokerConfig.ZOOKEEPER_CONNECT, "127.0.0.1:2181");
        props.put(name, value);
        return props;
    }

    @Test
    void everySecurityPropertyIsRefusedInOneLineThatNamesIt() {
        Map<String, String> refused = Map.of(
                "ssl.keystore.location", "/etc/kafka/keystore.p12",
                "ssl.client.auth", "required",
                "sasl.enabled.mechanisms", "PLAIN",
                "sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512",
                "listener.name.external.ssl.truststore.location", "/etc/kafka/trust.p12",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config", "x required;",
                "authorizer.class.name", "kafka.security.authorizer.AclAuthorizer",
                "zookeeper.set.acl", "true",
                "security.inter.broker.protocol", "SSL");
        refused.forEach((name, value) -> assertThatThrownBy(() -> new BrokerConfig(config(name, value)))
                .as(name)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(name)
                .hasMessageContaining("Partita's broker does not support")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1)));
        for (String listener :
                List.of("SSL://:9093", "SASL_PLAINTEXT://:9094", "SASL_SSL://:9095", "PLAINTEXT://:9092,SSL://:9093")) {
            assertThatThrownBy(() -> new BrokerConfig(config(BrokerConfig.LISTENERS, listener)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("listeners=" + listener + ": Partita's broker does not support ")
                    .hasMessageEndingWith("listeners yet; use PLAINTEXT://host:port");
        }
        assertThatThrownBy(() -> new BrokerConfig(config(BrokerConfig.ADVERTISED_LISTENERS, "SSL://h:9093")))
                .hasMessageStartingWith("advertised.listeners=SSL://h:9093");
    }

    @Test
    void settingsThatAskForNoSecurityAreFine() {
        new BrokerConfig(config("zookeeper.set.acl", "false"));
        new BrokerConfig(config("security.inter.broker.protocol", "PLAINTEXT"));
        new BrokerConfig(config("authorizer.class.name", ""));
        new BrokerConfig(config(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0"));
    }

    @Test
    void unknownPropertiesAreLoggedInKafkasWords() {
        Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("unsupported-properties-test");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Map<String, String> props = config("num.recovery.threads.per.data.dir", "4");
        props.put("log.retention.hour", "24"); // a typo of log.retention.hours
        new BrokerConfig(props).logUnknown(logger);
        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "The configuration 'log.retention.hour' was supplied but isn't a known config.",
                        "The configuration 'num.recovery.threads.per.data.dir' was supplied but isn't a known config.");
    }
}
