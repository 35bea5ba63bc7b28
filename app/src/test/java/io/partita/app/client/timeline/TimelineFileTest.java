package io.partita.app.client.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.cluster.BrokerColumn;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.PartitionPositions;
import io.partita.app.client.cluster.PartitionRow;
import io.partita.app.client.timeline.TimelineFile.RecordedMap;
import io.partita.app.client.timeline.TimelineFile.Recording;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded timeline kept as a file and read back whole; files that are not one are named with their line. */
class TimelineFileTest {
    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

    @TempDir
    Path dir;

    private static ClusterMap map(boolean brokerTwoUp, long end) {
        List<BrokerColumn> brokers = List.of(
                new BrokerColumn(0, "127.0.0.1:9092", null, true, true),
                new BrokerColumn(1, "127.0.0.1:9093", "east", false, true),
                new BrokerColumn(2, brokerTwoUp ? "127.0.0.1:9094" : "", null, false, brokerTwoUp));
        List<PartitionRow> rows = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            rows.add(new PartitionRow(
                    "orders",
                    p,
                    List.of(0, 1, 2),
                    p % 2,
                    brokerTwoUp ? List.of(0, 1, 2) : List.of(0, 1),
                    brokerTwoUp ? List.of() : List.of(2),
                    false,
                    new PartitionPositions(0, p == 0 ? end : 5, Map.of(0, p == 0 ? end : 5L, 1, 5L))));
        }
        rows.add(new PartitionRow("__consumer_offsets", 0, List.of(1), 1, List.of(1), List.of(), true));
        return new ClusterMap(brokers, rows);
    }

    @Test
    void aRecordingReadsBackAsItWasWritten() throws Exception {
        List<RecordedMap> maps = List.of(
                new RecordedMap(T0, map(true, 10)),
                new RecordedMap(T0.plusMillis(250), map(true, 12)),
                new RecordedMap(T0.plusSeconds(2), map(false, 12)),
                new RecordedMap(
                        T0.plusSeconds(9),
                        new ClusterMap(
                                map(false, 40).brokers(), map(false, 40).rows().subList(0, 2))));
        Path file = dir.resolve("run.timeline.jsonl");
        TimelineFile.write(file, "Local cluster (3 nodes)", maps);

        Recording read = TimelineFile.read(file);
        assertThat(read.cluster()).isEqualTo("Local cluster (3 nodes)");
        assertThat(read.maps()).isEqualTo(maps);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(2)).contains("\"changed\"").doesNotContain("\"brokers\"");
        assertThat(lines.get(3)).contains("\"brokers\"");
        assertThat(lines.get(4)).contains("\"rows\"");
        assertThat(Files.exists(dir.resolve("run.timeline.jsonl.partial"))).isFalse();
    }

    @Test
    void aFileThatIsNotATimelineIsNamedWithItsLine() throws Exception {
        Path good = dir.resolve("good.timeline.jsonl");
        TimelineFile.write(
                good,
                "c",
                List.of(new RecordedMap(T0, map(true, 1)), new RecordedMap(T0.plusSeconds(1), map(true, 2))));
        List<String> lines = Files.readAllLines(good);

        assertProblem(List.of(), "Line 1: expected a timeline's header line, but the file is empty");
        assertProblem(
                List.of("{\"topic\":\"orders\",\"partition\":0,\"offset\":1,\"value\":\"v\"}"),
                "Line 1: expected a Partita timeline");
        assertProblem(List.of(lines.get(0).replace("\"version\":1", "\"version\":7")), "Line 1: expected version 1");
        assertProblem(List.of(lines.get(0), lines.get(1), "{\"time\": oops"), "Line 3: expected a JSON object");
        // Cut short in the middle of a line, as a copy that did not finish leaves it.
        assertProblem(
                List.of(
                        lines.get(0),
                        lines.get(1),
                        lines.get(2).substring(0, lines.get(2).length() / 2)),
                "Line 3: expected a JSON object");
        assertProblem(List.of(lines.get(0), lines.get(2)), "Line 2: expected the brokers");
        assertProblem(
                List.of(lines.get(0), lines.get(1), lines.get(2).replace("\"at\":0", "\"at\":99")),
                "Line 3: expected each change's \"at\" as a row's place, from 0 to 3");
        assertProblem(
                List.of(lines.get(0), lines.get(1), lines.get(1).replace("10:00:00Z", "09:00:00Z")),
                "Line 3: expected a time no earlier than the line before's");
    }

    private void assertProblem(List<String> lines, String expected) throws Exception {
        Path file = dir.resolve("bad.timeline.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TimelineFile.read(file))
                .isInstanceOf(TimelineFileException.class)
                .hasMessageStartingWith(expected);
    }
}
