package io.partita.app.client.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partita.app.client.cluster.BrokerColumn;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.PartitionPositions;
import io.partita.app.client.cluster.PartitionRow;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A recorded timeline as a file, so a run can be kept and replayed elsewhere with no cluster: JSON Lines, a header
 * line, then one line per moment, each map written as the rows that changed from the moment before (the whole map
 * when the partitions themselves changed, and on the first line):
 *
 * <pre>{"format":"partita-timeline","version":1,"cluster":"Local cluster (3 nodes)"}
 * {"time":"2026-12-08T02:02:56.100Z","brokers":[{"id":0,"address":"127.0.0.1:9092","controller":true,"up":true}],
 *  "rows":[{"topic":"orders","partition":0,"replicas":[0,1,2],"leader":0,"isr":[0,1,2],"offline":[],
 *  "internal":false,"logStart":0,"highWatermark":899,"logEnds":{"0":899,"1":899,"2":899}}]}
 * {"time":"2026-12-08T02:02:58.412Z","changed":[{"at":0,"row":{…}}]}</pre>
 *
 * A moment whose brokers did not change leaves them out.
 */
public final class TimelineFile {
    public static final String FORMAT = "partita-timeline";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One map as the app saw it at {@code time}. */
    public record RecordedMap(Instant time, ClusterMap map) {}

    /** What a file holds: the cluster's name as the app showed it, and its maps in order. */
    public record Recording(String cluster, List<RecordedMap> maps) {}

    private TimelineFile() {}

    /**
     * Writes {@code maps} (in time order) to {@code file}, through a temporary file beside it: a failed write leaves
     * whatever was there before.
     */
    public static void write(Path file, String cluster, Iterable<RecordedMap> maps) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            ObjectNode header = JSON.createObjectNode();
            header.put("format", FORMAT);
            header.put("version", VERSION);
            header.put("cluster", cluster);
            line(out, header);
            ClusterMap previous = null;
            for (RecordedMap moment : maps) {
                line(out, moment(moment, previous));
                previous = moment.map();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ObjectNode moment(RecordedMap moment, ClusterMap previous) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", moment.time().toString());
        ClusterMap map = moment.map();
        if (previous == null || !previous.brokers().equals(map.brokers())) {
            ArrayNode brokers = line.putArray("brokers");
            map.brokers().forEach(b -> brokers.add(broker(b)));
        }
        if (previous == null || previous.rows().size() != map.rows().size()) {
            ArrayNode rows = line.putArray("rows");
            map.rows().forEach(r -> rows.add(row(r)));
        } else {
            ArrayNode changed = line.putArray("changed");
            for (int i = 0; i < map.rows().size(); i++) {
                if (!map.rows().get(i).equals(previous.rows().get(i))) {
                    ObjectNode change = changed.addObject();
                    change.put("at", i);
                    change.set("row", row(map.rows().get(i)));
                }
            }
        }
        return line;
    }

    /**
     * Reads a file {@link #write} made, handing each map to {@code each} as it is read (so a long recording is not
     * held twice), and returns the cluster's name.
     *
     * @throws TimelineFileException naming the line and what was expected, for a file that is not a timeline, is
     *     broken or cut short
     */
    public static String read(Path file, Consumer<RecordedMap> each) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new TimelineFileException(1, "a timeline's header line, but the file is empty");
            }
            JsonNode header = parse(first, 1);
            if (!FORMAT.equals(header.path("format").asText())) {
                throw new TimelineFileException(1, "a Partita timeline (\"format\": \"" + FORMAT + "\")");
            }
            if (header.path("version").asInt(-1) != VERSION) {
                throw new TimelineFileException(
                        1, "version " + VERSION + " of the timeline format, not " + header.path("version"));
            }
            String cluster = header.path("cluster").asText("");
            List<BrokerColumn> brokers = null;
            List<PartitionRow> rows = null;
            Instant lastTime = null;
            int number = 1;
            String text;
            while ((text = in.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line = parse(text, number);
                Instant time = time(line, number);
                if (lastTime != null && time.isBefore(lastTime)) {
                    throw new TimelineFileException(number, "a time no earlier than the line before's");
                }
                if (line.has("brokers")) {
                    brokers = brokers(line.get("brokers"), number);
                } else if (brokers == null) {
                    throw new TimelineFileException(number, "the brokers (the first moment lists them)");
                }
                if (line.has("rows")) {
                    rows = rows(line.get("rows"), number);
                } else if (line.has("changed") && rows != null) {
                    rows = changed(rows, line.get("changed"), number);
                } else {
                    throw new TimelineFileException(number, "\"rows\", or \"changed\" after a line with rows");
                }
                each.accept(new RecordedMap(time, new ClusterMap(brokers, rows)));
                lastTime = time;
            }
            return cluster;
        }
    }

    /** Reads the whole file into memory. */
    public static Recording read(Path file) throws IOException {
        List<RecordedMap> maps = new ArrayList<>();
        String cluster = read(file, maps::add);
        return new Recording(cluster, maps);
    }

    private static JsonNode parse(String text, int number) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new TimelineFileException(number, "a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new TimelineFileException(number, "a JSON object (" + e.getOriginalMessage() + ")");
        }
    }

    private static Instant time(JsonNode line, int number) {
        try {
            return Instant.parse(line.path("time").asText(""));
        } catch (DateTimeException e) {
            throw new TimelineFileException(number, "\"time\" as an ISO instant such as 2026-12-08T10:00:00Z");
        }
    }

    private static List<BrokerColumn> brokers(JsonNode array, int number) {
        if (!array.isArray()) {
            throw new TimelineFileException(number, "\"brokers\" as a list");
        }
        List<BrokerColumn> brokers = new ArrayList<>();
        for (JsonNode b : array) {
            if (!b.path("id").isInt()) {
                throw new TimelineFileException(number, "each broker's \"id\" as a number");
            }
            brokers.add(new BrokerColumn(
                    b.get("id").asInt(),
                    b.path("address").asText(""),
                    b.path("rack").isTextual() ? b.get("rack").asText() : null,
                    b.path("controller").asBoolean(false),
                    b.path("up").asBoolean(false)));
        }
        return brokers;
    }

    private static List<PartitionRow> rows(JsonNode array, int number) {
        if (!array.isArray()) {
            throw new TimelineFileException(number, "\"rows\" as a list");
        }
        List<PartitionRow> rows = new ArrayList<>();
        for (JsonNode r : array) {
            rows.add(row(r, number));
        }
        return rows;
    }

    private static List<PartitionRow> changed(List<PartitionRow> before, JsonNode array, int number) {
        if (!array.isArray()) {
            throw new TimelineFileException(number, "\"changed\" as a list");
        }
        List<PartitionRow> rows = new ArrayList<>(before);
        for (JsonNode change : array) {
            int at = change.path("at").asInt(-1);
            if (at < 0 || at >= rows.size() || !change.path("at").isInt()) {
                throw new TimelineFileException(
                        number, "each change's \"at\" as a row's place, from 0 to " + (rows.size() - 1));
            }
            rows.set(at, row(change.path("row"), number));
        }
        return rows;
    }

    private static ObjectNode broker(BrokerColumn b) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", b.id());
        node.put("address", b.address());
        if (b.rack() != null) {
            node.put("rack", b.rack());
        }
        node.put("controller", b.controller());
        node.put("up", b.up());
        return node;
    }

    private static ObjectNode row(PartitionRow r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("topic", r.topic());
        node.put("partition", r.partition());
        ints(node.putArray("replicas"), r.replicas());
        node.put("leader", r.leader());
        ints(node.putArray("isr"), r.isr());
        ints(node.putArray("offline"), r.offline());
        node.put("internal", r.internal());
        PartitionPositions p = r.positions();
        node.put("logStart", p.logStart());
        node.put("highWatermark", p.highWatermark());
        ObjectNode ends = node.putObject("logEnds");
        p.logEnds().forEach((broker, end) -> ends.put(String.valueOf(broker), end));
        return node;
    }

    private static PartitionRow row(JsonNode r, int number) {
        if (!r.isObject()
                || !r.path("topic").isTextual()
                || !r.path("partition").isInt()) {
            throw new TimelineFileException(number, "each row with a \"topic\" and a \"partition\"");
        }
        Map<Integer, Long> ends = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = r.path("logEnds").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> end = fields.next();
            try {
                ends.put(Integer.parseInt(end.getKey()), end.getValue().asLong());
            } catch (NumberFormatException e) {
                throw new TimelineFileException(number, "\"logEnds\" keyed by broker id, not \"" + end.getKey() + "\"");
            }
        }
        return new PartitionRow(
                r.get("topic").asText(),
                r.get("partition").asInt(),
                ints(r.path("replicas"), number),
                r.path("leader").asInt(PartitionRow.NO_LEADER),
                ints(r.path("isr"), number),
                ints(r.path("offline"), number),
                r.path("internal").asBoolean(false),
                new PartitionPositions(
                        r.path("logStart").asLong(-1), r.path("highWatermark").asLong(-1), ends));
    }

    private static void ints(ArrayNode array, List<Integer> values) {
        values.forEach(array::add);
    }

    private static List<Integer> ints(JsonNode array, int number) {
        if (!array.isArray()) {
            throw new TimelineFileException(number, "broker ids as a list");
        }
        List<Integer> ids = new ArrayList<>();
        for (JsonNode id : array) {
            if (!id.isInt()) {
                throw new TimelineFileException(number, "broker ids as numbers");
            }
            ids.add(id.asInt());
        }
        return ids;
    }

    private static void line(BufferedWriter out, ObjectNode node) throws IOException {
        out.write(JSON.writeValueAsString(node));
        out.newLine();
    }
}
