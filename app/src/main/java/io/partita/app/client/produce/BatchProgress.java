package io.partita.app.client.produce;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How far a generated batch has come, and at the end its summary: where the records landed, how long it took.
 *
 * @param total      records the batch asked for
 * @param sent       records the cluster acknowledged
 * @param partitions per partition, the first and last offset acknowledged, by partition number
 * @param failure    why a FAILED batch stopped, else null
 */
public record BatchProgress(
        String topic, long total, long sent, List<Span> partitions, State state, long elapsedMillis, String failure)
        implements Sent {

    public enum State {
        RUNNING,
        DONE,
        CANCELLED,
        FAILED
    }

    /** Where a batch's records landed in one partition. */
    public record Span(int partition, long first, long last, long count) {}

    public BatchProgress {
        partitions = List.copyOf(partitions);
    }

    /** Nothing done: a batch refused before it started. */
    public static BatchProgress refused(String topic, long total, String why) {
        return new BatchProgress(topic, total, 0, List.of(), State.FAILED, 0, why);
    }

    /** How far, 0 to 1. */
    public double fraction() {
        return total <= 0 ? 0 : Math.min(1, sent / (double) total);
    }

    /** Records acknowledged a second, over the whole run. */
    public double rate() {
        return elapsedMillis <= 0 ? 0 : sent * 1000.0 / elapsedMillis;
    }

    /** One line: the count while running; the outcome, where it landed and the rate at the end. */
    public String summary() {
        return summary(true);
    }

    private String summary(boolean offsets) {
        String counts = sent + " of " + total + " sent";
        if (state == State.RUNNING) {
            return counts;
        }
        String timing = String.format(" in %.1f s (%.1f records/s)", elapsedMillis / 1000.0, rate());
        String where = partitions.isEmpty()
                ? ""
                : offsets
                        ? "; "
                                + partitions.stream()
                                        .map(s ->
                                                "partition " + s.partition() + " offsets " + s.first() + "–" + s.last())
                                        .collect(Collectors.joining(", "))
                        : partitions.size() == 1
                                ? " to partition " + partitions.get(0).partition()
                                : " to " + partitions.size() + " partitions";
        return switch (state) {
            case RUNNING -> counts;
            case DONE -> "Done: " + counts + timing + where;
            case CANCELLED -> "Cancelled: " + counts + timing + where;
            case FAILED -> "Stopped: " + counts + timing + where + ". " + failure;
        };
    }

    /** Short, for the list of what was sent (the offsets per partition are in {@link #summary()}). */
    @Override
    public String line() {
        return "Batch to " + topic + ". " + summary(false);
    }

    @Override
    public String details() {
        return "Batch to " + topic + ". " + summary();
    }

    @Override
    public Delivery first() {
        return partitions.isEmpty()
                ? null
                : new Delivery(
                        topic, partitions.get(0).partition(), partitions.get(0).first(), -1);
    }
}
