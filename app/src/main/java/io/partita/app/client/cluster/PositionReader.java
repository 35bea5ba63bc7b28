package io.partita.app.client.cluster;

import io.partita.broker.network.BlockingKafkaClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads where every replica is, from the replicas themselves: a ListOffsets (latest) with the debugging replica id
 * (-2) to each broker, which Apache Kafka and Partita answer from any replica with its own log end offset, and
 * from each leader the high watermark (a client's latest) and log start (earliest). The admin client cannot ask a
 * follower, so this keeps one plain connection per broker, on one connection's PLAINTEXT listener; the next
 * disconnect closes them.
 */
public final class PositionReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PositionReader.class);
    /** Served by every Kafka since 2.1 and by Partita; Kafka 4 dropped only version 0. */
    private static final short VERSION = 4;

    private static final int TIMEOUT_MS = 5_000;

    /** By broker address; used by one refresh at a time. */
    private final Map<String, BlockingKafkaClient> clients = new HashMap<>();

    /** Positions by partition key ({@link PartitionRow#key()}); partitions nobody answered for are missing. */
    public synchronized Map<String, PartitionPositions> read(ClusterMap map) {
        Map<String, Long> logStarts = new HashMap<>();
        Map<String, Long> highWatermarks = new HashMap<>();
        Map<String, Map<Integer, Long>> logEnds = new HashMap<>();
        for (BrokerColumn broker : map.brokers()) {
            if (!broker.up() || broker.address().isEmpty()) {
                continue;
            }
            List<PartitionRow> hosted = map.rows().stream()
                    .filter(r -> r.replicas().contains(broker.id()))
                    .filter(r -> !r.offline().contains(broker.id()))
                    .toList();
            List<PartitionRow> led =
                    hosted.stream().filter(r -> r.leader() == broker.id()).toList();
            if (hosted.isEmpty()) {
                continue;
            }
            try {
                BlockingKafkaClient client = client(broker.address());
                ask(client, ListOffsetsRequest.DEBUGGING_REPLICA_ID, ListOffsetsRequest.LATEST_TIMESTAMP, hosted)
                        .forEach((key, end) -> logEnds.computeIfAbsent(key, k -> new HashMap<>())
                                .put(broker.id(), end));
                if (!led.isEmpty()) {
                    highWatermarks.putAll(ask(
                            client, ListOffsetsRequest.CONSUMER_REPLICA_ID, ListOffsetsRequest.LATEST_TIMESTAMP, led));
                    logStarts.putAll(ask(
                            client,
                            ListOffsetsRequest.CONSUMER_REPLICA_ID,
                            ListOffsetsRequest.EARLIEST_TIMESTAMP,
                            led));
                }
            } catch (IOException | RuntimeException e) {
                // This broker's replicas stay unknown this time; the next refresh connects again.
                LOG.debug("Could not read replica positions from broker {}: {}", broker.id(), e.toString());
                forget(broker.address());
            }
        }
        Map<String, PartitionPositions> positions = new LinkedHashMap<>();
        for (PartitionRow row : map.rows()) {
            String key = row.key();
            if (logEnds.containsKey(key) || highWatermarks.containsKey(key)) {
                positions.put(
                        key,
                        new PartitionPositions(
                                logStarts.getOrDefault(key, -1L),
                                highWatermarks.getOrDefault(key, -1L),
                                logEnds.getOrDefault(key, Map.of())));
            }
        }
        return positions;
    }

    /** One ListOffsets for {@code rows}; the offsets of the partitions answered without error, by key. */
    private static Map<String, Long> ask(
            BlockingKafkaClient client, int replicaId, long timestamp, List<PartitionRow> rows) throws IOException {
        Map<String, ListOffsetsTopic> topics = new LinkedHashMap<>();
        for (PartitionRow row : rows) {
            topics.computeIfAbsent(row.topic(), t -> new ListOffsetsTopic().setName(t))
                    .partitions()
                    .add(new ListOffsetsPartition()
                            .setPartitionIndex(row.partition())
                            .setTimestamp(timestamp));
        }
        ListOffsetsRequest request = ListOffsetsRequest.Builder.forReplica(VERSION, replicaId)
                .setTargetTimes(new ArrayList<>(topics.values()))
                .build(VERSION);
        ListOffsetsResponse response = client.send(request);
        Map<String, Long> offsets = new HashMap<>();
        for (ListOffsetsTopicResponse topic : response.data().topics()) {
            for (ListOffsetsPartitionResponse partition : topic.partitions()) {
                if (partition.errorCode() == Errors.NONE.code() && partition.offset() >= 0) {
                    offsets.put(PartitionRow.key(topic.name(), partition.partitionIndex()), partition.offset());
                }
            }
        }
        return offsets;
    }

    private BlockingKafkaClient client(String address) {
        return clients.computeIfAbsent(address, a -> {
            int colon = a.lastIndexOf(':');
            return new BlockingKafkaClient(
                    a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)), "partita-positions", TIMEOUT_MS);
        });
    }

    private void forget(String address) {
        BlockingKafkaClient client = clients.remove(address);
        if (client != null) {
            client.close();
        }
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(BlockingKafkaClient::close);
        clients.clear();
    }
}
