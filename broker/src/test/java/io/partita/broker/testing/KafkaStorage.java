package io.partita.broker.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kafka-storage format} of one Apache Kafka KRaft node, run as a child JVM from the test classpath (the
 * {@code kafka_2.13} test dependency): the tool ends with {@code Exit.exit}, which must not end the test JVM.
 */
public final class KafkaStorage {
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private KafkaStorage() {}

    /**
     * Formats the log directories named by {@code serverProperties} for cluster {@code clusterId}; {@code extraArgs}
     * add e.g. {@code --standalone} or {@code --add-scram ...}. Fails with the tool's output when it does not exit 0.
     */
    public static void format(
            String name,
            String clusterId,
            Path serverProperties,
            List<String> extraArgs,
            List<String> jvmArgs,
            Path logFile)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", serverProperties.toString()));
        args.addAll(extraArgs);
        try (ChildJvm format =
                ChildJvm.start("kafka-storage-format-" + name, jvmArgs, "kafka.tools.StorageTool", args, logFile)) {
            int exit = format.awaitExit(FORMAT_TIMEOUT);
            if (exit != 0) {
                throw new IllegalStateException(
                        "kafka-storage format of " + name + " exited with " + exit + ":\n" + format.tail(40));
            }
        }
    }
}
