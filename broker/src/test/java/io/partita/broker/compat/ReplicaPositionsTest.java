package io.partita.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.bench.ApacheKafkaTarget;
import io.partita.broker.log.PartitionLog;
import io.partita.broker.replication.Partition;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.RawConnection;
import io.partita.broker.testing.TestCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where each replica is: ListOffsets (latest) with the debugging replica id (-2) sent to a follower answers with
 * that follower's own log end offset, on Apache Kafka 4.4 and on Partita alike, while a client's ListOffsets to a
 * follower is refused. The app draws replica positions from these answers.
 */
@Tag("integration")
class ReplicaPositionsTest {
    private static final int RECORDS = 20;
    private static final short VERSION = 7;

    @Test
    void apacheKafkaAnswersFromEveryReplica(@TempDir Path dir) throws Exception {
        try (ApacheKafkaTarget kafka = ApacheKafkaTarget.forTests(2, dir.resolve("kafka"))) {
            String bootstrap = kafka.start();
            everyReplicaAnswersWithItsLogEnd(bootstrap, 2);
        }
    }

    @Test
    void partitaAnswersFromEveryReplicaWithItsOwnLogEnd() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, Map.of())) {
            TopicPartitionInfo partition = everyReplicaAnswersWithItsLogEnd(cluster.bootstrap(), 3);
            // Each answer is that node's own log, not the leader's: compare with the logs themselves.
            TopicPartition tp = new TopicPartition("positions", 0);
            for (Node replica : partition.replicas()) {
                Optional<Partition> local = cluster.cluster()
                        .broker(replica.id())
                        .flatMap(node -> node.replicaManager().partition(tp));
                assertThat(local).isPresent();
                PartitionLog log = local.get().log();
                assertThat(latestFrom(replica, ListOffsetsRequest.DEBUGGING_REPLICA_ID, tp)
                                .offset())
                        .isEqualTo(log.logEndOffset());
            }
        }
    }

    /** Writes {@value #RECORDS} records with acks=all, then asks each replica; returns the partition. */
    private static TopicPartitionInfo everyReplicaAnswersWithItsLogEnd(String bootstrap, int replicas)
            throws Exception {
        TopicPartition tp = new TopicPartition("positions", 0);
        TopicPartitionInfo partition;
        try (Admin admin = Clients.admin(bootstrap)) {
            Clients.createTopic(admin, tp.topic(), 1, (short) replicas, Map.of());
            Clients.awaitFullIsr(admin, tp.topic());
            try (KafkaProducer<String, String> producer =
                    Clients.producer(bootstrap, Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(tp.topic(), 0, null, "record " + i));
                }
                producer.flush();
            }
            TopicDescription description = Clients.describe(admin, tp.topic());
            partition = description.partitions().get(0);
        }
        assertThat(partition.replicas()).hasSize(replicas);
        for (Node replica : partition.replicas()) {
            // acks=all: every in-sync replica had the records before the last was acknowledged.
            ListOffsetsPartitionResponse debugging = latestFrom(replica, ListOffsetsRequest.DEBUGGING_REPLICA_ID, tp);
            assertThat(Errors.forCode(debugging.errorCode()))
                    .as("node %d", replica.id())
                    .isEqualTo(Errors.NONE);
            assertThat(debugging.offset())
                    .as("log end of node %d", replica.id())
                    .isEqualTo(RECORDS);

            ListOffsetsPartitionResponse client = latestFrom(replica, ListOffsetsRequest.CONSUMER_REPLICA_ID, tp);
            Errors expected = replica.id() == partition.leader().id() ? Errors.NONE : Errors.NOT_LEADER_OR_FOLLOWER;
            assertThat(Errors.forCode(client.errorCode()))
                    .as("a client asking node %d", replica.id())
                    .isEqualTo(expected);
        }
        return partition;
    }

    private static ListOffsetsPartitionResponse latestFrom(Node node, int replicaId, TopicPartition tp)
            throws Exception {
        ListOffsetsRequest request = ListOffsetsRequest.Builder.forReplica(VERSION, replicaId)
                .setTargetTimes(List.of(new ListOffsetsTopic()
                        .setName(tp.topic())
                        .setPartitions(List.of(new ListOffsetsPartition()
                                .setPartitionIndex(tp.partition())
                                .setTimestamp(ListOffsetsRequest.LATEST_TIMESTAMP)))))
                .build(VERSION);
        try (RawConnection connection = new RawConnection(node.host(), node.port(), 10_000)) {
            RequestHeader header = connection.send(request);
            ListOffsetsResponse response = connection.receive(header);
            return response.data().topics().get(0).partitions().get(0);
        }
    }
}
