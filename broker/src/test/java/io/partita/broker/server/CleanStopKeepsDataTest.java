package io.partita.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.local.LocalCluster;
import io.partita.broker.replication.Partition;
import io.partita.broker.testing.Clients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole local cluster stopped cleanly and started again, several times, keeps every replica's records. Seen
 * before the fix: the last node to stop closed its ZooKeeper cache while a rebuild of its cluster view was still
 * to run; the emptied cache read as "every topic deleted", and the node deleted its local logs on the way out.
 */
@Tag("integration")
class CleanStopKeepsDataTest {
    private static final int PARTITIONS = 3;
    private static final int RECORDS_PER_PARTITION = 10;

    @TempDir
    Path dir;

    @Test
    void everyReplicaKeepsItsRecordsAcrossCleanRestarts() throws Exception {
        try (LocalCluster cluster = new LocalCluster(LocalCluster.Settings.of(3, dir)).start();
                Admin admin = Clients.admin(cluster.bootstrapServers())) {
            Clients.createTopic(admin, "kept", PARTITIONS, 3, Map.of());
            Clients.awaitFullIsr(admin, "kept");
            try (KafkaProducer<String, String> producer =
                    Clients.producer(cluster.bootstrapServers(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
                for (int p = 0; p < PARTITIONS; p++) {
                    for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                        producer.send(new ProducerRecord<>("kept", p, null, "record " + i));
                    }
                }
                producer.flush();
            }
            Clients.awaitFullIsr(admin, "kept");
            // A group's commits bring the 50 partitions of __consumer_offsets, whose leaderships move on every
            // controlled shutdown: plenty of metadata changes while the nodes stop.
            try (KafkaConsumer<String, String> consumer =
                    Clients.consumer(cluster.bootstrapServers(), Map.of(ConsumerConfig.GROUP_ID_CONFIG, "keeper"))) {
                consumer.assign(List.of(new TopicPartition("kept", 0)));
                consumer.commitSync(Map.of(new TopicPartition("kept", 0), new OffsetAndMetadata(5)));
            }
        }
        for (int restart = 1; restart <= 4; restart++) {
            try (LocalCluster cluster = new LocalCluster(LocalCluster.Settings.of(3, dir)).start()) {
                for (int node = 0; node < 3; node++) {
                    BrokerNode broker = cluster.broker(node).orElseThrow();
                    for (int p = 0; p < PARTITIONS; p++) {
                        Optional<Partition> replica = broker.replicaManager().partition(new TopicPartition("kept", p));
                        assertThat(replica)
                                .as("restart %d: node %d's replica of kept-%d", restart, node, p)
                                .isPresent();
                        assertThat(replica.get().log().logEndOffset())
                                .as("restart %d: node %d's log end of kept-%d", restart, node, p)
                                .isEqualTo(RECORDS_PER_PARTITION);
                    }
                }
            }
        }
    }
}
