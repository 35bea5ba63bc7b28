package io.partita.app.client.groups;

import java.util.Comparator;
import java.util.List;

/**
 * Works out a reset preview the way Kafka's {@code kafka-consumer-groups --reset-offsets} does: earliest is
 * log start, latest is log end, a specific offset is kept within [log start, log end], and a time is the first
 * offset at or after it, or log end when no record is that recent.
 */
public final class ResetPlanner {
    private ResetPlanner() {}

    public static List<ResetRow> plan(ResetRequest request, List<PartitionOffsets> partitions) {
        return partitions.stream()
                .filter(p -> request.covers(p.topic()))
                .sorted(Comparator.comparing(PartitionOffsets::topic).thenComparingInt(PartitionOffsets::partition))
                .map(p -> new ResetRow(p.topic(), p.partition(), p.committed(), target(request, p)))
                .toList();
    }

    static long target(ResetRequest request, PartitionOffsets p) {
        return switch (request.strategy()) {
            case EARLIEST -> p.logStart();
            case LATEST -> p.logEnd();
            case SPECIFIC_OFFSET -> Math.max(p.logStart(), Math.min(p.logEnd(), request.offset()));
            case TIMESTAMP ->
                p.atTimestamp() == PartitionOffsets.NONE
                        ? p.logEnd()
                        : Math.max(p.logStart(), Math.min(p.logEnd(), p.atTimestamp()));
        };
    }
}
