package io.partita.app.testing;

import io.partita.broker.testing.ApacheKafka;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Apache Kafka node for every test class of the run that needs one ({@code @ExtendWith(RealKafka.class)}):
 * started by the first, stopped when the whole run ends, so the suite pays for one Kafka start.
 */
public final class RealKafka implements BeforeAllCallback {
    private static volatile ApacheKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        Holder holder = context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Holder.class, key -> new Holder(), Holder.class);
        kafka = holder.kafka;
    }

    /** The running node; only inside a class extended with this extension. */
    public static ApacheKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(RealKafka.class)");
        }
        return kafka;
    }

    private static final class Holder implements AutoCloseable {
        private final ApacheKafka kafka;

        Holder() {
            try {
                kafka = ApacheKafka.start(Files.createTempDirectory("partita-apache-kafka"));
            } catch (Exception e) {
                throw new IllegalStateException("Could not start Apache Kafka for the tests", e);
            }
        }

        @Override
        public void close() {
            kafka.close();
        }
    }
}
