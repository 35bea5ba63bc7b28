package io.partita.broker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void theLastColumnIsAboveOneWhenTheFirstSystemIsAheadForRatesAndForLatencies() {
        ResultTable table = new ResultTable(List.of("Partita", "Kafka"));
        table.put("produce — records/s", 0, 200_000);
        table.put("produce — records/s", 1, 100_000);
        table.put("latency — p99 ms", 0, 5);
        table.put("latency — p99 ms", 1, 10);
        table.fail("consume — records/s", 1);

        List<String> lines = table.render().lines().toList();
        assertThat(lines.get(0)).contains("Partita vs Kafka");
        assertThat(lines.get(2)).contains("200,000").contains("100,000").endsWith("2.00 |");
        assertThat(lines.get(3)).endsWith("2.00 |");
        assertThat(lines.get(4)).contains("FAILED").endsWith("- |");
        assertThat(table.ratioLegend()).contains("Kafka/Partita for latencies");
    }

    @Test
    void percentilesAreTakenFromTheSortedSamples() {
        long[] millis = new long[1000];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = (i + 1) * 1_000_000L;
        }
        assertThat(EndToEndLatencyWorkload.percentile(millis, 0.50)).isEqualTo(500.0);
        assertThat(EndToEndLatencyWorkload.percentile(millis, 0.99)).isEqualTo(990.0);
        assertThat(EndToEndLatencyWorkload.percentile(millis, 0.999)).isEqualTo(999.0);
    }
}
