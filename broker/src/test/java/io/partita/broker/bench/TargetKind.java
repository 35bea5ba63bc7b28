package io.partita.broker.bench;

import java.nio.file.Path;
import java.util.Locale;

/** The systems the benchmark can start; {@code -Dbench.targets=partita,kafka} picks and orders them. */
enum TargetKind {
    PARTITA("Partita") {
        @Override
        BenchTarget create(int nodes, Path workDir, Path logFile, BenchConfig config) {
            return new PartitaTarget(nodes, workDir, logFile, config);
        }
    },
    KAFKA("Kafka") {
        @Override
        BenchTarget create(int nodes, Path workDir, Path logFile, BenchConfig config) {
            return new ApacheKafkaTarget(nodes, workDir, logFile, config);
        }
    };

    private final String label;

    TargetKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** A not-yet-started target; {@code workDir} is created by the target and deleted on close. */
    abstract BenchTarget create(int nodes, Path workDir, Path logFile, BenchConfig config);

    static TargetKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown bench target '" + name + "' (known: partita, kafka)", e);
        }
    }
}
